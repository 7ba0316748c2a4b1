// The request body of each lifecycle action (POST /api/v1/tickets/{ticketNo}/actions/{action}),
// validated at the edge and described in the OpenAPI document from these same schemas.
import { z } from '@hono/zod-openapi';
import { disclosureSchema } from './disclosure-outcomes';
import { ticketTypes, urgencies } from './inbound-message';
import type { TicketAction } from './transitions';

const reason = z.string().trim().min(2, '请填写理由').max(2000);
const optionalReason = z.string().trim().max(2000).optional();

export const actionInputSchemas = {
  dispatch: z.object({
    departmentCode: z.string().trim().min(1).max(50),
    coDepartmentCodes: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
    type: z.enum(ticketTypes).optional(),
    urgency: z.enum(urgencies).optional(),
    category: z.string().trim().max(50).optional(),
    reason: optionalReason,
  }),
  sign: z.object({ reason: optionalReason }),
  return: z.object({ reason }),
  supplement: z.object({
    /** The department's request, listing everything it needs at once (一次性告知). */
    request: z.string().trim().min(2).max(2000).optional(),
    /** The resident's supplement, when it arrives. */
    text: z.string().trim().min(1).max(20_000).optional(),
  }),
  extend: z.object({ workingDays: z.number().int().min(1).max(60), reason }),
  /** A co-handling department's part of the answer (协办意见), for the lead to answer with. */
  contribute: z.object({ text: z.string().trim().min(5, '协办意见至少5个字').max(20_000) }),
  reply: z.object({
    text: z.string().trim().min(10, '答复内容至少10个字').max(20_000),
    /** 依申请公开 only, and required there (checked against the ticket's type by the lifecycle). */
    disclosure: disclosureSchema.optional(),
  }),
  approve: z.object({ reason: optionalReason }),
  reject: z.object({ reason }),
  close: z.object({
    kind: z.enum(['resolved', 'direct_answer', 'invalid']).default('resolved'),
    reason: optionalReason,
    directAnswer: z.string().trim().max(5000).optional(),
  }),
  reopen: z.object({ reason }),
  merge: z.object({ intoTicketNo: z.string().trim().min(1).max(40), reason: optionalReason }),
} satisfies Record<TicketAction, z.ZodType>;

export type ActionInput<A extends TicketAction> = z.output<(typeof actionInputSchemas)[A]>;
