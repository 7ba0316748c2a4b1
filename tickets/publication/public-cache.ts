// The generation of everything public (public_cache, one row). Public pages are cached at the edge
// under a key that carries it (worker/middleware/edge-cache.ts); publishing or withdrawing bumps
// it in the same D1 batch as the change, so no data centre serves a page from before.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { publicCache } from '../../db/schema';

/** The statement that retires every cached public page; goes into the publishing batch. */
export function bumpPublicGeneration(db: Db) {
  return db
    .update(publicCache)
    .set({ generation: sql`${publicCache.generation} + 1` })
    .where(eq(publicCache.id, 1));
}

export async function readPublicGeneration(db: Db): Promise<number> {
  const [row] = await db.select({ generation: publicCache.generation }).from(publicCache).where(eq(publicCache.id, 1));
  return row?.generation ?? 0;
}
