// Starts the real hub for Node-side end-to-end tests: `wrangler dev` on 127.0.0.1 and a free
// port, with a fresh local D1 in a temp folder that gets the migrations and the demo seed, as
// `npm start` does. `stop()` ends the whole process group and removes the folder.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
// As `npm start` (scripts/start.mjs): without wrangler's local trace store, which costs every request CPU.
const quietEnv = {
  ...process.env,
  CI: 'true',
  WRANGLER_SEND_METRICS: 'false',
  NO_COLOR: '1',
  X_LOCAL_OBSERVABILITY: 'false',
};

export interface HubProcess {
  url: string;
  /** Runs SQL on the hub's local D1 (wrangler d1 execute). */
  d1(sql: string): Promise<void>;
  /** Reads the hub's local D1 (wrangler d1 execute --json): the rows of one statement. */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  log(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Polls `check` until it returns a value, or fails after `timeoutMs` naming `what`. */
export async function eventually<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startHub(options: { vars?: Record<string, string>; seed?: boolean } = {}): Promise<HubProcess> {
  const persistDir = await mkdtemp(path.join(tmpdir(), 'hub-e2e-'));
  const persist = ['--local', '--persist-to', persistDir];
  await run(bin('wrangler'), ['d1', 'migrations', 'apply', 'DB', ...persist], {
    cwd: root,
    env: quietEnv,
    timeout: 90_000,
  });
  if (options.seed !== false) {
    const { stdout } = await run(bin('tsx'), ['scripts/seed-sql.ts'], {
      cwd: root,
      env: quietEnv,
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const seedFile = path.join(persistDir, 'seed.sql');
    await writeFile(seedFile, stdout);
    await run(bin('wrangler'), ['d1', 'execute', 'DB', ...persist, '--file', seedFile], {
      cwd: root,
      env: quietEnv,
      timeout: 90_000,
    });
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const vars = { HUB_ENV: 'test', PUBLIC_BASE_URL: url, ...options.vars };
  let log = '';
  const hub: ChildProcess = spawn(
    bin('wrangler'),
    [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--persist-to',
      persistDir,
      ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
      // As `npm start`: GET /__scheduled runs the cron (the dashboard's test turns letters red).
      '--test-scheduled',
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
    ],
    { cwd: root, env: quietEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  hub.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  hub.stderr?.on('data', (d: Buffer) => (log += d.toString()));

  const stop = async () => {
    if (hub.pid && hub.exitCode === null) {
      const exited = new Promise((r) => hub.once('exit', r));
      // wrangler dev runs workerd as a child: end the whole process group started here.
      process.kill(-hub.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (hub.exitCode === null) process.kill(-hub.pid, 'SIGKILL');
    }
    await rm(persistDir, { recursive: true, force: true });
  };

  try {
    await eventually(
      'the hub to answer /healthz',
      async () => {
        if (hub.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log}`);
        try {
          return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })).ok ? true : undefined;
        } catch {
          return undefined;
        }
      },
      90_000,
    );
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- hub log ---\n${log.slice(-3000)}`);
  }

  return {
    url,
    log: () => log,
    stop,
    d1: async (sql) => {
      await run(bin('wrangler'), ['d1', 'execute', 'DB', ...persist, '--command', sql], {
        cwd: root,
        env: quietEnv,
        timeout: 60_000,
      });
    },
    query: async <T>(sql: string) => {
      const { stdout } = await run(bin('wrangler'), ['d1', 'execute', 'DB', ...persist, '--json', '--command', sql], {
        cwd: root,
        env: quietEnv,
        timeout: 60_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      return ((JSON.parse(stdout) as { results: T[] }[])[0]?.results ?? []) as T[];
    },
  };
}
