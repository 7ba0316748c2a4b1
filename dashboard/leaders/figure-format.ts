// How the leaders' pages write a figure: rates as percentages with one decimal, the composite
// score out of 100 (分), hours with one decimal, and "—" where there is nothing to divide by.
export const NONE = '—';

export const percent = (rate: number | null) => (rate === null ? NONE : `${(rate * 100).toFixed(1)}%`);
export const score = (composite: number | null) => (composite === null ? NONE : (composite * 100).toFixed(1));
export const hoursText = (h: number | null) => (h === null ? NONE : h.toFixed(1));

/** A month-on-month change (环比): "+12.5%" of a count, "+1.2 个百分点" of a rate. */
export function countChange(now: number, before: number): string {
  if (before === 0) return now === 0 ? '持平' : '上月为0';
  const change = ((now - before) / before) * 100;
  return change === 0 ? '持平' : `${change > 0 ? '+' : ''}${change.toFixed(1)}%`;
}

export function rateChange(now: number | null, before: number | null): string {
  if (now === null || before === null) return NONE;
  const points = (now - before) * 100;
  return Math.abs(points) < 0.05 ? '持平' : `${points > 0 ? '+' : ''}${points.toFixed(1)} 个百分点`;
}
