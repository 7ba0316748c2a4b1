// POST /api/v1/messages: the generic intake for integrations (token-protected). The token must
// be scoped to the message's channel (403 otherwise), and receivedAt must be a live message's
// time (channels/claimed-time.ts, 422 otherwise); a token scoped to `import` may send older
// times, as it may through the history import.
import { createRoute, z } from '@hono/zod-openapi';
import { claimedTimeMaxAgeMs, claimedTimeMessages, claimedTimeProblem } from '../../channels/claimed-time';
import { fieldError } from '../../tickets/hub-error';
import { inboundMessageSchema } from '../../tickets/inbound-message';
import { intakeMessage } from '../../tickets/intake';
import { type IntegrationVariables, requireIntegrationScope, requireIntegrationToken } from '../auth/integration-token';
import { createApi, errorResponses } from '../openapi';

export const intakeResultSchema = z
  .object({
    ticketNo: z.string().openapi({ example: 'A2026112200001' }),
    queryCode: z.string().openapi({ example: '042917' }),
    status: z.string().openapi({ example: 'received' }),
    duplicate: z.boolean(),
  })
  .openapi('IntakeResult');

const app = createApi<IntegrationVariables>();

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
      ...errorResponses(400, 401, 403, 409, 413, 415, 422, 503),
    },
  }),
  async (c) => {
    const message = c.req.valid('json');
    const scopes = c.get('integrationScopes');
    requireIntegrationScope(scopes, message.channel);
    const problem = claimedTimeProblem(Date.parse(message.receivedAt), Date.now(), {
      maxAgeMs: scopes.has('import') ? null : claimedTimeMaxAgeMs,
    });
    if (problem) throw fieldError('receivedAt', claimedTimeMessages[problem]);
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
