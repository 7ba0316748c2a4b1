// Replays what happened to an imported ticket through the core's lifecycle, at the historical
// times: dispatch to the recorded department, sign and reply (the first reply, approved as
// given), and the resident's rating, which closes the ticket. Each step runs only from the state that
// precedes it, so a re-import, or the rest of an import that stopped halfway, does exactly the
// missing steps. Nothing is sent to residents (notify: false).

import { eq } from 'drizzle-orm';
import { openDb } from '../../db/client';
import { tickets } from '../../db/schema';
import { type Disclosure, disclosureTicketType, unrecordedDisclosure } from '../../tickets/disclosure-outcomes';
import { HubError } from '../../tickets/hub-error';
import { systemActor } from '../../tickets/lifecycle/actor';
import { applyAction } from '../../tickets/lifecycle/apply-action';
import { rateTicket } from '../../tickets/lifecycle/rate-ticket';
import { resolveHistoryDepartments } from './departments';
import type { HistoryRecord } from './history-record';

export interface ReplayOutcome {
  steps: string[];
  warnings: string[];
}

interface TicketState {
  id: string;
  status: string;
  leadDepartmentCode: string | null;
  type: string;
  urgency: string;
}

async function ticketState(env: Env, ticketNo: string): Promise<TicketState> {
  const row = await env.DB.prepare(
    'SELECT id, status, lead_department_code AS leadDepartmentCode, type, urgency FROM tickets WHERE ticket_no = ?',
  )
    .bind(ticketNo)
    .first<TicketState>();
  if (!row) throw new HubError('internal_error', `imported ticket ${ticketNo} is missing`);
  return row;
}

/**
 * A disclosure request's answer the archive kept without its outcome is still an answered request:
 * it counts under 其他处理/其他 with a note saying so, rather than the record being refused or the
 * request missing from the annual table's 总计. An outcome on another type's reply is dropped.
 */
function replyDisclosure(type: string, given: Disclosure | undefined, warnings: string[]): Disclosure | undefined {
  if (type !== disclosureTicketType) {
    if (given) warnings.push(`disclosure outcome ignored: the ticket is ${type}, not ${disclosureTicketType}`);
    return undefined;
  }
  return given ?? { ...unrecordedDisclosure, note: '历史档案未载明办理结果' };
}

export async function replayHistory(env: Env, ticketNo: string, record: HistoryRecord): Promise<ReplayOutcome> {
  const out: ReplayOutcome = { steps: [], warnings: [] };
  const lifecycle = { db: openDb(env.DB), env };
  const receivedAt = Date.parse(record.receivedAt);
  const act = async (action: Parameters<typeof applyAction>[2], input: unknown, at: number) => {
    await applyAction(lifecycle, ticketNo, action, systemActor, input, { now: at, notify: false });
    out.steps.push(action);
  };

  try {
    let t = await ticketState(env, ticketNo);
    const { lead: department, warnings } = await resolveHistoryDepartments(env, record);
    out.warnings.push(...warnings);

    // Dispatch where history says it went, as the type and urgency it says, overriding routing's
    // guess if it differs: the deadline is the one the ticket would have had.
    const type = record.type ?? t.type;
    const urgency = record.urgency ?? t.urgency;
    const routedOtherwise = t.leadDepartmentCode !== department || t.type !== type || t.urgency !== urgency;
    if (department && (t.status === 'received' || (t.status === 'dispatched' && routedOtherwise))) {
      await act('dispatch', { departmentCode: department, type, urgency, reason: '历史数据导入' }, receivedAt);
      t = await ticketState(env, ticketNo);
    }

    const [first, ...later] = record.replies ?? [];
    if (later.length > 0) out.warnings.push(`${later.length} later replies kept in the inbox record only`);
    if (first && (t.status === 'dispatched' || t.status === 'signed' || t.status === 'replied')) {
      const at = Date.parse(first.at);
      // History has no sign-for time: the department signed no later than it answered.
      if (t.status === 'dispatched') await act('sign', {}, at);
      const disclosure = replyDisclosure(t.type, first.disclosure, out.warnings);
      if (t.status !== 'replied') await act('reply', { text: first.text, disclosure }, at);
      await act('approve', { reason: '历史数据导入' }, at);
      t = await ticketState(env, ticketNo);
    }

    if (record.rating && t.status === 'reviewed') {
      const at = Date.parse(record.rating.at);
      const row = await lifecycle.db.query.tickets.findFirst({ where: eq(tickets.id, t.id) });
      if (row)
        await rateTicket(
          lifecycle,
          row,
          { resolved: record.rating.resolved, satisfaction: record.rating.satisfaction },
          { now: at },
        );
      out.steps.push('rate');
    } else if (record.rating && t.status !== 'closed') {
      out.warnings.push('rating given but the ticket has no approved reply to close on');
    }
  } catch (err) {
    if (err instanceof HubError && err.status < 500) {
      out.warnings.push(`${err.code}: ${err.message}`);
      return out;
    }
    throw err;
  }
  return out;
}
