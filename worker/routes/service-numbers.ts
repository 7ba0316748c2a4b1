// The rules for official service numbers (公开服务电话), shared by the admin API
// (worker/routes/admin-service-numbers.ts) and the admins' workbench page: one input schema and
// one way to list, save and delete them. Redaction leaves these numbers unmasked
// (tickets/redaction/service-numbers.ts).
import { z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { serviceNumbers } from '../../db/schema';
import { HubError } from '../../tickets/hub-error';

export const serviceNumberParam = z
  .string()
  .regex(/^\d[\d-]{1,18}\d$/, '号码只能由数字和短横线组成，3 到 20 个字符')
  .openapi({ description: 'The number as published: digits and dashes, 3–20 characters', example: '0731-12345' });

export const serviceNumberInput = z
  .object({ label: z.string().trim().min(1).max(100).openapi({ example: '市住建局服务热线' }) })
  .openapi('ServiceNumberInput');

export type ServiceNumberRow = typeof serviceNumbers.$inferSelect;

export function listServiceNumbers(db: Db): Promise<ServiceNumberRow[]> {
  return db.select().from(serviceNumbers).orderBy(asc(serviceNumbers.number));
}

/** Adds the number or changes its label; returns the row and whether it is new. */
export async function saveServiceNumber(
  db: Db,
  number: string,
  body: z.infer<typeof serviceNumberInput>,
): Promise<{ row: ServiceNumberRow; created: boolean }> {
  const values = { number, label: body.label, updatedAt: Date.now() };
  // One batch: whether it existed, read before the upsert in the same transaction.
  const [existing, [row]] = await db.batch([
    db.select({ number: serviceNumbers.number }).from(serviceNumbers).where(eq(serviceNumbers.number, number)),
    db
      .insert(serviceNumbers)
      .values(values)
      .onConflictDoUpdate({ target: serviceNumbers.number, set: { label: values.label, updatedAt: values.updatedAt } })
      .returning(),
  ]);
  return { row: row!, created: existing.length === 0 };
}

export async function deleteServiceNumber(db: Db, number: string): Promise<void> {
  const removed = await db
    .delete(serviceNumbers)
    .where(eq(serviceNumbers.number, number))
    .returning({ number: serviceNumbers.number });
  if (!removed.length) throw new HubError('not_found', `服务号码不存在：${number}`);
}
