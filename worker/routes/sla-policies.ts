// 办理时限 policies, shared by the admin API (worker/routes/admin-sla-policies.ts) and the admins'
// workbench page: one input schema, and a save that drops the working-time cache so deadlines
// set after an edit follow it at once.
import { z } from '@hono/zod-openapi';
import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { slaPolicies } from '../../db/schema';
import type { TicketType, Urgency } from '../../tickets/inbound-message';
import { forgetWorkingTime } from '../../tickets/working-calendar';

export const slaPolicyInput = z
  .object({
    unit: z.enum(['working_days', 'hours']),
    amount: z.number().int().min(1).max(365),
    maxExtensionWorkingDays: z
      .number()
      .int()
      .min(0)
      .max(60)
      .openapi({ description: 'Working days one extension may add; 0: no extension' }),
    maxExtensions: z.number().int().min(0).max(5).openapi({ description: 'Extensions a ticket may have' }),
  })
  .openapi('SlaPolicyInput');

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;

export const listSlaPolicies = (db: Db): Promise<SlaPolicyRow[]> =>
  db.select().from(slaPolicies).orderBy(asc(slaPolicies.type), asc(slaPolicies.urgency));

export async function saveSlaPolicy(
  db: Db,
  type: TicketType,
  urgency: Urgency,
  body: z.infer<typeof slaPolicyInput>,
): Promise<SlaPolicyRow & { type: TicketType; urgency: Urgency }> {
  const row = { type, urgency, ...body };
  await db
    .insert(slaPolicies)
    .values(row)
    .onConflictDoUpdate({ target: [slaPolicies.type, slaPolicies.urgency], set: body });
  forgetWorkingTime();
  return row;
}
