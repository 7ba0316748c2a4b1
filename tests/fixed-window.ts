// Rate limits count in fixed windows of the wall clock (tickets/rate-limit.ts): a test that sends
// N requests against a limit must not straddle a window's edge, or its count starts again half
// way. These freeze Date at the start of a window, so the whole test runs inside one.
import { afterEach, vi } from 'vitest';

/** Freezes Date at the start of the next window of this length; returns that instant. */
export function startOfWindow(windowMs: number): number {
  const start = (Math.floor(Date.now() / windowMs) + 1) * windowMs;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(start);
  return start;
}

/** Moves the frozen clock on (to the next window, or to a nonce's old age). */
export function advanceClock(ms: number): void {
  vi.setSystemTime(Date.now() + ms);
}

/** For a test file that freezes the clock: the real one back after each test. */
export function restoreClockAfterEach(): void {
  afterEach(() => {
    vi.useRealTimers();
  });
}
