// The facts of a published reply shown on the list and on its own page: department, dates in
// Asia/Shanghai, working days taken, and the resident's rating when given.
import { formatShanghai } from '../../routing/calendar';
import { satisfactionLabels } from '../../tickets/lifecycle/rate-ticket';
import type { PublicReplyRow } from '../../tickets/publication/public-reads';
import { ratingOf } from '../../tickets/publication/public-view';
import { stylesheet } from '../stylesheets';

export function workingDaysText(days: number | null): string | null {
  return days === null ? null : `${days} 个工作日`;
}

export function ratingText(row: PublicReplyRow): string {
  const rating = ratingOf(row);
  if (!rating) return '未评价';
  return `${satisfactionLabels[rating.satisfaction] ?? rating.satisfaction}，${rating.resolved ? '已解决' : '未解决'}`;
}

export function ReplyFacts({ row, rated }: { row: PublicReplyRow; rated?: boolean }) {
  const days = workingDaysText(row.workingDays);
  return (
    <dl class="facts">
      <dt>承办单位</dt>
      <dd>{row.department ?? '—'}</dd>
      <dt>受理时间</dt>
      <dd>{formatShanghai(row.receivedAt)}</dd>
      <dt>答复时间</dt>
      <dd>{formatShanghai(row.repliedAt)}</dd>
      {days ? (
        <>
          <dt>办理用时</dt>
          <dd>{days}</dd>
        </>
      ) : null}
      {rated ? (
        <>
          <dt>群众评价</dt>
          <dd>{ratingText(row)}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** Shared by the public pages: the facts as a two-column list that wraps on a phone. */
export const publicStyles = stylesheet(
  'public',
  `
.facts{display:grid;grid-template-columns:max-content 1fr;align-items:baseline;gap:.1rem .75rem;margin:.5rem 0;
font-size:.9rem;color:#57606a}.facts dt{font-weight:600}.facts dd{margin:0}
main h1{font-size:1.5rem;line-height:1.35}
/* The links float right of the name; on a phone they wrap under it, still inside the red bar. */
header{display:flow-root}.pub-nav{float:right;font-size:.9rem}.pub-nav a{margin-left:1rem;font-weight:400}
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:0 .75rem}
.filters .q{grid-column:1/-1}details.q summary{cursor:pointer;color:#1a4fb4;margin:.75rem 0 0}
.actions{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
.result h2{font-size:1.1rem;margin:0 0 .25rem}.result h2 a{color:#1a4fb4}
.result p{margin:.25rem 0}mark{background:#fff3b0;padding:0 .1rem}
.pager{display:flex;justify-content:space-between;gap:1rem}
.reply{background:#f0f7f0;border-radius:.375rem;padding:.75rem 1rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere}
`,
);
