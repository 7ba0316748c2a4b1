// The delivery doorbell: at most one prompt ring per queue while one is outstanding, delayed
// rings for retries, and a failed send does not count as a ring.
import { describe, expect, it } from 'vitest';
import { fakeQueue } from '../tests/helpers';
import { DOORBELL_DELAY_MS, ringDoorbell } from './jobs';

/** The doorbell's env: a recording queue as its JOBS binding. */
function doorbellEnv() {
  const q = fakeQueue();
  return { ...q, env: { JOBS: q.queue } };
}

describe('ringDoorbell', () => {
  it('sends one delayed ring, and none while it is outstanding', async () => {
    const { sent, env } = doorbellEnv();
    const t = 1_700_000_000_000;
    expect(await ringDoorbell(env, { now: t })).toBe(true);
    expect(await ringDoorbell(env, { now: t + 10 })).toBe(false);
    expect(await ringDoorbell(env, { now: t + DOORBELL_DELAY_MS / 2 })).toBe(false);
    expect(sent).toEqual([{ body: { kind: 'deliver_due' }, delaySeconds: 1 }]);
  });

  it('rings again when the outstanding ring may already be running its claim', async () => {
    const { sent, env } = doorbellEnv();
    const t = 1_700_000_000_000;
    await ringDoorbell(env, { now: t });
    // 850 ms on, the ring is 150 ms from delivery: a row written now could miss its claim.
    expect(await ringDoorbell(env, { now: t + 850 })).toBe(true);
    expect(await ringDoorbell(env, { now: t + 1500 })).toBe(false);
    expect(await ringDoorbell(env, { now: t + 1700 })).toBe(true);
    expect(sent).toHaveLength(3);
  });

  it('sends a delayed ring for a retry without standing in for a prompt one', async () => {
    const { sent, env } = doorbellEnv();
    const t = 1_700_000_000_000;
    expect(await ringDoorbell(env, { now: t, delayMs: 30_000 })).toBe(true);
    expect(await ringDoorbell(env, { now: t + 1 })).toBe(true);
    expect(sent.map((s) => s.delaySeconds)).toEqual([30, 1]);
  });

  it('does not count a failed send as outstanding', async () => {
    const down = doorbellEnv();
    const t = 1_700_000_000_000;
    down.failing(true);
    expect(await ringDoorbell(down.env, { now: t })).toBe(false);
    expect(down.sent).toEqual([]);
    // Same queue object, now working: the next writer rings at once.
    down.failing(false);
    expect(await ringDoorbell(down.env, { now: t + 10 })).toBe(true);
    expect(down.sent).toEqual([{ body: { kind: 'deliver_due' }, delaySeconds: 1 }]);
  });

  it('keeps rings of different queues apart', async () => {
    const a = doorbellEnv();
    const b = doorbellEnv();
    const t = 1_700_000_000_000;
    await ringDoorbell(a.env, { now: t });
    expect(await ringDoorbell(b.env, { now: t })).toBe(true);
  });
});
