// GET /public/{ticketNo}: one published reply in full. A number that is unknown and one that is
// not (or no longer) published get the same 404 page, so the page tells nothing of tickets the
// public may not read.
import type { PublicReplyRow } from '../../tickets/publication/public-reads';
import { Layout } from '../layout';
import { PublicNav } from './replies-page';
import { publicStyles, ReplyFacts } from './reply-facts';

export function ReplyPage({ row }: { row: PublicReplyRow }) {
  return (
    <Layout title={row.title} home="/" nav={<PublicNav />} styles={[publicStyles]}>
      <article class="card">
        <p class="muted">
          <a href="/public">政务公开</a> › 编号 {row.ticketNo}
        </p>
        <h1>{row.title}</h1>
        <ReplyFacts row={row} rated />
        {row.address ? <p class="muted">地点：{row.address}</p> : null}
        <h2>来信摘要</h2>
        <p class="text">{row.question}</p>
        <section class="reply" aria-label="答复">
          <h2>{row.department ? `${row.department}答复` : '答复'}</h2>
          <p class="text">{row.reply}</p>
        </section>
      </article>
      <p class="muted">来信人同意公开，内容经隐私处理（姓名、电话、证件号、门牌号等已隐去）。</p>
    </Layout>
  );
}

export function ReplyNotFound() {
  return (
    <Layout title="未找到" home="/" nav={<PublicNav />} styles={[publicStyles]}>
      <section class="card">
        <h1>未找到该公开答复</h1>
        <p>该编号没有公开的答复：编号可能有误，或答复未公开、已撤回。</p>
        <p>
          <a href="/public">返回政务公开</a>　本人查询办理进度请用<a href="/track">工单查询</a>（需查询码）。
        </p>
      </section>
    </Layout>
  );
}
