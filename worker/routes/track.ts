// GET /api/v1/track/{ticketNo}?code=: the resident's view of their ticket; POST …/rating rates the
// answer and POST …/consent changes their consent to publish. A wrong code answers exactly like an
// unknown number, so the API tells nothing about tickets one cannot open; guessing is limited per
// address (shared with the tracking page) and per ticket (./track-guard.ts).
import { createRoute, z } from '@hono/zod-openapi';
import { openDb } from '../../db/client';
import { HubError } from '../../tickets/hub-error';
import { type RatingInput, rateTicket, ratingInputSchema } from '../../tickets/lifecycle/rate-ticket';
import { type ConsentSource, recordConsent } from '../../tickets/lifecycle/record-consent';
import { loadTicketBundle, residentView, type TicketBundle } from '../../tickets/views';
import { createApi, errorResponses } from '../openapi';
import { noStore, openAsResident, trackRateLimit } from './track-guard';

const trackingSchema = z
  .object({
    ticketNo: z.string(),
    status: z.string(),
    statusLabel: z.string(),
    type: z.string(),
    title: z.string().nullable(),
    text: z.string(),
    receivedAt: z.string().nullable(),
    department: z.string().nullable(),
    deadlineAt: z.string().nullable(),
    deadlineText: z.string().nullable(),
    clockPaused: z.boolean(),
    overdue: z.boolean(),
    reply: z
      .object({
        text: z.string(),
        at: z.string().nullable(),
        /** 协办单位意见: each co-handling department's part of the answer. */
        contributions: z.array(z.object({ department: z.string(), text: z.string() })),
      })
      .nullable(),
    rating: z.object({ resolved: z.boolean(), satisfaction: z.string() }).nullable(),
    /** 公开意愿: the question and answer may be published with personal data removed. */
    consentToPublish: z.boolean(),
    timeline: z.array(
      z.object({
        at: z.string().nullable(),
        atText: z.string(),
        action: z.string(),
        label: z.string(),
        status: z.string(),
        statusLabel: z.string(),
      }),
    ),
  })
  .openapi('Tracking');

// A resident opens their ticket with its number and query code, on every route here.
const residentKey = {
  params: z.object({ ticketNo: z.string().min(1).max(40) }),
  query: z.object({ code: z.string().min(1).max(20) }),
};

/** The ticket as it stands after the resident's own change (opened already: no code is checked again). */
async function reloaded(d1: D1Database, ticketNo: string): Promise<TicketBundle> {
  const bundle = await loadTicketBundle(openDb(d1), ticketNo);
  if (!bundle) throw new HubError('ticket_not_found', '工单号或查询码不正确');
  return bundle;
}

/**
 * The resident's rating of the ticket they opened, and the ticket as it then stands: the API here
 * and the tracking page's form (dashboard/track-page.tsx) both rate through it.
 */
export async function rateAsResident(d1: D1Database, opened: TicketBundle, input: RatingInput) {
  await rateTicket({ db: openDb(d1) }, opened.ticket, input);
  return reloaded(d1, opened.ticket.ticketNo);
}

const consentInputSchema = z
  .object({
    consent: z.boolean({ error: 'consent must be true (同意公开) or false (不公开)' }),
  })
  .openapi('ConsentInput');

/**
 * The resident's consent for the ticket they opened, and the ticket as it then stands: the API
 * here and the tracking page's form both change it through it. Saying what already stands
 * writes nothing.
 */
export async function consentAsResident(d1: D1Database, opened: TicketBundle, consent: boolean, source: ConsentSource) {
  if (opened.ticket.consentToPublish === consent && opened.ticket.status !== 'merged') return opened;
  await recordConsent({ db: openDb(d1) }, opened.ticket, { consent, source });
  return reloaded(d1, opened.ticket.ticketNo);
}

const app = createApi();

app.use('*', noStore, trackRateLimit);

app.openapi(
  createRoute({
    method: 'get',
    path: '/{ticketNo}',
    summary: "A resident's view of a ticket, opened with its query code",
    request: {
      ...residentKey,
    },
    responses: {
      200: {
        description: 'The ticket as the resident sees it',
        content: { 'application/json': { schema: trackingSchema } },
      },
      ...errorResponses(404, 422, 429),
    },
  }),
  async (c) => {
    const { ticketNo } = c.req.valid('param');
    const { code } = c.req.valid('query');
    return c.json(residentView(await openAsResident(c.env.DB, ticketNo, code)), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/{ticketNo}/rating',
    summary:
      'The resident rates the current answer (resolved or not, and satisfaction), once a round; closes it if reviewed',
    request: {
      ...residentKey,
      body: { required: true, content: { 'application/json': { schema: ratingInputSchema } } },
    },
    responses: {
      200: { description: 'Rated', content: { 'application/json': { schema: trackingSchema } } },
      ...errorResponses(404, 409, 422, 429),
    },
  }),
  async (c) => {
    const { ticketNo } = c.req.valid('param');
    const { code } = c.req.valid('query');
    const opened = await openAsResident(c.env.DB, ticketNo, code);
    return c.json(residentView(await rateAsResident(c.env.DB, opened, c.req.valid('json'))), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/{ticketNo}/consent',
    summary: 'The resident gives or withdraws consent to publish the question and answer (personal data removed)',
    request: {
      ...residentKey,
      body: { required: true, content: { 'application/json': { schema: consentInputSchema } } },
    },
    responses: {
      200: { description: 'Recorded', content: { 'application/json': { schema: trackingSchema } } },
      ...errorResponses(404, 409, 422, 429),
    },
  }),
  async (c) => {
    const { ticketNo } = c.req.valid('param');
    const { code } = c.req.valid('query');
    const { consent } = c.req.valid('json');
    const opened = await openAsResident(c.env.DB, ticketNo, code);
    return c.json(residentView(await consentAsResident(c.env.DB, opened, consent, 'tracking_api')), 200);
  },
);

export default app;
