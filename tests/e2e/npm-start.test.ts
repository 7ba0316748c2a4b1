// `npm start` as a developer runs it (scripts/start.mjs: migrations, demo seed, wrangler dev),
// on 127.0.0.1, a free port and a fresh local D1: GET /__scheduled runs the Worker's cron, whose
// pruning of hot-spot band keys drops a key older than the 14-day window and keeps a fresh one.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort, root } from './hub-process.ts';

const run = promisify(execFile);
const binDir = path.join(root, 'node_modules', '.bin');
const env = {
  ...process.env,
  CI: 'true',
  WRANGLER_SEND_METRICS: 'false',
  NO_COLOR: '1',
  PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
};

let persistDir = '';
let url = '';
let hub: ChildProcess | undefined;
let log = '';

async function d1(sql: string): Promise<unknown[]> {
  const { stdout } = await run(
    path.join(binDir, 'wrangler'),
    ['d1', 'execute', 'DB', '--local', '--persist-to', persistDir, '--json', '--command', sql],
    { cwd: root, env, timeout: 60_000 },
  );
  return (JSON.parse(stdout) as { results: unknown[] }[])[0]?.results ?? [];
}

beforeAll(async () => {
  persistDir = await mkdtemp(path.join(tmpdir(), 'hub-npm-start-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  hub = spawn(
    process.execPath,
    [path.join(root, 'scripts', 'start.mjs'), '--show-interactive-dev-session=false', '--log-level', 'warn'],
    {
      cwd: root,
      env: { ...env, HUB_PERSIST_DIR: persistDir, PORT: String(port) },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  hub.stdout?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  hub.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  await eventually(
    'npm start to answer /healthz',
    async () => {
      if (hub?.exitCode !== null) throw new Error(`npm start exited early:\n${log}`);
      try {
        return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })).ok ? true : undefined;
      } catch {
        return undefined;
      }
    },
    150_000,
  );
});

afterAll(async () => {
  if (hub?.pid && hub.exitCode === null) {
    const exited = new Promise((r) => hub?.once('exit', r));
    process.kill(-hub.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (hub.exitCode === null) process.kill(-hub.pid, 'SIGKILL');
  }
  if (persistDir) await rm(persistDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('runs the cron on GET /__scheduled', async () => {
    const fifteenDaysAgo = Date.now() - 15 * 24 * 60 * 60 * 1000;
    await d1(
      `INSERT INTO ticket_bands (band, ticket_id, received_at)
       VALUES ('A3|old', 'e2e-old', ${fifteenDaysAgo}), ('A3|fresh', 'e2e-fresh', ${Date.now()})`,
    );
    const res = await fetch(`${url}/__scheduled`, { signal: AbortSignal.timeout(30_000) });
    expect(res.status).toBe(200);
    const left = await d1("SELECT band FROM ticket_bands WHERE ticket_id LIKE 'e2e-%' ORDER BY band");
    expect(left).toEqual([{ band: 'A3|fresh' }]);
  });

  it('brings the demo letters online through the history import, redacted', async () => {
    const api = `${url}/api/v1/public/replies?limit=100`;
    const items = await eventually(
      'the demo letters on /api/v1/public/replies',
      async () => {
        const body = (await (await fetch(api, { signal: AbortSignal.timeout(5000) })).json()) as {
          items: Array<{ title: string; question: string }>;
        };
        return body.items.length === 10 ? body.items : undefined;
      },
      60_000,
    );
    const noise = items.find((i) => i.title === '人民路夜间施工噪音扰民');
    // db/seed/demo-history.jsonl's first letter names its writer and his number: both masked.
    expect(noise?.question).toContain('我是王某某');
    expect(JSON.stringify(items)).not.toMatch(/王建国|13912345678/);
    const portal = await (await fetch(`${url}/`)).text();
    expect(portal).toContain('老旧小区加装电梯补贴'); // the newest reply of the demo letters
  });
});
