// A throwaway hub for the benchmarks (scripts/bench/): started the way `npm start` does
// (migrations, demo seed, wrangler dev on 127.0.0.1) with the benchmark's Worker entry, which has
// the /__bench routes, on a fresh local D1 in a temporary directory that stop() removes.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

const binDir = join(root, 'node_modules', '.bin');

/**
 * Starts a throwaway hub the way `npm start` does (migrations, demo seed, wrangler dev), on a
 * fresh D1 in a temp dir.
 */
export async function startHub(extraEnv = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'hub-bench-'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(root, 'scripts', 'start.mjs'),
      // The benchmark's own Worker entry: the hub with /__bench (the yardstick and the outbox count).
      'worker/bench-entry.ts',
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
      '--var',
      'HUB_ENV:development',
      '--var',
      `PUBLIC_BASE_URL:http://127.0.0.1:${port}`,
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CI: '1',
        PATH: `${binDir}${delimiter}${process.env.PATH}`,
        HUB_PERSIST_DIR: join(dir, 'state'),
        PORT: String(port),
        ...extraEnv,
      },
      detached: true,
    },
  );
  let log = '';
  child.stdout.on('data', (d) => (log = (log + d).slice(-4000)));
  child.stderr.on('data', (d) => (log = (log + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited ${child.exitCode}\n${log}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      process.kill(-child.pid, 'SIGTERM');
      throw new Error(`wrangler dev did not answer /healthz within 180 s\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    await rm(dir, { recursive: true, force: true });
  };
  return { url, stop, processGroup: child.pid };
}
