// The demo city 「A市」: its departments, one account per role, the working calendar and the
// SLA policies. `npm start` applies it on every start and the tests apply it before each file;
// every insert skips rows that exist, so it is idempotent and never undoes an admin's edit.
// Production seeds the calendar and SLA policies only (no demo departments or accounts).
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../client';
import { calendarDays, departments, settings, slaPolicies, staff } from '../schema';
import { defaultSlaPolicies } from '../../routing/sla';
import calendarCn from './calendar-cn.json';

export const DEMO_PASSWORD = 'hub-demo-12345';

type Department = typeof departments.$inferInsert;

const functional: Array<[string, string]> = [
  ['zjj', '市住房和城乡建设局'],
  ['rsj', '市人力资源和社会保障局'],
  ['jyj', '市教育局'],
  ['swj', '市商务局'],
  ['sthjj', '市生态环境局'],
  ['wjw', '市卫生健康委员会'],
  ['jtj', '市交通运输局'],
  ['gaj', '市公安局'],
  ['scjgj', '市市场监督管理局'],
  ['cgj', '市城市管理局'],
  ['zrzyj', '市自然资源和规划局'],
  ['mzj', '市民政局'],
  ['ybj', '市医疗保障局'],
];

const utilities: Array<[string, string]> = [
  ['water', '市供水有限公司'],
  ['power', '国网A市供电公司'],
  ['gas', '市燃气集团'],
  ['heat', '市热力有限公司'],
];

/** Districts and two streets each; codes match the routing gazetteer (A01, A01-001). */
const districts: Array<[string, string, [string, string]]> = [
  ['A01', 'A1区', ['五一街道', '东湖街道']],
  ['A02', 'A2区', ['望月湖街道', '岳麓街道']],
  ['A03', 'A3区', ['观沙岭街道', '新河街道']],
  ['A04', 'A4区', ['洞井街道', '桂花坪街道']],
  ['A05', 'A5区', ['东岸街道', '月湖街道']],
  ['A06', 'A6区', ['雷锋街道', '金洲街道']],
  ['A07', 'A7县', ['星沙街道', '松雅湖街道']],
];

export function demoDepartments(): Department[] {
  const rows: Department[] = [
    { code: 'city', parentCode: null, name: 'A市人民政府', kind: 'city', sortOrder: 0 },
    { code: 'centre', parentCode: 'city', name: 'A市12345政务服务便民热线中心', kind: 'centre', phone: '12345', sortOrder: 1 },
  ];
  functional.forEach(([code, name], i) => rows.push({ code, parentCode: 'city', name, kind: 'functional', sortOrder: 10 + i }));
  utilities.forEach(([code, name], i) => rows.push({ code, parentCode: 'city', name, kind: 'utility', sortOrder: 40 + i }));
  districts.forEach(([code, name, streets], i) => {
    rows.push({ code, parentCode: 'city', name: `${name}人民政府`, kind: 'district', placeCode: code, sortOrder: 60 + i * 10 });
    streets.forEach((street, j) => {
      const streetCode = `${code}-${String(j + 1).padStart(3, '0')}`;
      rows.push({ code: streetCode, parentCode: code, name: `${name}${street}办事处`, kind: 'street', placeCode: streetCode, sortOrder: 61 + i * 10 + j });
    });
  });
  return rows.map((r) => ({ ...r, contactName: r.kind === 'city' ? null : '值班室', phone: r.phone ?? null }));
}

/** admin, dispatcher, supervisor, leader, and `<code>.handler` / `<code>.reviewer` for each department. */
export function demoStaff(passwordHash: string, now: number): Array<typeof staff.$inferInsert> {
  const rows: Array<typeof staff.$inferInsert> = [
    { id: 'staff-admin', username: 'admin', displayName: '系统管理员', role: 'admin', departmentCode: 'centre', passwordHash, createdAt: now },
    { id: 'staff-dispatcher', username: 'dispatcher', displayName: '派单员', role: 'dispatcher', departmentCode: 'centre', passwordHash, createdAt: now },
    { id: 'staff-supervisor', username: 'supervisor', displayName: '督办员', role: 'supervisor', departmentCode: 'centre', passwordHash, createdAt: now },
    { id: 'staff-leader', username: 'leader', displayName: '市领导', role: 'leader', departmentCode: 'city', passwordHash, createdAt: now },
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
  'routing.threshold': 0.5,
  'metrics.weights': { response: 0.3, resolution: 0.35, satisfaction: 0.35 },
  'metrics.minRatedSample': 10,
  'metrics.signWindowWorkingHours': 4,
};

type Statement = BatchItem<'sqlite'>;

/** Reference data every deployment needs: the calendar, SLA policies and settings. */
export function referenceSeedStatements(db: Db, now: number): Statement[] {
  const days = calendarCn as Array<{ date: string; kind: 'holiday' | 'workday'; name: string; source: 'official' | 'statutory' }>;
  return [
    ...chunk(days, 15).map((rows) => db.insert(calendarDays).values(rows.map((d) => ({ ...d, updatedAt: now }))).onConflictDoNothing()),
    db.insert(slaPolicies).values(defaultSlaPolicies).onConflictDoNothing(),
    db
      .insert(settings)
      .values(Object.entries(defaultSettings).map(([key, value]) => ({ key, value, updatedAt: now })))
      .onConflictDoNothing(),
  ];
}

export function demoSeedStatements(db: Db, passwordHash: string, now: number): Statement[] {
  return [
    ...referenceSeedStatements(db, now),
    ...chunk(demoDepartments(), 8).map((rows) => db.insert(departments).values(rows).onConflictDoNothing()),
    ...chunk(demoStaff(passwordHash, now), 8).map((rows) => db.insert(staff).values(rows).onConflictDoNothing()),
  ];
}

// D1 limits bound parameters per statement (100), so multi-row inserts go in small chunks.
function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
