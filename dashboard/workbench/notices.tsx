// GET /workbench/notices: the signed-in person's notices (督办, from the cron's escalation, on the
// outbox's staff channel), newest first, each with its ticket and a 已读 button; and the count of
// unread ones beside the 通知 link in every staff page's header.
import type { Context } from 'hono';
import { tryGetContext } from 'hono/context-storage';
import { openDb } from '../../db/client';
import { formatShanghai } from '../../routing/calendar';
import { HubError } from '../../tickets/hub-error';
import { countUnreadNotices, listStaffNotices, markNoticeRead, type StaffNotice } from '../../tickets/outbox';
import type { StaffVariables } from '../../worker/auth/session';
import { CSRF_FIELD, readFormFields, sessionCsrfToken } from '../../worker/middleware/csrf';
import { StaffPage } from './staff-frame';

type StaffContext = Context<{ Bindings: Env; Variables: StaffVariables }>;

function NoticeItem({ n, csrf }: { n: StaffNotice; csrf: string }) {
  const unread = n.status === 'pending';
  return (
    <li class={unread ? 'light-red' : undefined}>
      <div>
        {unread ? <span class="light red">未读</span> : <span class="muted">已读</span>}{' '}
        <strong>{n.subject ?? '通知'}</strong> <span class="muted">{formatShanghai(n.createdAt)}</span>
      </div>
      <p>{n.body}</p>
      {n.ticketNo ? <a href={`/workbench/tickets/${encodeURIComponent(n.ticketNo)}`}>查看工单 {n.ticketNo}</a> : null}
      {unread ? (
        <form method="post" action={`/workbench/notices/${encodeURIComponent(n.id)}/read`}>
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <button type="submit">已读</button>
        </form>
      ) : null}
    </li>
  );
}

export async function showNotices(c: StaffContext) {
  const staff = c.get('staff');
  const notices = await listStaffNotices(openDb(c.env.DB), staff.username);
  const csrf = sessionCsrfToken(c);
  return c.html(
    <StaffPage title="通知" staff={staff} csrf={csrf}>
      <h1>我的通知</h1>
      {c.req.query('read') ? (
        <p class="flash" role="status">
          已标记为已读。
        </p>
      ) : null}
      {notices.length ? (
        <ul class="tickets">
          {notices.map((n) => (
            <NoticeItem n={n} csrf={csrf} />
          ))}
        </ul>
      ) : (
        <p class="muted">暂无通知。</p>
      )}
    </StaffPage>,
  );
}

/** 已读: only the person's own unread notice; anything else is 404, as if it did not exist. */
export async function readNotice(c: StaffContext) {
  await readFormFields(c); // the CSRF middleware has checked the token; the form has nothing else
  const done = await markNoticeRead(openDb(c.env.DB), c.req.param('id') ?? '', c.get('staff').username);
  if (!done) throw new HubError('not_found', '没有这条未读通知');
  return c.redirect('/workbench/notices?read=1', 303);
}

/**
 * The header's 通知 link with the unread count, read for the person whose page it is. Rendered
 * inside a request with the workbench's context storage; elsewhere (sign-in page) there is none.
 */
export async function NoticesLink({ username }: { username: string }) {
  const c = tryGetContext<{ Bindings: Env }>();
  const unread = c ? await countUnreadNotices(openDb(c.env.DB), username) : 0;
  return (
    <a href="/workbench/notices">
      通知
      {unread ? <span class="light red"> {unread} 条未读</span> : null}
    </a>
  );
}
