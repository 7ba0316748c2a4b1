// The publication review API (政务公开审查), mounted at /api/v1: the reviewer's queue, one
// ticket's draft with its masks and gates, and the decisions (publish, decline, withdraw).
// Reviewers decide on the tickets their department leads; admins and supervisors on every
// ticket; handlers, dispatchers and leaders are refused (403) before any ticket is looked at.
import { createRoute, z } from '@hono/zod-openapi';
import { openDb } from '../../db/client';
import { listPublicationQueue } from '../../tickets/publication/queue';
import {
  decidePublication,
  decisionActions,
  decisionInputSchema,
  publicationRoles,
} from '../../tickets/publication/review';
import { loadReviewView, reviewViewJson } from '../../tickets/publication/review-view';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses } from '../openapi';

const app = createApi<StaffVariables>();

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
const ticketNoParam = z.object({ ticketNo: z.string().min(1).max(40).openapi({ example: 'A2026112200001' }) });
const json = (schema: z.ZodType) => ({ 'application/json': { schema } });

app.openapi(
  createRoute({
    method: 'get',
    path: '/publication/queue',
    summary: 'Answered tickets the resident agreed to publish that wait for a publication decision, newest first',
    middleware: [requireStaff(...publicationRoles)] as const,
    security: [{ staffSession: [] }],
    request: { query: z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }) },
    responses: {
      200: {
        description: 'One page of the queue; next is the following page number or null',
        content: json(z.object({ items: z.array(z.record(z.string(), z.unknown())), next: z.number().nullable() })),
      },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const { page } = c.req.valid('query');
    const { items, more } = await listPublicationQueue(openDb(c.env.DB), c.get('actor'), page);
    return c.json(
      {
        items: items.map((i) => ({ ...i, receivedAt: iso(i.receivedAt), repliedAt: iso(i.repliedAt) })),
        next: more ? page + 1 : null,
      },
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/tickets/{ticketNo}/publication',
    summary:
      "A ticket's publication draft: the texts with their masks, redacted, the gates, the decision and its history",
    middleware: [requireStaff(...publicationRoles)] as const,
    security: [{ staffSession: [] }],
    request: { params: ticketNoParam },
    responses: {
      200: { description: 'The draft', content: json(z.record(z.string(), z.unknown())) },
      ...errorResponses(401, 403, 404),
    },
  }),
  async (c) => {
    const { ticketNo } = c.req.valid('param');
    const view = await loadReviewView(openDb(c.env.DB), ticketNo, c.get('actor'));
    return c.json(reviewViewJson(view), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/tickets/{ticketNo}/publication/{decision}',
    summary:
      'Decide on publication: publish (批准公开), decline (不予公开, with a reason) or withdraw (撤回, with a reason)',
    description:
      'publish takes the reviewer’s edits (mask ids to take off, phrases to mask) and, for 举报 and 依申请公开, ' +
      'fitForPublication. A gate not met answers 409 not_publishable; a decision that another landed before ' +
      'answers 409 concurrent_change.',
    middleware: [requireStaff(...publicationRoles)] as const,
    security: [{ staffSession: [] }],
    request: {
      params: ticketNoParam.extend({ decision: z.enum(decisionActions) }),
      body: { required: false, content: json(decisionInputSchema) },
    },
    responses: {
      200: {
        description: 'The publication after the decision',
        content: json(
          z.object({ ticketNo: z.string(), status: z.string(), version: z.number(), decidedAt: z.string() }),
        ),
      },
      ...errorResponses(401, 403, 404, 409, 415, 422),
    },
  }),
  async (c) => {
    const { ticketNo, decision } = c.req.valid('param');
    const state = await decidePublication(openDb(c.env.DB), ticketNo, decision, c.get('actor'), c.req.valid('json'));
    return c.json({ ...state, decidedAt: new Date(state.decidedAt).toISOString() }, 200);
  },
);

export default app;
