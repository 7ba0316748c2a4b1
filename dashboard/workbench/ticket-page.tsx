// GET /workbench/tickets/{ticketNo} and POST …/actions/{action}: one ticket with everything
// about it and the actions the signed-in person may take. An action goes through the lifecycle's
// applyAction as the API's does, then back to the page (303) with a note of what was done; a
// refusal brings the page back with the input kept and the errors beside the fields.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { openDb } from '../../db/client';
import { HubError } from '../../tickets/hub-error';
import { applyAction } from '../../tickets/lifecycle/apply-action';
import { publicationRoles } from '../../tickets/publication/review';
import { type TicketAction, ticketActions } from '../../tickets/transitions';
import type { StaffVariables } from '../../worker/auth/session';
import { type FormFields, readFormFields, sessionCsrfToken } from '../../worker/middleware/csrf';
import { ActionForm, actionLabel, type FormState } from './action-forms';
import { actionInputFromForm, checkActionInput, fieldErrorsOf } from './action-input';
import { availableActions } from './available-actions';
import { StaffPage } from './staff-frame';
import { loadTicketPage, type TicketPageData } from './ticket-data';
import { OriginalMessages, RoutingSection, TicketFacts, Timeline, WorkSection } from './ticket-sections';

const isTicketAction = (s: string | undefined): s is TicketAction =>
  (ticketActions as readonly string[]).includes(s ?? '');

type StaffContext = Context<{ Bindings: Env; Variables: StaffVariables }>;

const mayReviewPublication = (role: string) => (publicationRoles as readonly string[]).includes(role);

function TicketView(p: { data: TicketPageData; c: StaffContext; state: FormState | null; flash?: string }) {
  const { data, c } = p;
  const { ticket } = data.bundle;
  const names = new Map(data.departments.map((d) => [d.code, d.name]));
  const now = Date.now();
  const actions = availableActions(ticket, c.get('actor'));
  const canned = data.cannedReplies.find((r) => r.id === c.req.query('canned'))?.text ?? null;
  const csrf = sessionCsrfToken(c);
  // A refused action whose form is gone (the ticket moved on meanwhile) says why at the top.
  const orphanError = p.state && !actions.some((a) => a.action === p.state?.action) ? p.state.errors.form : null;
  return (
    <StaffPage title={`工单 ${ticket.ticketNo}`} staff={c.get('staff')} csrf={csrf}>
      <p>
        <a href="/workbench">← 返回工作台</a>
        {mayReviewPublication(c.get('actor').role) && ticket.consentToPublish ? (
          <>
            {' · '}
            <a href={`/workbench/tickets/${encodeURIComponent(ticket.ticketNo)}/publication`}>公开审查</a>
          </>
        ) : null}
      </p>
      {p.flash ? (
        <p class="flash" role="status">
          {p.flash}
        </p>
      ) : null}
      {orphanError ? (
        <p class="form-error" role="alert">
          {orphanError}
        </p>
      ) : null}
      <TicketFacts bundle={data.bundle} names={names} now={now} />
      <section aria-label="可执行操作">
        <h2>操作</h2>
        {actions.length === 0 ? <p class="muted">当前没有您可以执行的操作。</p> : null}
        <div class="actions">
          {actions.map((a) => (
            <ActionForm a={a} data={data} state={p.state} cannedText={canned} csrf={csrf} />
          ))}
        </div>
      </section>
      <OriginalMessages messages={data.messages} />
      <RoutingSection routing={ticket.routing} names={names} />
      <WorkSection data={data} names={names} />
      <Timeline bundle={data.bundle} />
    </StaffPage>
  );
}

/** The page shows the resident's contact: each drawing of it is recorded (tickets/contact-audit.ts). */
const readerOf = (c: StaffContext) => ({ username: c.get('staff').username, at: Date.now() });

export async function showTicket(c: StaffContext) {
  const data = await loadTicketPage(openDb(c.env.DB), c.req.param('ticketNo') ?? '', c.get('actor'), readerOf(c));
  const done = c.req.query('done');
  const flash = isTicketAction(done) ? `已完成「${actionLabel(done)}」。` : undefined;
  return c.html(<TicketView data={data} c={c} state={null} flash={flash} />);
}

async function refused(c: StaffContext, ticketNo: string, state: FormState, status: number) {
  const data = await loadTicketPage(openDb(c.env.DB), ticketNo, c.get('actor'), readerOf(c));
  return c.html(<TicketView data={data} c={c} state={state} />, status as ContentfulStatusCode);
}

/** The names of the fields an action's form has (for placing a refusal's details). */
const fieldsOf = (form: FormFields) => Object.keys(form).filter((name) => !name.startsWith('_'));

export async function takeAction(c: StaffContext) {
  const ticketNo = c.req.param('ticketNo') ?? '';
  const action = c.req.param('action');
  if (!isTicketAction(action)) throw new HubError('not_found', '没有这个操作');
  const form = await readFormFields(c);
  const input = actionInputFromForm(action, form);
  const invalid = checkActionInput(action, input);
  if (invalid) {
    invalid.form ??= '提交未成功，请按提示修改标红的项目。';
    return refused(c, ticketNo, { action, values: form, errors: invalid }, 422);
  }
  try {
    await applyAction({ db: openDb(c.env.DB), env: c.env }, ticketNo, action, c.get('actor'), input);
  } catch (err) {
    // Unknown and invisible tickets stay the 404 page; every other refusal keeps the form.
    if (!(err instanceof HubError) || err.status === 404 || err.status >= 500) throw err;
    return refused(c, ticketNo, { action, values: form, errors: fieldErrorsOf(err, fieldsOf(form)) }, err.status);
  }
  return c.redirect(`/workbench/tickets/${encodeURIComponent(ticketNo)}?done=${encodeURIComponent(action)}`, 303);
}
