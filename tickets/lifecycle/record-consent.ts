// The resident's consent to publish (公开意愿): whether their question and its answer, with
// personal data removed, may appear in the public pages (政务公开). It is given at intake (the
// mailbox checkbox, the caller's answer on the call, Open311's and the API's field, an import's
// record) and changed later only here: by the resident's answer to the chat channel's question
// (tickets/consent-by-answer.ts) or on the tracking page and its API (worker/routes/track.ts).
// Every change is a `consent` event on the ticket's timeline, written by the rules of writes.ts.
import { eq } from 'drizzle-orm';
import { tickets } from '../../db/schema';
import { HubError } from '../hub-error';
import { withdrawOnConsentStatements } from '../publication/consent-withdrawal';
import { actionLabels } from '../transitions';
import { type Actor, type LifecycleEnv, residentActor, type Statement, type TicketRow } from './actor';
import { isConstraintConflict, ticketChange } from './writes';

/** Where the resident said it: their answer on a chat channel, or the tracking page or its API. */
export const consentSources = ['wechat', 'wechaty', 'tracking_page', 'tracking_api'] as const;
export type ConsentSource = (typeof consentSources)[number];

export interface ConsentInput {
  consent: boolean;
  source: ConsentSource;
}

/** How a consent event reads on a timeline, the resident's and the staff's alike. */
export function consentEventLabel(data: unknown): string {
  const consent = (data as { consent?: unknown } | null)?.consent;
  return `${actionLabels.consent}：${consent === true ? '同意公开' : '不公开'}`;
}

export interface RecordConsentOptions {
  now?: number;
  actor?: Actor;
  /**
   * Statements written in the same batch as the change: the publication stage's withdrawal of
   * a published reply when consent is withdrawn, so the public pages never show a reply whose
   * resident said no, not even between two writes.
   */
  alongside?: Statement[];
}

/**
 * Records the resident's word on publishing the ticket, as the resident, guarded by the version
 * the caller read (a change that landed since fails the batch whole: 409). A merged ticket has
 * no answer of its own to publish: its resident decides on the ticket it was merged into.
 */
export async function recordConsent(
  { db }: Pick<LifecycleEnv, 'db'>,
  ticket: TicketRow,
  input: ConsentInput,
  opts: RecordConsentOptions = {},
): Promise<TicketRow> {
  if (ticket.status === 'merged') {
    throw new HubError('illegal_transition', '该工单已合并，请在合并后的工单中选择是否公开', [
      { path: 'consent', message: 'the ticket is merged into another' },
    ]);
  }
  const now = opts.now ?? Date.now();
  const [event, update] = ticketChange(db, eq(tickets.id, ticket.id), {
    at: now,
    actor: opts.actor ?? residentActor,
    action: 'consent',
    data: { consent: input.consent, source: input.source },
    patch: { consentToPublish: input.consent },
    expectedVersion: ticket.version,
  });
  try {
    // 不公开 takes down what is published in the same batch, whichever path the resident took.
    const withdrawal = input.consent ? [] : withdrawOnConsentStatements(db, ticket.id, now);
    const [, updated] = await db.batch([event, update, ...withdrawal, ...(opts.alongside ?? [])]);
    return (updated as TicketRow[])[0]!;
  } catch (err) {
    if (isConstraintConflict(err)) throw new HubError('concurrent_change', '工单已被他人更新，请刷新后重试');
    throw err;
  }
}
