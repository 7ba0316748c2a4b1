// POST /api/v1/tickets/{ticketNo}/callback: the 12345 centre's record of a callback call (回访),
// the resident's rating of the ticket's current answer as the agent heard it. Mounted under the
// ticket routes, which require a staff session.
import { createRoute, z } from '@hono/zod-openapi';
import { openDb } from '../../db/client';
import { rateTicket, ratingInputSchema } from '../../tickets/lifecycle/rate-ticket';
import { loadVisibleTicket } from '../../tickets/lifecycle/visibility';
import { statusLabels } from '../../tickets/transitions';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses, ticketStateSchema } from '../openapi';

/** The 12345 centre makes the callback calls; department staff may not rate their own answers. */
const centreStaff = ['admin', 'dispatcher', 'supervisor'] as const;

const ticketNoParam = z.object({ ticketNo: z.string().min(1).max(40).openapi({ example: 'A2026112200001' }) });

const app = createApi<StaffVariables>();

app.openapi(
  createRoute({
    method: 'post',
    path: '/{ticketNo}/callback',
    summary: "The call centre's record of a callback call (回访): the resident's rating of the current answer",
    description:
      'One rating per answer round; a 不满意 or unresolved answer puts the ticket in `queue=dissatisfied`. ' +
      'Closes a reviewed ticket. 12345 centre roles only.',
    middleware: [requireStaff(...centreStaff)] as const,
    security: [{ staffSession: [] }],
    request: {
      params: ticketNoParam,
      body: { required: true, content: { 'application/json': { schema: ratingInputSchema } } },
    },
    responses: {
      200: {
        description: 'The rating recorded',
        content: {
          'application/json': {
            schema: ticketStateSchema.extend({ round: z.number() }),
          },
        },
      },
      ...errorResponses(401, 403, 404, 409, 415, 422),
    },
  }),
  async (c) => {
    const { ticketNo } = c.req.valid('param');
    const actor = c.get('actor');
    const db = openDb(c.env.DB);
    const ticket = await loadVisibleTicket(db, ticketNo, actor);
    const rated = await rateTicket({ db }, ticket, c.req.valid('json'), { source: 'callback', actor });
    return c.json(
      {
        ticketNo: rated.ticketNo,
        status: rated.status,
        statusLabel: statusLabels[rated.status as keyof typeof statusLabels],
        version: rated.version,
        round: ticket.reopenCount,
      },
      200,
    );
  },
);

export default app;
