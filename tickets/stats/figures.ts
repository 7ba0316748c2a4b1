// The rates and the composite score from a period's summed rollups (DESIGN.md "Metrics"), pure.
// A rate is null when there is nothing to divide by; the composite score needs the ratings.
import type { statsDaily } from '../../db/schema';
import type { MetricSettings } from './metric-settings';

/** One period's sums of every `stats_daily` column. */
export type DailySums = Omit<typeof statsDaily.$inferSelect, 'day' | 'departmentCode'>;

export const emptySums = (): DailySums => ({
  received: 0,
  dispatched: 0,
  responseKnown: 0,
  responded: 0,
  signed: 0,
  signTimed: 0,
  signMinutes: 0,
  replied: 0,
  repliedOnTime: 0,
  replyTimed: 0,
  replyMinutes: 0,
  closed: 0,
  overdue: 0,
  overdueOpen: 0,
  rated: 0,
  resolved: 0,
  satisfied: 0,
});

export function addSums(into: DailySums, more: Partial<DailySums>): DailySums {
  for (const key of Object.keys(into) as Array<keyof DailySums>) into[key] += Number(more[key] ?? 0);
  return into;
}

export interface Rates {
  /** 响应率: signed for within the window ÷ dispatched (those whose sign-for time is known). */
  responseRate: number | null;
  /** 按时办结率: answered by the deadline ÷ (answered + overdue without an answer). */
  onTimeRate: number | null;
  /** 解决率: resolved ÷ rated. */
  resolutionRate: number | null;
  /** 满意率: (满意 + 基本满意) ÷ rated. */
  satisfactionRate: number | null;
  compositeScore: number | null;
  avgSignHours: number | null;
  avgReplyHours: number | null;
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const hours = (minutes: number, n: number) => (n > 0 ? minutes / n / 60 : null);

export function ratesOf(s: DailySums, settings: MetricSettings): Rates {
  const responseRate = ratio(s.responded, s.responseKnown);
  const resolutionRate = ratio(s.resolved, s.rated);
  const satisfactionRate = ratio(s.satisfied, s.rated);
  return {
    responseRate,
    onTimeRate: ratio(s.repliedOnTime, s.replied + s.overdueOpen),
    resolutionRate,
    satisfactionRate,
    compositeScore: compositeOf(responseRate, resolutionRate, satisfactionRate, settings.weights),
    avgSignHours: hours(s.signMinutes, s.signTimed),
    avgReplyHours: hours(s.replyMinutes, s.replyTimed),
  };
}

/**
 * The weighted score; null without ratings. Without a response rate (nothing dispatched with a
 * known sign-for time: imported history has none) the other two carry the score, their weights
 * scaled to sum to 1, so an archive's months are ranked on what they record.
 */
function compositeOf(
  response: number | null,
  resolution: number | null,
  satisfaction: number | null,
  w: MetricSettings['weights'],
): number | null {
  if (resolution === null || satisfaction === null) return null;
  const rated = w.resolution * resolution + w.satisfaction * satisfaction;
  if (response !== null) return w.response * response + rated;
  const weight = w.resolution + w.satisfaction;
  return weight > 0 ? rated / weight : null;
}
