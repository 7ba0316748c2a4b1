// GET /workbench/publication: the reviewer's queue 待公开审查, answered tickets the resident agreed
// to publish that wait for a decision, newest answer first, a page at a time.
import type { Context } from 'hono';
import { z } from 'zod';
import { openDb } from '../../db/client';
import { formatShanghai } from '../../routing/calendar';
import { listPublicationQueue } from '../../tickets/publication/queue';
import type { StaffVariables } from '../../worker/auth/session';
import { sessionCsrfToken } from '../../worker/middleware/csrf';
import { publicationStatusLabels } from './publication-review-page';
import { StaffPage } from './staff-frame';

type StaffContext = Context<{ Bindings: Env; Variables: StaffVariables }>;

// A page number that does not parse is the first page, not an error.
const pageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);

export async function showPublicationQueue(c: StaffContext) {
  const page = pageSchema.parse(c.req.query('page') ?? 1);
  const { items, more } = await listPublicationQueue(openDb(c.env.DB), c.get('actor'), page);
  return c.html(
    <StaffPage title="待公开审查" staff={c.get('staff')} csrf={sessionCsrfToken(c)}>
      <h1>待公开审查</h1>
      <p class="muted">群众同意公开、答复已审核通过、尚待作出公开决定的工单（含重办后有新答复的已公开工单）。</p>
      {items.length === 0 ? <p class="muted">没有待审查的工单。</p> : null}
      <ul class="tickets">
        {items.map((t) => (
          <li>
            <a href={`/workbench/tickets/${encodeURIComponent(t.ticketNo)}/publication`}>{t.ticketNo}</a>{' '}
            {t.currentStatus ? <span class="status">{publicationStatusLabels[t.currentStatus]}，有新答复</span> : null}
            <div>{t.title ?? t.summary}</div>
            <div class="muted">
              {[
                t.type,
                t.category,
                `受理 ${formatShanghai(t.receivedAt)}`,
                t.repliedAt ? `答复 ${formatShanghai(t.repliedAt)}` : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </div>
          </li>
        ))}
      </ul>
      <nav aria-label="翻页" class="pager">
        {page > 1 ? <a href={`/workbench/publication?page=${page - 1}`}>← 上一页</a> : null}{' '}
        {more ? <a href={`/workbench/publication?page=${page + 1}`}>下一页 →</a> : null}
      </nav>
    </StaffPage>,
  );
}
