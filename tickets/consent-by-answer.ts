// The follow-up of a bare consent answer from a chat channel (tickets/awaiting-consent.ts says
// which ticket it is about): the answer goes through the lifecycle's one consent path, as the
// resident's, like a rating digit goes through the rating's (tickets/rate-by-digit.ts).
import { consentOfText, ticketAwaitingConsent } from './awaiting-consent';
import { type LifecycleEnv, systemActor, type TicketRow } from './lifecycle/actor';
import { applyAction } from './lifecycle/apply-action';
import { type ConsentSource, recordConsent } from './lifecycle/record-consent';

/**
 * Records the answer on the ticket it is about, when it changes the ticket's consent or is the
 * resident's first answer to it (a repeated 同意公开 changes nothing), and closes the answer's own
 * ticket as invalid without a word to the resident (the chat route has thanked them already).
 * Returns the ticket answered about, or null when there is none: then the words are an ordinary
 * message.
 */
export async function recordConsentByAnswer(
  lifecycle: LifecycleEnv,
  answer: TicketRow,
  now = Date.now(),
): Promise<string | null> {
  const consent = consentOfText(answer.channel, answer.text);
  if (consent === null || !answer.contactId || answer.status !== 'received') return null;
  const target = await ticketAwaitingConsent(
    lifecycle.db,
    { contactId: answer.contactId },
    answer.channel,
    consent,
    now,
    answer.id,
  );
  if (!target) return null;
  if (target.consentToPublish !== consent || !target.answered) {
    await recordConsent(lifecycle, target, { consent, source: answer.channel as ConsentSource }, { now });
  }
  await applyAction(
    lifecycle,
    answer.ticketNo,
    'close',
    systemActor,
    { kind: 'invalid', reason: `公开意愿答复（已记入工单 ${target.ticketNo}）` },
    { now, notify: false },
  );
  return target.ticketNo;
}
