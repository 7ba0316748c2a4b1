// Loads the working calendar, the SLA policies and the metrics' settings (the sign-for window)
// from D1 for the lifecycle. They change rarely
// (an admin edits a holiday), so each isolate keeps them for a minute; an edit through the
// admin API drops the cached copy at once.

import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { calendarDays, settings, slaPolicies } from '../db/schema';
import { createCalendar, type WorkingCalendar } from '../routing/calendar';
import type { SlaPolicy } from '../routing/sla';
import { METRIC_SETTINGS_KEY, type MetricSettings, metricSettingsOf } from './stats/metric-settings';

export interface WorkingTime {
  calendar: WorkingCalendar;
  policies: SlaPolicy[];
  metrics: MetricSettings;
}

const TTL_MS = 60_000;
let cached: (WorkingTime & { at: number }) | null = null;

export async function loadWorkingTime(db: Db, now = Date.now()): Promise<WorkingTime> {
  if (cached && now - cached.at < TTL_MS && now >= cached.at) return cached;
  const [days, policies, metricRows] = await db.batch([
    db.select().from(calendarDays),
    db.select().from(slaPolicies),
    db.select().from(settings).where(eq(settings.key, METRIC_SETTINGS_KEY)),
  ]);
  const loaded = {
    calendar: createCalendar(days),
    policies: policies as SlaPolicy[],
    metrics: metricSettingsOf(metricRows),
    at: now,
  };
  cached = loaded;
  return loaded;
}

/** Called after an admin edits the calendar, the SLA policies or the metrics' settings. */
export function forgetWorkingTime(): void {
  cached = null;
}
