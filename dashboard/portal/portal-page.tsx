// GET /: the public portal (政务服务门户). What a resident comes for, first on a phone: write to the
// mayor's mailbox, track a ticket, read what others were answered, and see how the month went.
// Staff sign-in is a quiet link at the foot. No script; the page reads through the edge cache.
import type { Child } from 'hono/jsx';
import { Layout } from '../layout';
import { stylesheet } from '../stylesheets';

export interface PortalReply {
  ticketNo: string;
  title: string;
  department: string | null;
  repliedText: string;
}

export interface PortalMonth {
  /** yyyy-mm, for the link to the month's page. */
  month: string;
  label: string;
  received: number;
  replied: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
}

const styles = stylesheet(
  'portal',
  `
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.75rem;margin:0 0 1rem}
.tile{display:block;background:#fff;border-radius:.5rem;padding:1rem;text-decoration:none;color:inherit;
box-shadow:0 1px 2px rgba(0,0,0,.08);border-top:4px solid #b71c1c}
.tile strong{display:block;font-size:1.15rem;color:#b71c1c}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(8rem,1fr));gap:.5rem;margin:0;padding:0}
.figures div{background:#f6f7f9;border-radius:.375rem;padding:.5rem}.figures dt{font-size:.9rem;color:#57606a}
.figures dd{margin:0;font-size:1.5rem;font-weight:600}
ul.replies{list-style:none;padding:0;margin:0}ul.replies li{border-bottom:1px solid #eaecef;padding:.5rem 0}
.track{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}.track h2{flex:1 0 100%;margin:0}
.track>div{flex:1 1 9rem}
.track label{margin-top:0}.track button{margin-top:0}
h1{font-size:1.5rem;line-height:1.35}footer{text-align:center;padding:1rem}footer a{white-space:nowrap}
`,
);

function Tile(props: { href: string; title: string; children: Child }) {
  return (
    <a class="tile" href={props.href}>
      <strong>{props.title}</strong>
      <span class="muted">{props.children}</span>
    </a>
  );
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

function MonthFigures({ month }: { month: PortalMonth }) {
  return (
    <section class="card" aria-labelledby="month-heading">
      <h2 id="month-heading">{month.label}办理情况</h2>
      <dl class="figures">
        <div>
          <dt>受理</dt>
          <dd>{month.received}</dd>
        </div>
        <div>
          <dt>答复</dt>
          <dd>{month.replied}</dd>
        </div>
        <div>
          <dt>按时办结率</dt>
          <dd>{percent(month.onTimeRate)}</dd>
        </div>
        <div>
          <dt>满意率</dt>
          <dd>{percent(month.satisfactionRate)}</dd>
        </div>
      </dl>
      <p>
        <a href={`/public/monthly/${month.month}`}>查看各单位办理情况 ›</a>
      </p>
    </section>
  );
}

function LatestReplies({ replies }: { replies: PortalReply[] }) {
  return (
    <section class="card" aria-labelledby="latest-heading">
      <h2 id="latest-heading">最新公开答复</h2>
      {replies.length === 0 ? <p class="muted">暂无公开答复。</p> : null}
      <ul class="replies">
        {replies.map((r) => (
          <li>
            <a href={`/public/${r.ticketNo}`}>{r.title}</a>
            <div class="muted">
              {r.department ?? '承办单位'}　{r.repliedText} 答复
            </div>
          </li>
        ))}
      </ul>
      <form method="get" action="/public">
        <label for="q">搜索公开答复</label>
        <input id="q" name="q" maxlength={40} placeholder="如：噪音、路灯、公积金" />
        <button type="submit">搜索</button>
      </form>
    </section>
  );
}

export function PortalPage(props: { latest: PortalReply[]; month: PortalMonth | null }) {
  return (
    <Layout title="首页" home="/" styles={[styles]}>
      <h1>您好，欢迎访问12345政务服务便民热线</h1>
      <p class="muted">
        全天候受理咨询、求助、投诉、举报和建议。紧急情况请拨打110、119、120。电话：<a href="tel:12345">12345</a>
      </p>
      <nav class="tiles" aria-label="办事入口">
        <Tile href="/mailbox" title="我要写信">
          给市长信箱写信，在线提交诉求
        </Tile>
        <Tile href="/track" title="办件查询">
          凭工单号和查询码查看进度、评价答复
        </Tile>
        <Tile href="/public" title="公开答复">
          查阅、搜索已公开的来信和答复
        </Tile>
        <Tile href={props.month ? `/public/monthly/${props.month.month}` : '/public'} title="办理情况">
          每月各单位受理、答复、满意率
        </Tile>
      </nav>
      <form method="get" action="/track" class="card track" aria-labelledby="track-heading">
        <h2 id="track-heading">办件查询</h2>
        <div>
          <label for="no">工单号</label>
          <input id="no" name="no" required maxlength={40} autocomplete="off" />
        </div>
        <div>
          <label for="code">查询码</label>
          <input id="code" name="code" required maxlength={20} inputmode="numeric" autocomplete="off" />
        </div>
        <button type="submit">查询</button>
      </form>
      {props.month ? <MonthFigures month={props.month} /> : null}
      <LatestReplies replies={props.latest} />
      <footer class="muted">
        <a href="/public/feed.atom">订阅公开答复（Atom）</a>　·　<a href="/docs">开放接口</a>　·　
        <a href="/login">工作人员登录</a>
      </footer>
    </Layout>
  );
}
