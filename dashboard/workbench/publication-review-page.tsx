// GET /workbench/tickets/{ticketNo}/publication and POST …: the publication review (公开审查) of one
// ticket. Each text with its masks beside the text the public would read; boxes to take masks
// off, a textarea of phrases to mask, the reviewer's mark for 举报 and 依申请公开; 预览 renders the
// page again with the edits (no script), 批准公开 publishes, 不予公开 and 撤回 take a reason. A
// refusal brings the page back with what was entered and the errors in Chinese.
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { openDb } from '../../db/client';
import { formatShanghai } from '../../routing/calendar';
import { HubError } from '../../tickets/hub-error';
import { satisfactionLabels } from '../../tickets/lifecycle/rate-ticket';
import { repliedAtOf } from '../../tickets/publication/draft';
import { decidePublication, decisionLabels } from '../../tickets/publication/review';
import { loadReviewView, type ReviewView } from '../../tickets/publication/review-view';
import { publicFields } from '../../tickets/redaction/types';
import type { StaffVariables } from '../../worker/auth/session';
import { CSRF_FIELD, readFormFields, sessionCsrfToken } from '../../worker/middleware/csrf';
import type { FieldErrors } from './action-input';
import {
  checkDecisionForm,
  type DecisionForm,
  decisionInput,
  isFormDecision,
  readDecisionForm,
  refusalErrors,
} from './publication-form';
import { DraftText } from './publication-texts';
import { StaffPage } from './staff-frame';

type StaffContext = Context<{ Bindings: Env; Variables: StaffVariables }>;

export const publicationStatusLabels: Record<string, string> = {
  pending: '待审查',
  published: '已公开',
  declined: '不予公开',
  withdrawn: '已撤回',
};

const historyLabels: Record<string, string> = { offer: '提交审查', ...decisionLabels };

interface Entered {
  /** Which form the input came from: its errors and values go back there. */
  decision: string;
  form: DecisionForm;
  errors: FieldErrors;
}

const FieldError: FC<{ message?: string }> = ({ message }) => (message ? <p class="error">{message}</p> : null);

const Facts: FC<{ v: ReviewView }> = ({ v }) => {
  const { facts } = v.draft;
  const repliedAt = repliedAtOf(facts);
  return (
    <dl class="facts">
      <dt>类型</dt>
      <dd>{facts.ticket.type}</dd>
      <dt>分类</dt>
      <dd>{facts.ticket.category ?? '—'}</dd>
      <dt>承办单位</dt>
      <dd>{facts.departmentName ?? facts.ticket.leadDepartmentCode ?? '—'}</dd>
      <dt>受理时间</dt>
      <dd>{formatShanghai(facts.ticket.receivedAt)}</dd>
      <dt>答复时间</dt>
      <dd>{repliedAt === null ? '—' : formatShanghai(repliedAt)}</dd>
      <dt>办理用时</dt>
      <dd>{v.draft.workingDays === null ? '—' : `${v.draft.workingDays} 个工作日`}</dd>
      <dt>群众评价</dt>
      <dd>
        {facts.rating
          ? `${satisfactionLabels[facts.rating.satisfaction]}，${facts.rating.resolved ? '已解决' : '未解决'}`
          : '尚未评价'}
      </dd>
    </dl>
  );
};

