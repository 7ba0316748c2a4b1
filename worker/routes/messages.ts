// POST /api/v1/messages: the generic intake for integrations (token-protected).
import { createRoute, z } from '@hono/zod-openapi';
import { inboundMessageSchema } from '../../tickets/inbound-message';
import { intakeMessage } from '../../tickets/intake';
import { requireIntegrationToken } from '../auth/integration-token';
import { createApi, errorResponses } from '../openapi';

export const intakeResultSchema = z
  .object({
    ticketNo: z.string().openapi({ example: 'A2026112200001' }),
    queryCode: z.string().openapi({ example: '042917' }),
    status: z.string().openapi({ example: 'received' }),
    duplicate: z.boolean(),
  })
  .openapi('IntakeResult');

const app = createApi();

app.use('*', requireIntegrationToken);

app.openapi(
  createRoute({
    method: 'post',
    path: '/',
    summary: 'Take a message from an integration and make (or find) its ticket',
    security: [{ integrationToken: [] }],
    request: { body: { required: true, content: { 'application/json': { schema: inboundMessageSchema } } } },
    responses: {
      201: { description: 'Ticket created', content: { 'application/json': { schema: intakeResultSchema } } },
      200: {
        description: 'A repeat of a message already taken',
        content: { 'application/json': { schema: intakeResultSchema } },
      },
      ...errorResponses(400, 401, 409, 413, 415, 422, 503),
    },
  }),
  async (c) => {
    const message = c.req.valid('json');
    const result = await intakeMessage(c.env, { ...message, raw: await c.req.text() });
    const body = {
      ticketNo: result.ticketNo,
      queryCode: result.queryCode,
      status: result.status,
      duplicate: result.duplicate,
    };
    return c.json(body, result.duplicate ? 200 : 201);
  },
);

export default app;
