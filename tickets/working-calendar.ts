// Loads the working calendar and SLA policies from D1 for the lifecycle. They change rarely
// (an admin edits a holiday), so each isolate keeps them for a minute; an edit through the
// admin API drops the cached copy at once.

import type { Db } from '../db/client';
import { calendarDays, slaPolicies } from '../db/schema';
import { createCalendar, type WorkingCalendar } from '../routing/calendar';
import type { SlaPolicy } from '../routing/sla';

export interface WorkingTime {
  calendar: WorkingCalendar;
  policies: SlaPolicy[];
}

const TTL_MS = 60_000;
let cached: (WorkingTime & { at: number }) | null = null;

export async function loadWorkingTime(db: Db, now = Date.now()): Promise<WorkingTime> {
  if (cached && now - cached.at < TTL_MS && now >= cached.at) return cached;
  const [days, policies] = await db.batch([db.select().from(calendarDays), db.select().from(slaPolicies)]);
  const loaded = { calendar: createCalendar(days), policies: policies as SlaPolicy[], at: now };
  cached = loaded;
  return loaded;
}

/** Called after an admin edits the calendar or the SLA policies. */
export function forgetWorkingTime(): void {
  cached = null;
}
