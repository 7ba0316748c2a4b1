// The parts of the staff ticket page that only show: the ticket's facts with its deadline and
// light, the original messages, routing's explanation, co-handling parts, replies, ratings and
// the timeline. Times in Asia/Shanghai; every label Chinese. Never the query code.
import type { FC } from 'hono/jsx';
import { formatShanghai } from '../../routing/calendar';
import type { TicketRow } from '../../tickets/lifecycle/actor';
import { lightLabels, lightOf } from '../../tickets/queues';
import { actionLabels, statusLabels, type TicketStatus } from '../../tickets/transitions';
import { roleLabels, type TicketBundle } from '../../tickets/views';
import { channelLabels, type OriginalMessage } from './original-messages';
import type { TicketPageData } from './ticket-data';

const satisfactionLabels: Record<string, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};
const replyStatusLabels: Record<string, string> = { submitted: '待审核', approved: '已通过', rejected: '已驳回' };

export const nameOf = (names: Map<string, string>, code: string | null) => (code ? (names.get(code) ?? code) : '—');

function clockState(t: TicketRow): string {
  if (t.deadlineAt === null) return '尚未起算（派单后开始计时）';
  if (['replied', 'reviewed', 'closed', 'merged'].includes(t.status)) return '已停止（已答复）';
  if (t.clockPausedAt !== null) return '已暂停（等待群众补充材料）';
  return t.clockKind === 'clock' ? '计时中（紧急，按自然时间）' : '计时中（按工作时间）';
}

export const TicketFacts: FC<{ bundle: TicketBundle; names: Map<string, string>; now: number }> = (p) => {
  const t = p.bundle.ticket;
  const light = lightOf(t, p.now);
  const contact = p.bundle.contact;
  const pending = t.pendingRequest;
  return (
    <section class="card" aria-label="工单信息">
      <h1>
        工单 {t.ticketNo} <span class="status">{statusLabels[t.status as TicketStatus] ?? t.status}</span>{' '}
        {light ? <span class={`light ${light}`}>{lightLabels[light]}</span> : null}
      </h1>
      {t.title ? <h2>{t.title}</h2> : null}
      <p>{t.text}</p>
      <dl class="facts">
        <dt>类型</dt>
        <dd>
          {t.type}
          {t.urgency === 'urgent' ? '（紧急）' : ''}
          {t.lifeDanger ? '（涉及生命安全）' : ''}
        </dd>
        <dt>分类</dt>
        <dd>{t.category ?? '—'}</dd>
        <dt>来源</dt>
        <dd>{channelLabels[t.channel] ?? t.channel}</dd>
        <dt>受理时间</dt>
        <dd>{formatShanghai(t.receivedAt)}</dd>
        <dt>承办单位</dt>
        <dd>{nameOf(p.names, t.leadDepartmentCode)}</dd>
        <dt>协办单位</dt>
        <dd>{t.coDepartmentCodes.length ? t.coDepartmentCodes.map((c) => nameOf(p.names, c)).join('、') : '—'}</dd>
        <dt>办理时限</dt>
        <dd>{t.deadlineAt === null ? '—' : formatShanghai(t.deadlineAt)}</dd>
        <dt>计时状态</dt>
        <dd>{clockState(t)}</dd>
        <dt>延期 / 重办</dt>
        <dd>
          已延期 {t.extensionCount} 次 · 已重办 {t.reopenCount} 次
        </dd>
        {t.locationAddress ? (
          <>
            <dt>地点</dt>
            <dd>{t.locationAddress}</dd>
          </>
        ) : null}
        <dt>来电/来信人</dt>
        <dd>{contact ? [contact.name, contact.phone, contact.email].filter(Boolean).join(' · ') || '匿名' : '匿名'}</dd>
      </dl>
      {pending ? (
        <p class="form-error">
          待审批：{pending.kind === 'extension' ? `申请延期 ${pending.workingDays} 个工作日` : '申请退回'}，理由：
          {pending.reason}
        </p>
      ) : null}
    </section>
  );
};

const MessageBody: FC<{ m: OriginalMessage }> = ({ m }) =>
  m.transcript ? (
    <ol class="transcript" aria-label="通话记录">
      {m.transcript.map((s) => (
        <li class={s.speaker}>
          <strong>{s.speaker === 'agent' ? '话务员' : '来电人'}：</strong>
          {s.text}
        </li>
      ))}
    </ol>
  ) : (
    <pre>{m.text}</pre>
  );

