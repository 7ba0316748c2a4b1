// GET /track: a resident enters the ticket number and query code and sees progress and the answer;
// once the answer is approved they rate it there (回访), with a plain form POST to /track/rating
// that needs no script, and they give or withdraw their consent to publish (公开意愿) with a POST
// to /track/consent. The page is rendered again after the POST, so the query code stays in the
// form's hidden field and never goes into a redirect's URL. Every code check goes through
// worker/routes/track-guard.ts (one per-address count with the API, a lock per ticket), and no
// page here may be kept by a cache.
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { openDb } from '../db/client';
import { HubError } from '../tickets/hub-error';
import { ratingInputSchema } from '../tickets/lifecycle/rate-ticket';
import { loadTicketBundle, residentView, type TicketBundle } from '../tickets/views';
import { handleError } from '../worker/error-handler';
import { firstField, readFormFields, sameOriginForms } from '../worker/middleware/csrf';
import { consentAsResident, rateAsResident } from '../worker/routes/track';
import { noStore, openAsResident, trackRateLimit } from '../worker/routes/track-guard';
import { Layout } from './layout';
import { ConsentPanel, consentTexts } from './track-consent';
import { RatingForm, type RatingFormState, RatingHistory } from './track-rating';

type Tracking = ReturnType<typeof residentView>;

function TrackForm(props: { no?: string; code?: string; error?: string }) {
  return (
    <form method="get" action="/track" class="card">
      <h1>工单查询</h1>
      <label for="no">工单号</label>
      <input id="no" name="no" value={props.no ?? ''} required maxlength={40} autocomplete="off" />
      <label for="code">查询码</label>
      <input
        id="code"
        name="code"
        value={props.code ?? ''}
        required
        maxlength={20}
        inputmode="numeric"
        autocomplete="off"
      />
      {props.error ? (
        <p class="error" role="alert">
          {props.error}
        </p>
      ) : null}
      <button type="submit">查询</button>
    </form>
  );
}

