// The rules for canned replies (常用答复), shared by the admin API
// (worker/routes/admin-canned-replies.ts) and the admins' workbench page: one set of input
// schemas and one way to list, add and change them.
import { z } from '@hono/zod-openapi';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cannedReplies } from '../../db/schema';
import { HubError } from '../../tickets/hub-error';

export const cannedReplyFields = {
  category: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .nullable()
    .openapi({ description: 'The category it answers; null for none in particular' }),
  title: z.string().trim().min(1).max(100),
  text: z.string().trim().min(1).max(4000),
  active: z.boolean(),
};
export const cannedReplyInput = z
  .object({
    ...cannedReplyFields,
    category: cannedReplyFields.category.default(null),
    active: cannedReplyFields.active.default(true),
  })
  .openapi('CannedReplyInput');
export const cannedReplyPatch = z
  .object(cannedReplyFields)
  .partial()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: '没有要修改的内容' })
  .openapi('CannedReplyPatch');

export type CannedReplyRow = typeof cannedReplies.$inferSelect;

export function listCannedReplies(db: Db, q: { category?: string; active?: boolean }): Promise<CannedReplyRow[]> {
  const filters: SQL[] = [];
  if (q.category) filters.push(eq(cannedReplies.category, q.category));
  if (q.active !== undefined) filters.push(eq(cannedReplies.active, q.active));
  return db
    .select()
    .from(cannedReplies)
    .where(and(...filters))
    .orderBy(asc(cannedReplies.category), asc(cannedReplies.title));
}

export async function addCannedReply(db: Db, body: z.infer<typeof cannedReplyInput>): Promise<CannedReplyRow> {
  const [row] = await db
    .insert(cannedReplies)
    .values({ id: crypto.randomUUID(), ...body, updatedAt: Date.now() })
    .returning();
  return row!;
}

export async function changeCannedReply(
  db: Db,
  id: string,
  patch: z.infer<typeof cannedReplyPatch>,
): Promise<CannedReplyRow> {
  const [row] = await db
    .update(cannedReplies)
    .set({ ...patch, updatedAt: Date.now() })
    .where(eq(cannedReplies.id, id))
    .returning();
  if (!row) throw new HubError('not_found', `常用答复不存在：${id}`);
  return row;
}
