// The leaders' pages' frame: the shared layout with the signed-in person, the way back to the
// workbench for those who work tickets, and the leaders' styles; the dashboard adds its scripts
// (files served by the Worker, no inline script) and, for browsers without script, a refresh of
// the whole page every minute. Errors render as pages of the same frame; no session goes to sign-in.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Child, FC } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HubError } from '../../tickets/hub-error';
import type { StaffSession } from '../../worker/auth/session';
import { CSRF_FIELD } from '../../worker/middleware/csrf';
import { Layout } from '../layout';
import type { Stylesheet } from '../stylesheets';
import { leadersStyles } from './leaders-styles';

const Account: FC<{ staff: StaffSession; csrf: string }> = ({ staff, csrf }) => (
  <nav aria-label="账号">
    <a href="/dashboard">驾驶舱</a>
    {staff.role === 'leader' ? null : <a href="/workbench">工作台</a>}
    <span>{staff.displayName || staff.username}</span>
    <form method="post" action="/logout">
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <button type="submit">退出登录</button>
    </form>
  </nav>
);

interface LeadersPageProps {
  title: string;
  staff?: StaffSession;
  csrf?: string;
  /** The live dashboard: its scripts, and a refresh without them. */
  refresh?: boolean;
  styles?: readonly Stylesheet[];
  children: Child;
}

export function LeadersPage(p: LeadersPageProps) {
  return (
    <Layout
      title={p.title}
      home="/dashboard"
      wide
      styles={[leadersStyles, ...(p.styles ?? [])]}
      nav={p.staff && p.csrf ? <Account staff={p.staff} csrf={p.csrf} /> : undefined}
      head={
        p.refresh ? (
          <>
            <noscript>
              <meta http-equiv="refresh" content="60" />
            </noscript>
            <script src="/dashboard/assets/vendor/echarts.min.js" defer />
            <script src="/dashboard/assets/dashboard.js" defer />
          </>
        ) : undefined
      }
    >
      {p.children}
    </Layout>
  );
}

const titles: Partial<Record<number, string>> = { 403: '无权查看', 404: '页面不存在', 422: '查询条件有误' };

/** A HubError as a page of the leaders' frame; a missing session goes to sign-in and back. */
export function leadersErrorPage(err: Error, c: Context): Response | Promise<Response> {
  if (err instanceof HubError && err.code === 'unauthorized') {
    return c.redirect(`/login?next=${encodeURIComponent(new URL(c.req.url).pathname)}`, 302);
  }
  const status = err instanceof HubError ? err.status : err instanceof HTTPException ? err.status : null;
  if (status === null || status >= 500) throw err;
  const title = titles[status] ?? '请求未完成';
  return c.html(
    <LeadersPage title={title}>
      <section class="card" role="alert">
        <h1>{title}</h1>
        <p>{err.message}</p>
        <p>
          <a href="/dashboard">返回驾驶舱</a>
        </p>
      </section>
    </LeadersPage>,
    status as ContentfulStatusCode,
  );
}