function TicketProgress({ t }: { t: Tracking }) {
  return (
    <section class="card" aria-label="办理进度">
      <h2>
        工单 {t.ticketNo} <span class={t.overdue ? 'status overdue' : 'status'}>{t.statusLabel}</span>
      </h2>
      <p class="muted">
        类型：{t.type}
        {t.department ? `　承办单位：${t.department}` : ''}
        {t.deadlineText ? `　办理时限：${t.deadlineText}${t.clockPaused ? '（等待补充材料，计时暂停）' : ''}` : ''}
      </p>
      {t.title ? <h3>{t.title}</h3> : null}
      <p>{t.text}</p>
      {t.reply ? (
        <div class="card answer">
          <h3>答复</h3>
          <p>{t.reply.text}</p>
          {t.reply.contributions.length ? (
            <>
              <h4>协办单位意见</h4>
              {t.reply.contributions.map((part) => (
                <p>
                  【{part.department}】{part.text}
                </p>
              ))}
            </>
          ) : null}
        </div>
      ) : null}
      <h3>办理过程</h3>
      <ol class="timeline">
        {t.timeline.map((e) => (
          <li>
            <span class="muted">{e.atText}</span> {e.label}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The answer is approved (or the ticket closed) and its round has no rating yet. */
const ratingDue = (bundle: TicketBundle) =>
  (bundle.ticket.status === 'reviewed' || bundle.ticket.status === 'closed') && bundle.rating === null;

function TrackedTicket(props: {
  bundle: TicketBundle;
  code: string;
  form?: RatingFormState;
  /** What the POST before this page recorded, said above the ticket. */
  status?: string;
}) {
  const { bundle } = props;
  const tracking = residentView(bundle);
  return (
    <Layout title={`工单 ${tracking.ticketNo}`}>
      {props.status ? (
        <p class="card done" role="status">
          {props.status}
        </p>
      ) : null}
      {/* Said above the ticket: a refused rating's form is no longer shown once the round is rated. */}
      {props.form?.errors.form ? (
        <p class="card error" role="alert">
          {props.form.errors.form}
        </p>
      ) : null}
      <TicketProgress t={tracking} />
      <RatingHistory ratings={bundle.ratings} current={bundle.ticket.reopenCount} />
      <ConsentPanel
        ticketNo={tracking.ticketNo}
        code={props.code}
        consent={tracking.consentToPublish}
        merged={bundle.ticket.status === 'merged'}
      />
      {ratingDue(bundle) ? (
        <RatingForm ticketNo={tracking.ticketNo} code={props.code} state={props.form ?? { values: {}, errors: {} }} />
      ) : null}
      <TrackForm />
    </Layout>
  );
}

const notFoundPage = (c: Context, no?: string, code?: string) =>
  c.html(
    <Layout title="工单查询">
      <TrackForm no={no} code={code} error="工单号或查询码不正确，请核对后重新输入。" />
    </Layout>,
    404,
  );

/** Too many tries (from this address, or at this ticket's code): the form again, with the wait. */
const tooManyPage = (c: Context, err: HubError) => {
  c.header('Retry-After', String(err.retryAfterS ?? 60));
  return c.html(
    <Layout title="工单查询">
      <TrackForm error={err.message} />
    </Layout>,
    429,
  );
};

const isNotFound = (err: unknown) => err instanceof HubError && err.status === 404;

const app = new Hono<{ Bindings: Env }>();

app.onError((err, c) =>
  err instanceof HubError && err.code === 'rate_limited' ? tooManyPage(c, err) : handleError(err, c),
);
app.use('*', noStore, trackRateLimit);

app.get('/', async (c) => {
  // Cut to the fields' own lengths, as the forms' hidden fields are: nothing longer is a ticket's.
  const no = c.req.query('no')?.trim().slice(0, 40);
  const code = c.req.query('code')?.trim().slice(0, 20);
  if (!no || !code) {
    return c.html(
      <Layout title="工单查询">
        <TrackForm no={no} code={code} />
      </Layout>,
    );
  }
  try {
    return c.html(<TrackedTicket bundle={await openAsResident(c.env.DB, no, code)} code={code} />);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    return notFoundPage(c, no, code);
  }
});

/** The form's fields as the rating the API takes; a missing choice is named in Chinese beside it. */
const ratingFormSchema = z.object({
  resolved: z.enum(['yes', 'no'], { error: '请选择问题是否已解决' }).transform((v) => v === 'yes'),
  satisfaction: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied'], { error: '请选择满意程度' }),
  comment: z
    .string()
    .trim()
    .max(500, '意见请控制在500字以内')
    .transform((v) => v || undefined),
});

/** The ticket's key, from the hidden fields of the page's forms. */
const residentKeyOf = (form: Awaited<ReturnType<typeof readFormFields>>) => ({
  no: firstField(form, 'no').trim().slice(0, 40),
  code: firstField(form, 'code').trim().slice(0, 20),
});

/** The ticket opened with the form's number and code, or the answer that it cannot be (404; 429 goes to onError). */
async function openFromForm(c: Context<{ Bindings: Env }>, no: string, code: string) {
  try {
    return await openAsResident(c.env.DB, no, code);
  } catch (err) {
    if (isNotFound(err)) return notFoundPage(c);
    throw err;
  }
}

// Counted like the page (a guessed code gets no further here), and a form from another site is
// refused by the browser's own Origin: the query code is the resident's key, so no other token is needed.
app.post('/rating', sameOriginForms, async (c) => {
  const form = await readFormFields(c);
  const { no, code } = residentKeyOf(form);
  const values = {
    resolved: firstField(form, 'resolved'),
    satisfaction: firstField(form, 'satisfaction'),
    comment: firstField(form, 'comment'),
  };
  const opened = await openFromForm(c, no, code);
  if (opened instanceof Response) return opened;
  const parsed = ratingFormSchema.safeParse(values);
  if (!parsed.success) {
    const errors: RatingFormState['errors'] = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as keyof typeof errors] ??= issue.message;
    return c.html(<TrackedTicket bundle={opened} code={code} form={{ values, errors }} />, 422);
  }
  try {
    const bundle = await rateAsResident(c.env.DB, opened, ratingInputSchema.parse(parsed.data));
    return c.html(<TrackedTicket bundle={bundle} code={code} status="感谢您的评价！我们已收到您的意见。" />);
  } catch (err) {
    if (!(err instanceof HubError) || err.status !== 409) throw err;
    const bundle = await reopened(c, opened);
    return c.html(<TrackedTicket bundle={bundle} code={code} form={{ values, errors: { form: err.message } }} />, 409);
  }
});

/** The ticket as it stands after a refused change (its code was checked when it was opened). */
async function reopened(c: Context<{ Bindings: Env }>, opened: TicketBundle): Promise<TicketBundle> {
  return (await loadTicketBundle(openDb(c.env.DB), opened.ticket.ticketNo)) ?? opened;
}

/** A refusal said above the ticket, the rating form's own values untouched. */
const refusal = (message: string): RatingFormState => ({ values: {}, errors: { form: message } });

// Guarded like the rating form: counted, and a form from another site is refused.
app.post('/consent', sameOriginForms, async (c) => {
  const form = await readFormFields(c);
  const { no, code } = residentKeyOf(form);
  const choice = firstField(form, 'consent');
  const consent = choice === 'yes' ? true : choice === 'no' ? false : undefined;
  const opened = await openFromForm(c, no, code);
  if (opened instanceof Response) return opened;
  if (consent === undefined) {
    return c.html(<TrackedTicket bundle={opened} code={code} form={refusal('请选择是否同意公开')} />, 422);
  }
  try {
    const bundle = await consentAsResident(c.env.DB, opened, consent, 'tracking_page');
    return c.html(<TrackedTicket bundle={bundle} code={code} status={consentTexts.saved} />);
  } catch (err) {
    if (!(err instanceof HubError) || err.status !== 409) throw err;
    return c.html(<TrackedTicket bundle={await reopened(c, opened)} code={code} form={refusal(err.message)} />, 409);
  }
});

export default app;
