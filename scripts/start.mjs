// `npm start`: the hub on http://127.0.0.1:8787 with a local D1. Applies the migrations and the
// demo seed on every start (both idempotent), then runs `wrangler dev --test-scheduled`, so
// `GET /__scheduled` runs the cron (a delivery run, the pruning of band keys) on demand.
// Arguments after `npm start --` go to wrangler dev (the benchmark passes its own entry).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, {
    stdio: ['ignore', opts.capture ? 'pipe' : 'inherit', 'inherit'],
    encoding: 'utf8',
    shell: false,
    ...opts,
  });
  if (r.status !== 0) {
    console.error(`start: ${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
  return r.stdout;
};

const persist = process.env.HUB_PERSIST_DIR ? ['--persist-to', process.env.HUB_PERSIST_DIR] : [];
const port = process.env.PORT ?? '8787';

console.log('start: applying D1 migrations (local)');
run('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', ...persist], { env: { ...process.env, CI: 'true' } });

console.log('start: seeding the demo city');
mkdirSync('.wrangler', { recursive: true });
writeFileSync('.wrangler/seed.sql', run('tsx', ['scripts/seed-sql.ts'], { capture: true }));
run('wrangler', ['d1', 'execute', 'DB', '--local', ...persist, '--file', '.wrangler/seed.sql'], {
  env: { ...process.env, CI: 'true' },
});

console.log(`start: the hub runs at http://127.0.0.1:${port} (demo accounts: see README)`);
// wrangler's local trace store records every request into a SQLite file of its own (never
// pruned) and costs each request CPU: a hub left running would fill the disk.
// Developers who want the local traces ask for them with X_LOCAL_OBSERVABILITY=true.
const devEnv = { ...process.env, X_LOCAL_OBSERVABILITY: process.env.X_LOCAL_OBSERVABILITY ?? 'false' };
const devArgs = ['dev', '--ip', '127.0.0.1', '--port', port, '--test-scheduled', ...persist, ...process.argv.slice(2)];
const dev = spawn('wrangler', devArgs, { stdio: 'inherit', env: devEnv });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code) => process.exit(code ?? 0));

// The demo city's published letters (db/seed/demo-history.jsonl) come in through the history
// import once the hub answers, so the portal and /public show real replies, redacted and
// searchable, on a fresh start. Idempotent: a second start imports nothing new.
async function importDemoHistory() {
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const imp = spawn('node', ['scripts/import-history.mjs', '--file', 'db/seed/demo-history.jsonl', '--url', base], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  imp.on('exit', (code) => {
    if (code === 0) console.log('start: demo letters imported and published (/public)');
    else console.warn(`start: the demo letters were not imported (exit ${code}); npm run import can retry`);
  });
}
if (process.env.HUB_DEMO_HISTORY !== 'false') importDemoHistory();
