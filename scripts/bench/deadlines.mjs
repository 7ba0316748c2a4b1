// How fast the working-time calendar computes deadlines (the lifecycle does this on every
// dispatch, pause, resume and extension): deadlines per second over four years of holidays.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function run() {
  // The calendar is TypeScript: run the measurement through tsx.
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const out = execFileSync('tsx', ['scripts/bench/deadlines-measure.ts'], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());
