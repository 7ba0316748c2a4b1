// GET /workbench: the signed-in person's queues (tickets/queues.ts) as tabs with their counts,
// filters by department, type, category, channel and date, and a search box for a ticket
// number, a resident's phone, or words. Rows are tinted by the 督办 light.
import type { Context } from 'hono';
import { z } from 'zod';
import { openDb } from '../../db/client';
import { departments } from '../../db/schema';
import { formatShanghai } from '../../routing/calendar';
import { channels, ticketTypes } from '../../tickets/inbound-message';
import type { TicketRow } from '../../tickets/lifecycle/actor';
import {
  countQueues,
  lightLabels,
  lightOf,
  listQueue,
  type QueueFilters,
  type QueueName,
  queueLabels,
  queueNames,
  queuesFor,
} from '../../tickets/queues';
import { statusLabels, type TicketStatus } from '../../tickets/transitions';
import type { StaffVariables } from '../../worker/auth/session';
import { sessionCsrfToken } from '../../worker/middleware/csrf';
import { channelLabels } from './original-messages';
import { StaffPage } from './staff-frame';

type StaffContext = Context<{ Bindings: Env; Variables: StaffVariables }>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const short = z.string().trim().max(50);
// A filter that does not parse is dropped, not refused: the page still shows the queue.
const querySchema = z.object({
  queue: z
    .enum([...queueNames, 'all'])
    .optional()
    .catch(undefined),
  department: short.optional().catch(undefined),
  type: z.enum(ticketTypes).optional().catch(undefined),
  category: short.optional().catch(undefined),
  channel: z.enum(channels).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});
type Query = z.output<typeof querySchema>;

function TicketItem(p: { t: TicketRow; names: Map<string, string>; now: number }) {
  const { t } = p;
  const light = lightOf(t, p.now);
  return (
    <li class={light ? `light-${light}` : undefined}>
      <a href={`/workbench/tickets/${encodeURIComponent(t.ticketNo)}`}>{t.ticketNo}</a>{' '}
      <span class="status">{statusLabels[t.status as TicketStatus] ?? t.status}</span>{' '}
      {light && light !== 'green' ? <span class={`light ${light}`}>{lightLabels[light]}</span> : null}
      <div>{t.title ?? t.text.slice(0, 40)}</div>
      <div class="muted">
        {[
          t.type,
          t.category,
          channelLabels[t.channel] ?? t.channel,
          t.leadDepartmentCode ? (p.names.get(t.leadDepartmentCode) ?? t.leadDepartmentCode) : '待派单',
          `受理 ${formatShanghai(t.receivedAt)}`,
          t.deadlineAt === null ? null : `时限 ${formatShanghai(t.deadlineAt)}`,
        ]
          .filter(Boolean)
          .join(' · ')}
      </div>
    </li>
  );
}

function Filters(p: { q: Query; queue: string; depts: Array<{ code: string; name: string }> }) {
  const { q } = p;
  const select = (name: keyof Query, label: string, options: Array<[string, string]>) => (
    <div>
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">全部</option>
        {options.map(([value, text]) => (
          <option value={value} selected={q[name] === value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <search aria-label="筛选与搜索">
      <form method="get" action="/workbench" class="card">
        <input type="hidden" name="queue" value={p.queue} />
        <div>
          <label for="f-q">搜索（工单号、来电号码或关键词）</label>
          <input id="f-q" name="q" type="search" value={q.q ?? ''} maxlength={100} />
        </div>
        <details class="more" open={!!(q.department || q.type || q.category || q.channel || q.from || q.to)}>
          <summary>更多筛选</summary>
          <div class="filters">
            {select(
              'department',
              '单位',
              p.depts.map((d) => [d.code, d.name]),
            )}
            {select(
              'type',
              '类型',
              ticketTypes.map((t) => [t, t]),
            )}
            <div>
              <label for="f-category">分类</label>
              <input id="f-category" name="category" value={q.category ?? ''} maxlength={50} />
            </div>
            {select(
              'channel',
              '来源',
              channels.map((ch) => [ch, channelLabels[ch] ?? ch]),
            )}
            <div>
              <label for="f-from">受理日期起</label>
              <input id="f-from" name="from" type="date" value={q.from ?? ''} />
            </div>
            <div>
              <label for="f-to">受理日期止</label>
              <input id="f-to" name="to" type="date" value={q.to ?? ''} />
            </div>
          </div>
        </details>
        <button type="submit">筛选</button>
      </form>
    </search>
  );
}

export async function showQueues(c: StaffContext) {
  const actor = c.get('actor');
  const q = querySchema.parse(c.req.query());
  const mine = queuesFor(actor);
  // A search without a chosen queue looks through every ticket the person may see.
  const chosen = q.queue ?? (q.q ? 'all' : (mine[0] ?? 'all'));
  const queue: QueueName | null = chosen !== 'all' && mine.includes(chosen) ? chosen : null;
  const db = openDb(c.env.DB);
  const now = Date.now();
  const filters: QueueFilters = { ...q };
  const [rows, counts, depts] = await Promise.all([
    listQueue(db, actor, queue, filters, { now }),
    countQueues(db, actor, now),
    db.select({ code: departments.code, name: departments.name }).from(departments),
  ]);
  const names = new Map(depts.map((d) => [d.code, d.name]));
  const tab = (name: QueueName | 'all', label: string, n?: number) => (
    <li>
      <a href={`/workbench?queue=${name}`} aria-current={(queue ?? 'all') === name ? 'page' : undefined}>
        {label}
        {n === undefined ? '' : ` (${n})`}
      </a>
    </li>
  );
  return c.html(
    <StaffPage title="工作台" staff={c.get('staff')} csrf={sessionCsrfToken(c)}>
      <h1>工作台</h1>
      <nav aria-label="工单队列">
        <ul class="tabs">
          {mine.map((name) => tab(name, queueLabels[name], counts[name]))}
          {tab('all', '全部工单')}
        </ul>
      </nav>
      <Filters q={q} queue={queue ?? 'all'} depts={depts} />
      <section aria-label={queue ? queueLabels[queue] : '全部工单'}>
        <h2>
          {queue ? queueLabels[queue] : '全部工单'}（{rows.length}
          {rows.length >= 50 ? '+' : ''}）
        </h2>
        {rows.length === 0 ? <p class="muted">没有符合条件的工单。</p> : null}
        <ul class="tickets">
          {rows.map((t) => (
            <TicketItem t={t} names={names} now={now} />
          ))}
        </ul>
      </section>
    </StaffPage>,
  );
}
