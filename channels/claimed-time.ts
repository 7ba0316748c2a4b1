// A time a partner claims for a message (the integration's receivedAt, the call centre's startedAt,
// the Wechaty bridge's sentAt). The deadline counts from it and the monthly figures file the
// ticket under it, so a partner must not be able to date a message into a month already
// published, or into the future. History older than the bound goes through the history import
// (/api/v1/import), which replays the lifecycle at its own dates.
import { hubSignatureMaxSkewMs } from './hub-signature';

/** The future a clock a few minutes fast may claim: the same skew the signed channels allow. */
export const claimedTimeMaxAheadMs = hubSignatureMaxSkewMs;
/**
 * How old a live message may say it is. A week lets a partner send what queued up over a long
 * weekend or an outage of several days; anything older is history, for the import.
 */
export const claimedTimeMaxAgeMs = 7 * 24 * 60 * 60 * 1000;

export type ClaimedTimeProblem = 'future' | 'too_old';

export const claimedTimeMessages: Record<ClaimedTimeProblem, string> = {
  future: '时间晚于枢纽时钟 5 分钟以上 (more than 5 minutes ahead of the hub clock)',
  too_old: '时间早于 7 天前，历史数据请用 /api/v1/import 导入 (older than 7 days: send history through the import)',
};

/** What is wrong with a claimed time, or null when it lies within the bounds around `now`. */
export function claimedTimeProblem(
  atMs: number,
  now: number,
  bounds: { maxAgeMs: number | null } = { maxAgeMs: claimedTimeMaxAgeMs },
): ClaimedTimeProblem | null {
  if (atMs > now + claimedTimeMaxAheadMs) return 'future';
  if (bounds.maxAgeMs !== null && atMs < now - bounds.maxAgeMs) return 'too_old';
  return null;
}
