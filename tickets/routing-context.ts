// Loads what routing needs from D1 (departments, gazetteer, rules, routing settings) into the
// pure routing context, with the model shipped in the Worker bundle. One batched read, kept
// per isolate for a minute: admins' edits to rules or the gazetteer apply within that minute,
// or at once through forgetRoutingContext() from the admin API.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { departments, gazetteerPlaces, routingRules, settings } from '../db/schema';
import type { RoutingContext } from '../routing';
import { shippedModel } from '../routing';

const TTL_MS = 60_000;

/** A stored rule as routing reads it (and as the admin API lists it). */
export function ruleOfRow(r: typeof routingRules.$inferSelect) {
  return {
    id: r.id,
    pattern: r.pattern,
    action: r.action,
    departmentCode: r.departmentCode ?? undefined,
    category: r.category ?? undefined,
    weight: r.weight,
    enabled: r.enabled,
  };
}
let cached: { context: RoutingContext; at: number } | null = null;

export async function loadRoutingContext(db: Db, now = Date.now()): Promise<RoutingContext> {
  if (cached && now - cached.at < TTL_MS && now >= cached.at) return cached.context;
  const [depts, places, rules, settingRows] = await db.batch([
    db
      .select({
        code: departments.code,
        name: departments.name,
        kind: departments.kind,
        parentCode: departments.parentCode,
      })
      .from(departments)
      .where(eq(departments.active, true)),
    db.select().from(gazetteerPlaces),
    db.select().from(routingRules).where(eq(routingRules.enabled, true)),
    db.select().from(settings),
  ]);
  const setting = <T>(key: string, fallback: T): T =>
    (settingRows.find((s) => s.key === key)?.value as T | undefined) ?? fallback;
  const context: RoutingContext = {
    model: shippedModel(),
    departments: depts
      .filter((d) => d.kind !== 'city')
      .map((d) => ({
        code: d.code,
        name: d.name,
        kind: d.kind === 'utility' ? 'functional' : d.kind,
        parentCode: d.parentCode === 'city' ? null : d.parentCode,
      })),
    gazetteer: places.map((p) => ({
      code: p.code,
      name: p.name,
      level: p.level,
      parentCode: p.parentCode,
      aliases: p.aliases,
    })),
    rules: rules.map(ruleOfRow),
    categoryDepartments: setting<Record<string, string>>('routing.categoryDepartments', {}),
    territorialCategories: setting<string[]>('routing.territorialCategories', []),
    threshold: setting<number>('routing.threshold', 0.5),
    manualQueueDepartment: setting<string>('routing.manualQueueDepartment', 'centre'),
  };
  cached = { context, at: now };
  return context;
}

export function forgetRoutingContext(): void {
  cached = null;
}
