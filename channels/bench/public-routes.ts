// The public pages benchmark's routes (scripts/bench/public.mjs), mounted under /__bench by the
// benchmark's own Worker entry only (404 in production, ./routes.ts):
// POST /seed-publications: published replies [from, from + messages.length), one for each message
//   sent (./synthetic-publications.ts), with their full-text rows, in one batch of INSERT … SELECT
//   over json_each (D1 binds at most 100 values a statement).
// POST /public-generation: bumps the generation of everything public, as publishing does
//   (tickets/publication/public-cache.ts), so every cached public page misses once.
import { Hono } from 'hono';
import { z } from 'zod';
import { openDb } from '../../db/client';
import { bumpPublicGeneration, readPublicGeneration } from '../../tickets/publication/public-cache';
import { insertFromJson } from './dashboard-routes';
import { publicationColumns, searchColumns, syntheticPublication } from './synthetic-publications';

export const publicBenchRoutes = new Hono<{ Bindings: Env }>();

/** Rows per statement: a published reply with its tokens is a few kilobytes. */
const ROWS_PER_STATEMENT = 100;

const insertPublications = insertFromJson('publications', publicationColumns);
const insertSearchRows = insertFromJson('publication_search', searchColumns);

const seedSchema = z.object({
  from: z.number().int().min(0),
  endMs: z.number().int(),
  messages: z
    .array(z.object({ title: z.string().nullable(), text: z.string().min(1), label: z.string() }))
    .min(1)
    .max(2000),
});

publicBenchRoutes.post('/seed-publications', async (c) => {
  const parsed = seedSchema.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) return c.json({ error: parsed.error.issues }, 422);
  const { from, endMs, messages } = parsed.data;
  const built = messages.map((m, k) => syntheticPublication(from + k, m, endMs));
  const statements: D1PreparedStatement[] = [];
  for (let k = 0; k < built.length; k += ROWS_PER_STATEMENT) {
    const part = built.slice(k, k + ROWS_PER_STATEMENT);
    statements.push(c.env.DB.prepare(insertPublications).bind(JSON.stringify(part.map((p) => p.row))));
    statements.push(c.env.DB.prepare(insertSearchRows).bind(JSON.stringify(part.map((p) => p.search))));
  }
  await c.env.DB.batch(statements);
  return c.json({ publications: built.length }, 201);
});

publicBenchRoutes.post('/public-generation', async (c) => {
  const db = openDb(c.env.DB);
  await bumpPublicGeneration(db);
  return c.json({ generation: await readPublicGeneration(db) });
});
