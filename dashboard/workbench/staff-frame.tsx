// The staff pages' frame: the shared page layout with the signed-in person and a sign-out button
// in the header, the workbench's own styles, and the error pages (401 goes to sign-in instead).
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Child, FC } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HubError } from '../../tickets/hub-error';
import type { StaffSession } from '../../worker/auth/session';
import { CSRF_FIELD } from '../../worker/middleware/csrf';
import { Layout } from '../layout';
import { stylesheet } from '../stylesheets';
import { NoticesLink } from './notices';

const styles = stylesheet(
  'workbench',
  `
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
header nav{margin-left:auto;display:flex;gap:.75rem;align-items:center;font-size:.9rem}
header nav form{margin:0}header nav button{margin:0;padding:.25rem .75rem;background:#fff;color:#b71c1c}
.tabs{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem;padding:0;list-style:none}
.tabs a{display:inline-block;padding:.35rem .8rem;border-radius:1rem;background:#fff;color:#1f2328;
text-decoration:none;border:1px solid #d0d7de}
.tabs a[aria-current=page]{background:#b71c1c;color:#fff;border-color:#b71c1c}
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:0 .75rem}

ul.tickets{list-style:none;padding:0;margin:0}
ul.tickets li{background:#fff;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 .5rem;border-left:6px solid #2da44e}
ul.tickets li.light-yellow{background:#fff8c5;border-left-color:#d4a72c}
ul.tickets li.light-red{background:#ffebe9;border-left-color:#cf222e}
ul.tickets a{font-weight:600}
.light{display:inline-block;padding:.1rem .5rem;border-radius:1rem;font-size:.85rem}
.light-green .light,.light.green{background:#dafbe1;color:#116329}
.light.yellow{background:#fff8c5;color:#7d4e00}.light.red{background:#ffebe9;color:#a40e26}
.flash{background:#dafbe1;border:1px solid #2da44e;border-radius:.375rem;padding:.6rem;margin:0 0 1rem}
.form-error{background:#ffebe9;border:1px solid #cf222e;border-radius:.375rem;padding:.6rem;margin:0 0 .75rem}
.invalid input,.invalid select,.invalid textarea{border:2px solid #cf222e}
.actions{display:grid;gap:1rem;margin:0 0 1rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,20rem),1fr))}
.actions form{margin:0}.actions .card{margin:0}
.check{display:flex;gap:.4rem;align-items:center;font-weight:400;margin:.2rem 0}
.check input{width:auto}
.transcript .caller{color:#0550ae}.transcript .agent{color:#57606a}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .75rem;margin:0}
dl.facts dt{color:#57606a}dl.facts dd{margin:0;word-break:break-all}
h1{font-size:1.5rem;line-height:1.3;word-break:break-all}h2{font-size:1.2rem}h3{font-size:1.05rem}
blockquote{margin:.5rem 0;padding:0 0 0 .75rem;border-left:3px solid #d0d7de}
details.more summary{cursor:pointer;font-weight:600;margin:.75rem 0 0}
.table-scroll{overflow-x:auto}
.table-scroll th,.table-scroll td{white-space:nowrap}
pre{white-space:pre-wrap;word-break:break-all;font:inherit;margin:0}
.side-by-side{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,18rem),1fr))}
mark{background:#fff3b0;border-bottom:2px solid #d4a72c}mark.removed{background:none;text-decoration:line-through}
.public-text{background:#f6f8fa;border-radius:.375rem;padding:.5rem}
ul.gates{list-style:none;padding:0;margin:0 0 .75rem}ul.gates .ok{color:#116329}ul.gates .missing{color:#a40e26}
.buttons{display:flex;flex-wrap:wrap;gap:.75rem}button.secondary{background:#fff;color:#b71c1c;border:1px solid #b71c1c}
fieldset{border:1px solid #d0d7de;border-radius:.375rem;margin:.75rem 0 0;min-width:0}
.pager{display:flex;gap:1rem;margin:1rem 0}
.depth-1{margin-left:1.25rem}.depth-2{margin-left:2.5rem}.depth-3{margin-left:3.75rem}.depth-4{margin-left:5rem}
`,
);

type StaffPageProps = { title: string; staff?: StaffSession; csrf?: string; children: Child };

const SignOut: FC<{ staff: StaffSession; csrf: string }> = ({ staff, csrf }) => (
  <nav aria-label="账号">
    <a href="/workbench">工作台</a>
    <NoticesLink username={staff.username} />
    {staff.role === 'reviewer' || staff.role === 'admin' || staff.role === 'supervisor' ? (
      <a href="/workbench/publication">待公开审查</a>
    ) : null}
    {staff.role === 'admin' ? <a href="/workbench/admin">系统管理</a> : null}
    <span>{staff.username}</span>
    <form method="post" action="/logout">
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <button type="submit">退出登录</button>
    </form>
  </nav>
);

export function StaffPage({ title, staff, csrf, children }: StaffPageProps) {
  return (
    <Layout
      title={title}
      home="/workbench"
      wide
      styles={[styles]}
      nav={staff && csrf ? <SignOut staff={staff} csrf={csrf} /> : undefined}
    >
      {children}
    </Layout>
  );
}

const errorTitles: Partial<Record<number, string>> = {
  403: '无权操作',
  404: '工单不存在',
  409: '操作未完成',
  429: '请求过于频繁',
};

/** A HubError (or the origin check's 403) as a staff page; other errors go on to the hub's handler. */
export function staffErrorPage(err: Error, c: Context): Response | Promise<Response> {
  if (err instanceof HubError && err.code === 'unauthorized') {
    const next = c.req.method === 'GET' ? `?next=${encodeURIComponent(new URL(c.req.url).pathname)}` : '';
    return c.redirect(`/login${next}`, 303);
  }
  const status = err instanceof HubError ? err.status : err instanceof HTTPException ? err.status : null;
  if (status === null || status >= 500) throw err;
  const message =
    err instanceof HubError
      ? err.status === 404
        ? '没有这个工单，或者您的账号无权查看它。'
        : err.message
      : '无法确认表单来自本系统，请返回刷新页面后重新提交。';
  if (err instanceof HubError && err.retryAfterS !== undefined) c.header('Retry-After', String(err.retryAfterS));
  return c.html(
    <StaffPage title={errorTitles[status] ?? '请求未完成'}>
      <section class="card" role="alert">
        <h1>{errorTitles[status] ?? '请求未完成'}</h1>
        <p>{message}</p>
        <p>
          <a href="/workbench">返回工作台</a>
        </p>
      </section>
    </StaffPage>,
    status as ContentfulStatusCode,
  );
}
