// The working calendar's exception days, shared by the admin API (worker/routes/admin-calendar.ts)
// and the admins' workbench page: one input schema, and every change drops the working-time
// cache so deadlines follow it at once.
import { z } from '@hono/zod-openapi';
import { asc, between, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { calendarDays } from '../../db/schema';
import { HubError } from '../../tickets/hub-error';
import { forgetWorkingTime } from '../../tickets/working-calendar';

export const calendarDayInput = z.object({
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().min(1).max(50),
});
export const calendarDate = z.iso.date().openapi({ example: '2027-02-06' });

export type CalendarDay = Pick<typeof calendarDays.$inferSelect, 'date' | 'kind' | 'name' | 'source'>;

export function listCalendarYear(db: Db, year: number): Promise<CalendarDay[]> {
  return db
    .select({ date: calendarDays.date, kind: calendarDays.kind, name: calendarDays.name, source: calendarDays.source })
    .from(calendarDays)
    .where(between(calendarDays.date, `${year}-01-01`, `${year}-12-31`))
    .orderBy(asc(calendarDays.date));
}

/** Marks a day as a holiday or a working day, as an admin's own entry. */
export async function markCalendarDay(
  db: Db,
  date: string,
  { kind, name }: z.infer<typeof calendarDayInput>,
): Promise<CalendarDay> {
  const row = { date, kind, name, source: 'admin' as const, updatedAt: Date.now() };
  await db.insert(calendarDays).values(row).onConflictDoUpdate({ target: calendarDays.date, set: row });
  forgetWorkingTime();
  return { date, kind, name, source: 'admin' };
}

/** Returns a day to the ordinary Monday–Friday week. */
export async function clearCalendarDay(db: Db, date: string): Promise<void> {
  const removed = await db
    .delete(calendarDays)
    .where(eq(calendarDays.date, date))
    .returning({ date: calendarDays.date });
  if (removed.length === 0) throw new HubError('not_found', `${date} 不是节假日或调休日`);
  forgetWorkingTime();
}
