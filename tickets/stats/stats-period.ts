// The period and department every stats figure is for (DESIGN.md "Stats API"): `from` and `to`
// are Asia/Shanghai dates, both inclusive, turned into the rollups' day numbers; `department` a
// subtree (none: the whole city). Also the keys of days, ISO weeks and months the trend groups by.
import { z } from '@hono/zod-openapi';
import { localDate, SHANGHAI_OFFSET_MS } from '../../routing/calendar';

const DAY_MS = 86_400_000;

/** A period of local days, both ends included, as the rollups number them. */
export interface StatsScope {
  from: string;
  to: string;
  startDay: number;
  endDay: number;
  /** A department and everything under it; null for the whole city (tickets not yet dispatched too). */
  department: string | null;
}

/** The local day number of an instant (days since 1970-01-01 in Asia/Shanghai). */
export const dayOf = (at: number) => Math.floor((at + SHANGHAI_OFFSET_MS) / DAY_MS);
export const dayOfDate = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
export const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** The instant local midnight starts a day number. */
export const startOfDay = (day: number) => day * DAY_MS - SHANGHAI_OFFSET_MS;

/** The longest period one request may ask for: three years of days is still a small read. */
export const MAX_PERIOD_DAYS = 3 * 366;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && dateOfDay(dayOfDate(d)) === d, '不是有效日期');

/** The query every stats route, the drill-down and the dashboard take. */
export const statsQuerySchema = z.object({
  from: isoDate
    .optional()
    .openapi({ description: '起始日期（含），Asia/Shanghai；默认本月1日', example: '2026-11-01' }),
  to: isoDate.optional().openapi({ description: '截止日期（含）；默认今天', example: '2026-11-30' }),
  department: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .optional()
    .openapi({ description: '部门编码：该部门及其下属部门；默认全市' }),
  format: z.enum(['json', 'csv']).default('json').openapi({ description: 'csv：下载同一张表（UTF-8，带 BOM）' }),
});
export type StatsQuery = z.output<typeof statsQuerySchema>;

/** This month up to today, the dashboard's first view. */
export function defaultDates(now: number): { from: string; to: string } {
  const today = localDate(now);
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/** The scope of a query, or the reason it has none (a message for a 422 on `path`). */
export function scopeOf(
  q: Pick<StatsQuery, 'from' | 'to' | 'department'>,
  now: number,
): StatsScope | { path: string; message: string } {
  const dates = defaultDates(now);
  const from = q.from ?? (q.to && q.to < dates.from ? `${q.to.slice(0, 8)}01` : dates.from);
  const to = q.to ?? (q.from && q.from > dates.to ? q.from : dates.to);
  const startDay = dayOfDate(from);
  const endDay = dayOfDate(to);
  if (endDay < startDay) return { path: 'to', message: '截止日期不能早于起始日期' };
  if (endDay - startDay + 1 > MAX_PERIOD_DAYS) return { path: 'from', message: `一次最多查询 ${MAX_PERIOD_DAYS} 天` };
  return { from, to, startDay, endDay, department: q.department ?? null };
}

export type Granularity = 'day' | 'week' | 'month';

/** The trend's key of a day: `2026-11-03`, the ISO week `2026-W45`, or `2026-11`. */
export function periodKeyOf(day: number, granularity: Granularity): string {
  const date = dateOfDay(day);
  if (granularity === 'day') return date;
  if (granularity === 'month') return date.slice(0, 7);
  // ISO 8601: weeks start on Monday and belong to the year of their Thursday (day 0 was a Thursday).
  const weekday = (((day + 3) % 7) + 7) % 7;
  const thursday = day - weekday + 3;
  const year = dateOfDay(thursday).slice(0, 4);
  const week = Math.floor((thursday - dayOfDate(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
