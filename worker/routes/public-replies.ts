// GET /api/v1/public/replies: the published replies (政务公开), newest first, with the public
// list's filters, full-text search and an opaque cursor (DESIGN.md, Publication). Open to
// everyone, cached at the edge by worker/middleware/edge-cache.ts; one D1 statement a miss.
import { createRoute, z } from '@hono/zod-openapi';
import { openDb } from '../../db/client';
import { ratingInputSchema } from '../../tickets/lifecycle/rate-ticket';
import { publicFilterQuerySchema, toPublicFilter } from '../../tickets/publication/public-filter';
import { listPublishedReplies } from '../../tickets/publication/public-reads';
import { publicReplyJson } from '../../tickets/publication/public-view';
import { createApi, errorResponses } from '../openapi';

const ratingSchema = z
  .object({
    satisfaction: ratingInputSchema.shape.satisfaction.openapi({ description: '满意 / 基本满意 / 不满意' }),
    resolved: z.boolean().openapi({ description: 'The resident called the matter resolved' }),
  })
  .nullable()
  .openapi('PublicRating', { description: "The resident's rating of the reply (回访), null when none was given" });

const publicReplySchema = z
  .object({
    ticketNo: z.string().openapi({ example: 'A2026112200001' }),
    title: z.string(),
    question: z.string().openapi({ description: 'The redacted summary of the letter' }),
    reply: z.string().openapi({ description: "The department's reply, redacted" }),
    department: z.string().nullable(),
    receivedAt: z.string().openapi({ example: '2026-11-20T10:00:00+08:00' }),
    repliedAt: z.string().openapi({ example: '2026-11-24T16:30:00+08:00' }),
    workingDays: z.number().nullable().openapi({ description: 'Working days from receipt to the reply' }),
    rating: ratingSchema,
  })
  .openapi('PublicReply');

const app = createApi();

app.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'Published replies (政务公开), newest first: full-text search, filters, cursor pagination',
    request: { query: publicFilterQuerySchema },
    responses: {
      200: {
        description: 'A page of published replies; next is the cursor of the following page, or null',
        content: {
          'application/json': {
            schema: z.object({ items: z.array(publicReplySchema), next: z.string().nullable() }),
          },
        },
      },
      ...errorResponses(400, 422),
    },
  }),
  async (c) => {
    const page = await listPublishedReplies(openDb(c.env.DB), toPublicFilter(c.req.valid('query')));
    return c.json({ items: page.items.map(publicReplyJson), next: page.next }, 200);
  },
);

export default app;
