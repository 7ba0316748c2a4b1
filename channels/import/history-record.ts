// One line of the history import (DESIGN.md "History import"): a past ticket with what
// happened to it. Validated here, turned into the InboundMessage intake takes.
import { z } from 'zod';
import { disclosureSchema } from '../../tickets/disclosure-outcomes';
import { channels, type InboundMessage, ticketTypes, urgencies } from '../../tickets/inbound-message';

const isoDate = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with offset' });

const recordSchema = z.object({
  externalId: z.string({ error: 'externalId is required' }).trim().min(1).max(200),
  channel: z.enum(channels, { error: `channel must be one of ${channels.join(', ')}` }),
  receivedAt: isoDate,
  /** What the archive says the matter was: it sets the clock the ticket would have had. */
  type: z.enum(ticketTypes, { error: `type must be one of ${ticketTypes.join(', ')}` }).optional(),
  urgency: z.enum(urgencies, { error: `urgency must be one of ${urgencies.join(', ')}` }).optional(),
  title: z.string().trim().max(200).optional(),
  text: z
    .string({ error: 'text (or a title) is required' })
    .trim()
    .min(1, { error: 'text must not be empty when there is no title' })
    .max(20_000),
  contact: z
    .object({
      name: z.string().trim().max(50).optional(),
      phone: z.string().trim().max(30).optional(),
      email: z.email({ error: 'contact.email is not an e-mail address' }).max(200).optional(),
    })
    .optional(),
  consentToPublish: z.boolean({ error: 'consentToPublish must be true or false' }).default(false),
  department: z.string().trim().min(1).max(50).optional(),
  replies: z
    .array(
      z.object({
        department: z.string().trim().min(1).max(50),
        at: isoDate,
        text: z.string().trim().min(1).max(20_000),
        /** 依申请公开: the outcome, when the archive recorded it (replay.ts says what stands in otherwise). */
        disclosure: disclosureSchema.optional(),
      }),
    )
    .max(20)
    .optional(),
  rating: z
    .object({
      resolved: z.boolean(),
      satisfaction: z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']),
      at: isoDate,
    })
    .optional(),
});

/** A letter with a title and no body is imported with its title as its text (DESIGN.md). */
function titleAsMissingText(record: unknown): unknown {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return record;
  const { title, text } = record as { title?: unknown; text?: unknown };
  const blank = text === undefined || text === null || (typeof text === 'string' && text.trim() === '');
  return blank && typeof title === 'string' && title.trim() !== '' ? { ...record, text: title } : record;
}

export const historyRecordSchema = z.preprocess(titleAsMissingText, recordSchema);

export type HistoryRecord = z.output<typeof historyRecordSchema>;

export function historyRecordToInboundMessage(r: HistoryRecord, raw: string): InboundMessage {
  const sender = {
    ...(r.contact?.name ? { name: r.contact.name } : {}),
    ...(r.contact?.phone ? { phone: r.contact.phone } : {}),
    ...(r.contact?.email ? { email: r.contact.email } : {}),
  };
  return {
    channel: r.channel,
    externalId: r.externalId,
    receivedAt: new Date(r.receivedAt).toISOString(),
    sender,
    ...(r.title ? { title: r.title } : {}),
    text: r.text,
    consentToPublish: r.consentToPublish,
    ...(r.type || r.urgency ? { hints: { type: r.type, urgency: r.urgency } } : {}),
    raw,
  };
}
