// The dashboard's reads: sums of the rollups over a period's days and a department subtree, one
// statement each for a db.batch. Each reads a primary-key range of a small table (a row per day
// and department), never the tickets.
import { and, between, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { settings, statsDaily, statsLights, statsVolume } from '../../db/schema';
import { subtreeOf } from '../lifecycle/visibility';
import type { VolumeDimension } from './facts';
import type { DailySums } from './figures';
import { METRIC_SETTINGS_KEY } from './metric-settings';
import type { StatsScope } from './stats-period';

const { day: _day, departmentCode: _department, ...dailyValues } = getTableColumns(statsDaily);

/** `sum(column)` of every daily column, named as the column's key. */
const dailySums = Object.fromEntries(
  Object.entries(dailyValues).map(([key, column]) => [key, sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number)]),
) as { [K in keyof DailySums]: SQL<number> };

const inDepartment = (column: typeof statsDaily.departmentCode, department: string | null) =>
  department === null ? undefined : sql`${column} in ${subtreeOf(department)}`;

function inScope(scope: StatsScope): SQL | undefined {
  return and(
    between(statsDaily.day, scope.startDay, scope.endDay),
    inDepartment(statsDaily.departmentCode, scope.department),
  );
}

/** The period's sums for the whole scope. */
export function totalsOf(db: Db, scope: StatsScope) {
  return db.select(dailySums).from(statsDaily).where(inScope(scope));
}

/** The period's sums per lead department ('' for tickets with none). */
export function totalsByDepartment(db: Db, scope: StatsScope) {
  return db
    .select({ departmentCode: statsDaily.departmentCode, ...dailySums })
    .from(statsDaily)
    .where(inScope(scope))
    .groupBy(statsDaily.departmentCode);
}

/** The period's sums per day, in order. */
export function totalsByDay(db: Db, scope: StatsScope) {
  return db
    .select({ day: statsDaily.day, ...dailySums })
    .from(statsDaily)
    .where(inScope(scope))
    .groupBy(statsDaily.day)
    .orderBy(statsDaily.day);
}

/** Received and replied per key of one breakdown. */
export function volumeByKey(db: Db, scope: StatsScope, dimension: VolumeDimension) {
  return db
    .select({
      key: statsVolume.key,
      received: sql<number>`sum(${statsVolume.received})`.mapWith(Number),
      replied: sql<number>`sum(${statsVolume.replied})`.mapWith(Number),
    })
    .from(statsVolume)
    .where(
      and(
        sql`${statsVolume.dimension} = ${dimension}`,
        between(statsVolume.day, scope.startDay, scope.endDay),
        scope.department === null ? undefined : sql`${statsVolume.departmentCode} in ${subtreeOf(scope.department)}`,
      ),
    )
    .groupBy(statsVolume.key);
}

/** Open tickets lit yellow and red now, per department. */
export function lightsByDepartment(db: Db, department: string | null) {
  return db
    .select({ departmentCode: statsLights.departmentCode, light: statsLights.light, tickets: statsLights.tickets })
    .from(statsLights)
    .where(
      and(
        inArray(statsLights.light, ['yellow', 'red']),
        department === null ? undefined : sql`${statsLights.departmentCode} in ${subtreeOf(department)}`,
      ),
    );
}

export function metricSettingsRow(db: Db) {
  return db.select().from(settings).where(sql`${settings.key} = ${METRIC_SETTINGS_KEY}`);
}
