// The demo city 「A市」: its departments, one account per role, the working calendar and the
// SLA policies. `npm start` applies it on every start and the tests apply it before each file;
// every insert skips rows that exist, so it is idempotent and never undoes an admin's edit.
// Production seeds the calendar and SLA policies only (no demo departments or accounts).
import type { BatchItem } from 'drizzle-orm/batch';
import {
  demoCategoryDepartments,
  demoGazetteer,
  demoManualQueueDepartment,
  demoRules,
  demoTerritorialCategories,
  demoThreshold,
  demoDepartments as routingDemoDepartments,
} from '../../routing/demo-data';
import { defaultSlaPolicies } from '../../routing/sla';
import type { Db } from '../client';
import {
  calendarDays,
  departments,
  gazetteerPlaces,
  routingRules,
  serviceNumbers,
  settings,
  slaPolicies,
  staff,
} from '../schema';
import calendarCn from './calendar-cn.json';

export const DEMO_PASSWORD = 'hub-demo-12345';

type Department = typeof departments.$inferInsert;

/**
 * The departments routing names (functional departments, utilities, the district and street
 * governments of the demo gazetteer, the centre), under the city government.
 */
export function demoDepartments(): Department[] {
  const kinds: Record<string, Department['kind']> = {
    water: 'utility',
    power: 'utility',
    gas: 'utility',
    heat: 'utility',
  };
  const rows: Department[] = [{ code: 'city', parentCode: null, name: 'A市人民政府', kind: 'city', sortOrder: 0 }];
  for (const [i, d] of routingDemoDepartments.entries()) {
    rows.push({
      code: d.code,
      parentCode: d.parentCode ?? 'city',
      name: d.name,
      kind: kinds[d.code] ?? d.kind,
      placeCode: d.kind === 'district' || d.kind === 'street' ? d.code : null,
      phone: d.kind === 'centre' ? '12345' : null,
      contactName: '值班室',
      sortOrder: i + 1,
    });
  }
  return rows;
}

/** admin, dispatcher, supervisor, leader, and `<code>.handler` / `<code>.reviewer` for each department. */
export function demoStaff(passwordHash: string, now: number): Array<typeof staff.$inferInsert> {
  const rows: Array<typeof staff.$inferInsert> = [
    {
      id: 'staff-admin',
      username: 'admin',
      displayName: '系统管理员',
      role: 'admin',
      departmentCode: 'centre',
      passwordHash,
      createdAt: now,
    },
    {
      id: 'staff-dispatcher',
      username: 'dispatcher',
      displayName: '派单员',
      role: 'dispatcher',
      departmentCode: 'centre',
      passwordHash,
      createdAt: now,
    },
    {
      id: 'staff-supervisor',
      username: 'supervisor',
      displayName: '督办员',
      role: 'supervisor',
      departmentCode: 'centre',
      passwordHash,
      createdAt: now,
    },
    {
      id: 'staff-leader',
      username: 'leader',
      displayName: '市领导',
      role: 'leader',
      departmentCode: 'city',
      passwordHash,
      createdAt: now,
    },
  ];
  for (const dept of demoDepartments()) {
    if (dept.kind === 'city' || dept.kind === 'centre') continue;
    for (const role of ['handler', 'reviewer'] as const) {
      rows.push({
        id: `staff-${dept.code}-${role}`,
        username: `${dept.code}.${role}`,
        displayName: `${dept.name}${role === 'handler' ? '承办人' : '审核人'}`,
        role,
        departmentCode: dept.code,
        passwordHash,
        createdAt: now,
      });
    }
  }
  return rows;
}

export const defaultSettings: Record<string, unknown> = {
  'routing.threshold': demoThreshold,
  'routing.categoryDepartments': demoCategoryDepartments,
  'routing.territorialCategories': demoTerritorialCategories,
  'routing.manualQueueDepartment': demoManualQueueDepartment,
};

type Statement = BatchItem<'sqlite'>;

/** Reference data every deployment needs: the calendar, SLA policies and settings. */
export function referenceSeedStatements(db: Db, now: number): Statement[] {
  const days = calendarCn as Array<{
    date: string;
    kind: 'holiday' | 'workday';
    name: string;
    source: 'official' | 'statutory';
  }>;
  return [
    ...chunk(days, 15).map((rows) =>
      db
        .insert(calendarDays)
        .values(rows.map((d) => ({ ...d, updatedAt: now })))
        .onConflictDoNothing(),
    ),
    db.insert(slaPolicies).values(defaultSlaPolicies).onConflictDoNothing(),
    db
      .insert(settings)
      .values(Object.entries(defaultSettings).map(([key, value]) => ({ key, value, updatedAt: now })))
      .onConflictDoNothing(),
  ];
}

/**
 * The demo city's own published lines, which redaction leaves unmasked. The national numbers
 * (12345, 110, 12315…) are built into redaction (tickets/redaction/non-personal.ts) rather than
 * seeded, so that no admin can remove them by mistake.
 */
export const demoServiceNumbers = [
  { number: '0731-12319', label: 'A市城建服务热线' },
  { number: '0731-96166', label: 'A市供水服务热线' },
];

export function demoSeedStatements(db: Db, passwordHash: string, now: number): Statement[] {
  return [
    ...referenceSeedStatements(db, now),
    db
      .insert(serviceNumbers)
      .values(demoServiceNumbers.map((n) => ({ ...n, updatedAt: now })))
      .onConflictDoNothing(),
    ...chunk(demoDepartments(), 8).map((rows) => db.insert(departments).values(rows).onConflictDoNothing()),
    ...chunk(demoStaff(passwordHash, now), 8).map((rows) => db.insert(staff).values(rows).onConflictDoNothing()),
    ...chunk(demoGazetteer, 15).map((rows) =>
      db
        .insert(gazetteerPlaces)
        .values(
          rows.map((p) => ({
            code: p.code,
            name: p.name,
            level: p.level,
            parentCode: p.parentCode,
            aliases: p.aliases ?? [],
          })),
        )
        .onConflictDoNothing(),
    ),
    ...chunk(demoRules, 10).map((rows) =>
      db
        .insert(routingRules)
        .values(
          rows.map((r) => ({
            id: r.id,
            pattern: r.pattern,
            action: r.action,
            departmentCode: r.departmentCode ?? null,
            category: r.category ?? null,
            weight: r.weight ?? 0.2,
            enabled: r.enabled,
            updatedAt: now,
          })),
        )
        .onConflictDoNothing(),
    ),
  ];
}

// D1 limits bound parameters per statement (100), so multi-row inserts go in small chunks.
function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
