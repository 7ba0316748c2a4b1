// InboundMessage: what every channel hands to the ticket core (DESIGN.md, "InboundMessage").
// The zod schema is the one source for validation, the TypeScript type and the OpenAPI document.
import { z } from '@hono/zod-openapi';

export const channels = ['phone', 'mailbox', 'email', 'wechat', 'wechaty', 'open311', 'api'] as const;
export type Channel = (typeof channels)[number];

/** The channels' names as staff and leaders read them. */
export const channelLabels: Record<string, string> = {
  phone: '12345 电话',
  mailbox: '市长信箱',
  email: '电子邮件',
  wechat: '政务微信公众号',
  wechaty: '微信',
  open311: 'Open311',
  api: '系统接口',
};

export const ticketTypes = ['咨询', '求助', '投诉', '举报', '建议', '表扬', '依申请公开'] as const;
export type TicketType = (typeof ticketTypes)[number];

export const urgencies = ['normal', 'urgent'] as const;
export type Urgency = (typeof urgencies)[number];

export const senderSchema = z
  .object({
    name: z.string().trim().max(50).optional(),
    phone: z.string().trim().max(30).optional(),
    email: z.string().trim().email().max(200).optional(),
    openId: z.string().trim().max(100).optional(),
  })
  .openapi('Sender');

export const locationSchema = z
  .object({
    address: z.string().trim().max(300).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
  })
  .openapi('Location');

export const hintsSchema = z
  .object({
    type: z.enum(ticketTypes).optional(),
    category: z.string().trim().max(50).optional(),
    urgency: z.enum(urgencies).optional(),
    /** A consultation the call-centre agent answered on the call (直接办结). */
    directAnswer: z.string().trim().max(5000).optional(),
  })
  .openapi('Hints');

export const attachmentSchema = z.object({
  name: z.string().max(200),
  contentType: z.string().max(100),
  size: z.number().int().nonnegative(),
  url: z.string().max(2000).optional(),
});

/** The JSON body of POST /api/v1/messages, and the shape every channel adapter builds. */
export const inboundMessageSchema = z
  .object({
    channel: z.enum(channels),
    externalId: z.string().trim().min(1).max(200),
    receivedAt: z.iso.datetime({ offset: true }),
    sender: senderSchema.default({}),
    title: z.string().trim().max(200).optional(),
    text: z.string().trim().min(1).max(20_000),
    location: locationSchema.optional(),
    attachments: z.array(attachmentSchema).max(20).optional(),
    consentToPublish: z.boolean().default(false),
    hints: hintsSchema.optional(),
  })
  .openapi('InboundMessage');

export type InboundMessageInput = z.input<typeof inboundMessageSchema>;

/** A validated message plus the raw bytes the channel received, kept verbatim in the inbox. */
export type InboundMessage = z.output<typeof inboundMessageSchema> & { raw: string };
