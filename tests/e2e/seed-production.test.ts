// The seed script in production: it refuses the demo city (its accounts share a published
// password) and prints only the reference data, with no staff account, when asked for that.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { root } from './hub-process.ts';

const run = promisify(execFile);
const seed = (args: string[], hubEnv: string) =>
  run(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/seed-sql.ts', ...args], {
    cwd: root,
    env: { ...process.env, HUB_ENV: hubEnv },
    maxBuffer: 16 * 1024 * 1024,
  });

describe('the seed in production', () => {
  it('refuses the demo seed', async () => {
    const failed = await seed([], 'production').then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('HUB_ENV=production seeds no demo city or accounts');
  });

  it('prints the reference data without a single account', async () => {
    const { stdout } = await seed(['--reference-only'], 'production');
    expect(stdout).toContain('insert into "calendar_days"');
    expect(stdout).not.toContain('insert into "staff"');
    // The same script outside production seeds the demo accounts: the check above can fail.
    const demo = await seed([], 'development');
    expect(demo.stdout).toContain('insert into "staff"');
  });
});
