// GET /api/v1/stats/breakdown: received and replied by channel, type, category or district over
// the period, largest first, each key with the name people read.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { gazetteerPlaces } from '../../db/schema';
import { channelLabels } from '../inbound-message';
import { assertDepartment, departmentTree } from './department-units';
import type { VolumeDimension } from './facts';
import { volumeByKey } from './rollup-reads';
import type { StatsScope } from './stats-period';

export interface BreakdownRow {
  key: string;
  label: string;
  received: number;
  replied: number;
}

/** What a ticket without the attribute is listed as. */
const noneLabels: Record<VolumeDimension, string> = {
  channel: '未知渠道',
  type: '未分类',
  category: '未分类',
  district: '未定位到区县',
};

export async function loadBreakdown(
  db: Db,
  scope: StatsScope,
  by: VolumeDimension,
): Promise<{ by: VolumeDimension; rows: BreakdownRow[] }> {
  const [tree, volume] = await db.batch([departmentTree(db), volumeByKey(db, scope, by)]);
  assertDepartment(tree, scope.department);
  const kept = volume.filter((v) => v.received !== 0 || v.replied !== 0);
  const places =
    by === 'district' && kept.length > 0
      ? await db
          .select({ code: gazetteerPlaces.code, name: gazetteerPlaces.name })
          .from(gazetteerPlaces)
          .where(
            inArray(
              gazetteerPlaces.code,
              kept
                .map((v) => v.key)
                .filter(Boolean)
                .slice(0, 90),
            ),
          )
      : [];
  const labelOf = (key: string) => {
    if (key === '') return noneLabels[by];
    if (by === 'channel') return channelLabels[key] ?? key;
    if (by === 'district') return places.find((p) => p.code === key)?.name ?? key;
    return key;
  };
  const rows = kept
    .map((v) => ({ key: v.key, label: labelOf(v.key), received: v.received, replied: v.replied }))
    .sort((a, b) => b.received - a.received || b.replied - a.replied || a.key.localeCompare(b.key));
  return { by, rows };
}
