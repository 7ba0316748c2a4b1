// The public pages of published replies (政务公开): the list with search and filters, one reply,
// and the Atom feed. Each reads in one D1 batch; worker/app.ts puts the edge cache in front, so
// a page costs at most two round trips with the cache generation. The ticket-number pattern
// keeps /public/monthly/…, /public/annual/… and /public/feed.atom out of the reply route.
import { Hono } from 'hono';
import { z } from 'zod';
import { openDb } from '../../db/client';
import { HubError, validationError } from '../../tickets/hub-error';
import { type PublicFilter, publicFilterQuerySchema, toPublicFilter } from '../../tickets/publication/public-filter';
import { filterOptionStatements } from '../../tickets/publication/public-options';
import {
  findPublishedReply,
  listPublishedStatement,
  newestPublishedStatement,
  toPage,
} from '../../tickets/publication/public-reads';
import { FEED_SIZE, publicFeed } from './feed';
import { type ListQuery, RepliesPage } from './replies-page';
import { ReplyNotFound, ReplyPage } from './reply-page';

export const publicRoutes = new Hono<{ Bindings: Env }>();

// limit too, so that 下一页 keeps the page size a link or the API's caller asked for.
const listFields = ['q', 'department', 'category', 'district', 'from', 'to', 'cursor', 'limit'] as const;

function readFilter(raw: Record<string, string>): { filter: PublicFilter } | { error: HubError } {
  const parsed = publicFilterQuerySchema.safeParse(raw);
  if (!parsed.success) return { error: validationError(parsed.error) };
  try {
    return { filter: toPublicFilter(parsed.data) };
  } catch (e) {
    if (e instanceof HubError) return { error: e };
    throw e;
  }
}

publicRoutes.get('/', async (c) => {
  const raw = c.req.query();
  const query: ListQuery = Object.fromEntries(listFields.map((k) => [k, raw[k]?.slice(0, 200)]));
  const read = readFilter(raw);
  const db = openDb(c.env.DB);
  const options = filterOptionStatements(db);
  const [rows, departments, districts, categories] =
    'filter' in read
      ? await db.batch([listPublishedStatement(db, read.filter), ...options])
      : [null, ...(await db.batch(options))];
  const props = {
    query,
    options: { departments, districts, categories: categories.flatMap((r) => (r.category ? [r.category] : [])) },
  };
  if ('error' in read) {
    // The refusal in words, with the form to put it right.
    const reason = read.error.details?.map((d) => d.message).join('；') || read.error.message;
    return c.html(<RepliesPage {...props} error={`查询条件有误：${reason}`} />, read.error.status as 400 | 422);
  }
  return c.html(<RepliesPage {...props} page={toPage(rows ?? [], read.filter.limit)} />);
});

publicRoutes.get('/feed.atom', async (c) => {
  const db = openDb(c.env.DB);
  const rows = await newestPublishedStatement(db, FEED_SIZE);
  const base = c.env.PUBLIC_BASE_URL || new URL(c.req.url).origin;
  return c.body(publicFeed(base, rows), 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
});

const ticketNoParam = z.string().max(40);

publicRoutes.get('/:ticketNo{[A-Za-z]+[0-9]+}', async (c) => {
  const ticketNo = ticketNoParam.safeParse(c.req.param('ticketNo'));
  const row = ticketNo.success ? await findPublishedReply(openDb(c.env.DB), ticketNo.data) : null;
  if (!row) return c.html(<ReplyNotFound />, 404);
  return c.html(<ReplyPage row={row} />);
});