export const OriginalMessages: FC<{ messages: OriginalMessage[] }> = ({ messages }) => (
  <section class="card" aria-label="原始来件">
    <h2>原始来件</h2>
    {messages.length === 0 ? <p class="muted">没有保存的原始来件（如历史导入的工单）。</p> : null}
    {messages.map((m) => (
      <article>
        <h3>
          {m.channelLabel} <span class="muted">{formatShanghai(m.receivedAt)}</span>
        </h3>
        {m.title ? <p>标题：{m.title}</p> : null}
        <MessageBody m={m} />
        {m.facts.length ? (
          <p class="muted">{m.facts.map(([label, value]) => `${label}：${value}`).join('　')}</p>
        ) : null}
        {m.attachments.length ? (
          <ul aria-label="附件">
            {m.attachments.map((a) => (
              <li>
                {a.name} <span class="muted">{[a.contentType, a.size === null ? '' : `${a.size} 字节`].join(' ')}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </article>
    ))}
  </section>
);

interface RoutingExplanation {
  explanation?: string;
  confidence?: number;
  dispatch?: string;
  candidates?: Array<{ label: string; departmentCode: string | null; score: number }>;
  rulesFired?: string[];
  keywords?: string[];
  place?: { name: string; path?: Array<{ name: string }> } | null;
}

export const RoutingSection: FC<{ routing: unknown; names: Map<string, string> }> = (p) => {
  const r = (p.routing ?? {}) as RoutingExplanation;
  return (
    <section class="card" aria-label="分拨依据">
      <h2>分拨依据</h2>
      {r.explanation ? <p>{r.explanation}</p> : <p class="muted">没有记录分拨依据。</p>}
      {r.candidates?.length ? (
        <table>
          <thead>
            <tr>
              <th>候选分类</th>
              <th>建议单位</th>
              <th>得分</th>
            </tr>
          </thead>
          <tbody>
            {r.candidates.slice(0, 5).map((c) => (
              <tr>
                <td>{c.label}</td>
                <td>{nameOf(p.names, c.departmentCode)}</td>
                <td>{Number(c.score).toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p class="muted">
        {r.dispatch ? `派单方式：${r.dispatch === 'auto' ? '自动派单' : '人工派单'}　` : ''}
        {r.rulesFired?.length ? `命中规则：${r.rulesFired.join('、')}　` : ''}
        {r.keywords?.length ? `关键词：${r.keywords.join('、')}　` : ''}
        {r.place ? `地点：${(r.place.path ?? [r.place]).map((x) => x.name).join(' / ')}` : ''}
      </p>
    </section>
  );
};

export const WorkSection: FC<{ data: TicketPageData; names: Map<string, string> }> = ({ data, names }) => (
  <section class="card" aria-label="办理情况">
    <h2>协办意见</h2>
    {data.contributions.length === 0 ? <p class="muted">暂无协办单位意见。</p> : null}
    {data.contributions.map((c) => (
      <blockquote>
        <strong>{nameOf(names, c.departmentCode)}</strong> <span class="muted">{formatShanghai(c.at)}</span>
        <pre>{c.text}</pre>
      </blockquote>
    ))}
    <h2>答复</h2>
    {data.bundle.replies.length === 0 ? <p class="muted">尚未答复。</p> : null}
    {data.bundle.replies.map((r) => (
      <blockquote>
        <strong>{nameOf(names, r.departmentCode)}</strong>{' '}
        <span class="muted">
          {formatShanghai(r.createdAt)} · {replyStatusLabels[r.status] ?? r.status}
        </span>
        <pre>{r.text}</pre>
      </blockquote>
    ))}
    <h2>群众评价</h2>
    {data.ratings.length === 0 ? <p class="muted">尚未评价。</p> : null}
    <ul>
      {data.ratings.map((r) => (
        <li>
          第 {r.round + 1} 轮答复：{satisfactionLabels[r.satisfaction] ?? r.satisfaction} ·{' '}
          {r.resolved ? '已解决' : '未解决'} · {r.source === 'callback' ? '回访记录' : '群众自评'}
          {r.comment ? `：${r.comment}` : ''} <span class="muted">{formatShanghai(r.at)}</span>
        </li>
      ))}
    </ul>
  </section>
);

export const Timeline: FC<{ bundle: TicketBundle }> = ({ bundle }) => (
  <section class="card" aria-label="办理过程">
    <h2>办理过程</h2>
    <ol class="timeline">
      {bundle.events.map((e) => (
        <li>
          <span class="muted">{formatShanghai(e.at)}</span>{' '}
          <strong>{actionLabels[e.action as keyof typeof actionLabels] ?? e.action}</strong>
          {' → '}
          {statusLabels[e.toStatus as TicketStatus] ?? e.toStatus}{' '}
          <span class="muted">（{roleLabels[e.actorRole] ?? e.actorRole}）</span>
          {e.reason ? <div>理由：{e.reason}</div> : null}
        </li>
      ))}
    </ol>
  </section>
);
