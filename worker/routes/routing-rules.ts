// Routing rules, shared by the admin API (worker/routes/admin-routing.ts) and the admins'
// workbench page: one input schema, one save that checks the rule as routing will read it and
// drops the cached routing context so intake follows it at once.
import { z } from '@hono/zod-openapi';
import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { routingRules } from '../../db/schema';
import { validateRule } from '../../routing';
import { HubError } from '../../tickets/hub-error';
import { forgetRoutingContext, ruleOfRow } from '../../tickets/routing-context';

export const routingRuleInput = z
  .object({
    pattern: z.union([z.array(z.string().trim().min(1).max(50)).min(1).max(100), z.string().min(1).max(500)]),
    action: z.enum(['force', 'boost']),
    departmentCode: z.string().trim().min(1).max(50).optional(),
    category: z.string().trim().min(1).max(50).optional(),
    weight: z.number().min(0).max(1).default(0.2),
    enabled: z.boolean().default(true),
  })
  .openapi('RoutingRuleInput');

export type RoutingRule = ReturnType<typeof ruleOfRow>;

export async function listRoutingRules(db: Db): Promise<RoutingRule[]> {
  return (await db.select().from(routingRules).orderBy(asc(routingRules.id))).map(ruleOfRow);
}

/** Creates or replaces a rule (optional fields left out are cleared, as a PUT does). */
export async function saveRoutingRule(
  db: Db,
  id: string,
  body: z.infer<typeof routingRuleInput>,
): Promise<{ id: string } & z.infer<typeof routingRuleInput>> {
  const rule = { id, ...body };
  const problems = validateRule(rule);
  if (problems.length) {
    throw new HubError(
      'invalid_rule',
      problems.join('；'),
      problems.map((message) => ({ path: '', message })),
    );
  }
  const row = { departmentCode: null, category: null, ...body, updatedAt: Date.now() };
  await db
    .insert(routingRules)
    .values({ id, ...row })
    .onConflictDoUpdate({ target: routingRules.id, set: row });
  forgetRoutingContext();
  return rule;
}
