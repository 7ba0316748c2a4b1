// GET /api/v1/track/{ticketNo}?code=: the resident's view of their ticket; POST …/rating rates the
// answer and POST …/consent changes their consent to publish. A wrong code answers exactly like an
// unknown number, so the API tells nothing about tickets one cannot open.
import { createRoute, z } from '@hono/zod-openapi';
import type { Db } from '../../db/client';
import { openDb } from '../../db/client';
import { type RatingInput, rateTicket, ratingInputSchema } from '../../tickets/lifecycle/rate-ticket';
import { type ConsentSource, recordConsent } from '../../tickets/lifecycle/record-consent';
import { findTicketForResident, residentView } from '../../tickets/views';
import { rateLimit } from '../middleware/rate-limit';
import { createApi, errorResponses } from '../openapi';

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

/**
 * The resident's rating, opened with the number and query code, and the ticket as it then stands:
 * the API here and the tracking page's form (dashboard/track-page.tsx) both rate through it.
 */
export async function rateAsResident(db: Db, ticketNo: string, code: string, input: RatingInput) {
  await rateTicket({ db }, (await findTicketForResident(db, ticketNo, code)).ticket, input);
  return findTicketForResident(db, ticketNo, code);
}

const consentInputSchema = z
  .object({
    consent: z.boolean({ error: 'consent must be true (同意公开) or false (不公开)' }),
  })
  .openapi('ConsentInput');

/**
 * The resident's consent, opened with the number and query code, and the ticket as it then
 * stands: the API here and the tracking page's form both change it through it. Saying what
 * already stands writes nothing.
 */
export async function consentAsResident(
  db: Db,
  ticketNo: string,
  code: string,
  consent: boolean,
  source: ConsentSource,
) {
  const bundle = await findTicketForResident(db, ticketNo, code);
  if (bundle.ticket.consentToPublish === consent && bundle.ticket.status !== 'merged') return bundle;
  await recordConsent({ db }, bundle.ticket, { consent, source });
  return findTicketForResident(db, ticketNo, code);
}

const app = createApi();

app.use('*', rateLimit('track', 60, 60_000));

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
    return c.json(residentView(await findTicketForResident(openDb(c.env.DB), ticketNo, code)), 200);
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
    return c.json(residentView(await rateAsResident(openDb(c.env.DB), ticketNo, code, c.req.valid('json'))), 200);
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
    return c.json(
      residentView(await consentAsResident(openDb(c.env.DB), ticketNo, code, consent, 'tracking_api')),
      200,
    );
  },
);

export default app;