const Decision: FC<{ v: ReviewView }> = ({ v }) => {
  const { publication, history } = v.draft.facts;
  return (
    <section class="card" aria-label="公开决定">
      <h2>公开决定：{publication ? publicationStatusLabels[publication.status] : '尚未审查'}</h2>
      {v.newerAnswer ? <p class="flash">该工单有新的已审核答复，尚未作出公开决定。</p> : null}
      {publication?.reason ? <p>理由：{publication.reason}</p> : null}
      {history.length ? (
        <ol class="timeline">
          {history.map((h) => (
            <li>
              {formatShanghai(h.at)} {historyLabels[h.action] ?? h.action}
              {h.actorId ? `（${h.actorId}）` : '（历史数据导入）'}
              {h.reason ? `：${h.reason}` : ''}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
};

const Gates: FC<{ v: ReviewView }> = ({ v }) => (
  <ul class="gates" aria-label="公开条件">
    {v.gates.map((g) => (
      <li class={g.ok ? 'ok' : 'missing'}>
        {g.ok ? '✓' : '✗'} {g.message}
      </li>
    ))}
  </ul>
);

const ReasonForm: FC<{ p: PageProps; decision: 'decline' | 'withdraw'; label: string }> = ({ p, decision, label }) => {
  const mine = p.entered?.decision === decision ? p.entered : null;
  return (
    <form method="post" action={p.action} class="card" aria-label={decisionLabels[decision]}>
      <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
      <input type="hidden" name="decision" value={decision} />
      <h3>{decisionLabels[decision]}</h3>
      {mine?.errors.form ? (
        <p class="form-error" role="alert">
          {mine.errors.form}
        </p>
      ) : null}
      <div class={mine?.errors.reason ? 'invalid' : undefined}>
        <label for={`${decision}-reason`}>{label}</label>
        <textarea id={`${decision}-reason`} name="reason" rows={2}>
          {mine?.form.reason ?? ''}
        </textarea>
        <FieldError message={mine?.errors.reason} />
      </div>
      <button type="submit">{decisionLabels[decision]}</button>
    </form>
  );
};

interface PageProps {
  v: ReviewView;
  c: StaffContext;
  csrf: string;
  action: string;
  entered: Entered | null;
  flash?: string;
}

function ReviewForm({ p }: { p: PageProps }) {
  const { v } = p;
  const mine = p.entered && ['preview', 'publish'].includes(p.entered.decision) ? p.entered : null;
  const published = v.draft.facts.publication?.status === 'published';
  return (
    <form method="post" action={p.action} aria-label="公开审查" novalidate>
      <input type="hidden" name={CSRF_FIELD} value={p.csrf} />
      {mine?.errors.form ? (
        <p class="form-error" role="alert">
          {mine.errors.form}
        </p>
      ) : null}
      {publicFields.map((field) => (
        <DraftText field={field} original={v.draft.original[field]} redacted={v.redacted[field]} masks={v.masks} />
      ))}
      <section class="card">
        <div class={mine?.errors.add ? 'invalid' : undefined}>
          <label for="add">另行隐去的内容（每行一项，所有文本中出现处均隐去）</label>
          <textarea id="add" name="add" rows={3}>
            {mine ? mine.form.addText : v.edits.add.join('\n')}
          </textarea>
          <FieldError message={mine?.errors.add} />
        </div>
        {v.markLabel ? (
          <div class={mine?.errors.fitForPublication ? 'invalid' : undefined}>
            <label class="check">
              <input type="checkbox" name="fitForPublication" value="1" checked={v.fitForPublication} />
              审核确认：{v.markLabel}
            </label>
            <FieldError message={mine?.errors.fitForPublication} />
          </div>
        ) : null}
        <div class="buttons">
          <button type="submit" name="decision" value="preview" class="secondary">
            预览
          </button>
          <button type="submit" name="decision" value="publish">
            {published ? '重新公开' : '批准公开'}
          </button>
        </div>
      </section>
    </form>
  );
}

function ReviewPage(p: PageProps) {
  const { v } = p;
  const { ticket, publication } = v.draft.facts;
  const published = publication?.status === 'published';
  const ticketNo = ticket.ticketNo;
  return (
    <StaffPage title={`公开审查 ${ticketNo}`} staff={p.c.get('staff')} csrf={p.csrf}>
      <p>
        <a href="/workbench/publication">← 待公开审查</a> ·{' '}
        <a href={`/workbench/tickets/${encodeURIComponent(ticketNo)}`}>工单详情</a>
      </p>
      <h1>公开审查 · 工单 {ticketNo}</h1>
      {p.flash ? (
        <p class="flash" role="status">
          {p.flash}
        </p>
      ) : null}
      <section class="card" aria-label="公开条件与工单信息">
        <Gates v={v} />
        <Facts v={v} />
      </section>
      <Decision v={v} />
      <ReviewForm p={p} />
      <div class="actions">
        {published ? <ReasonForm p={p} decision="withdraw" label="撤回理由" /> : null}
        {!published || v.newerAnswer ? <ReasonForm p={p} decision="decline" label="不予公开的理由" /> : null}
      </div>
    </StaffPage>
  );
}

const pageAction = (ticketNo: string) => `/workbench/tickets/${encodeURIComponent(ticketNo)}/publication`;

async function render(c: StaffContext, ticketNo: string, entered: Entered | null, status = 200, flash?: string) {
  const given = entered ? decisionInput(entered.form) : undefined;
  // A refused reason form keeps the page's own edits; only the review form's input re-renders the texts.
  const edits = entered && ['preview', 'publish'].includes(entered.decision) ? given : undefined;
  const v = await loadReviewView(openDb(c.env.DB), ticketNo, c.get('actor'), edits);
  const props = { v, c, csrf: sessionCsrfToken(c), action: pageAction(ticketNo), entered, flash };
  return c.html(<ReviewPage {...props} />, status as ContentfulStatusCode);
}

export async function showPublicationReview(c: StaffContext) {
  const done = c.req.query('done') ?? '';
  const flash =
    done in decisionLabels ? `已完成「${decisionLabels[done as keyof typeof decisionLabels]}」。` : undefined;
  return render(c, c.req.param('ticketNo') ?? '', null, 200, flash);
}

export async function submitPublication(c: StaffContext) {
  const ticketNo = c.req.param('ticketNo') ?? '';
  const fields = await readFormFields(c);
  const decision = fields.decision?.[0] ?? '';
  if (!isFormDecision(decision)) throw new HubError('not_found', '没有这个操作');
  const form = readDecisionForm(fields);
  const invalid = checkDecisionForm(form);
  if (invalid) return render(c, ticketNo, { decision, form, errors: invalid }, 422);
  if (decision === 'preview') return render(c, ticketNo, { decision, form, errors: {} });
  try {
    await decidePublication(openDb(c.env.DB), ticketNo, decision, c.get('actor'), decisionInput(form));
  } catch (err) {
    // Unknown and invisible tickets stay the 404 page, a refused role the 403 page.
    if (!(err instanceof HubError) || err.status === 404 || err.status === 403 || err.status >= 500) throw err;
    return render(c, ticketNo, { decision, form, errors: refusalErrors(err) }, err.status);
  }
  return c.redirect(`${pageAction(ticketNo)}?done=${decision}`, 303);
}
