// Staff ticket API: list, read, and act on tickets through the lifecycle.
import { createRoute, z } from '@hono/zod-openapi';
import { asc, desc, inArray, sql } from 'drizzle-orm';
import { openDb } from '../../db/client';
import { tickets } from '../../db/schema';
import { actionInputSchemas } from '../../tickets/action-inputs';
import { HubError } from '../../tickets/hub-error';
import { applyAction } from '../../tickets/lifecycle/apply-action';
import { visibleTo } from '../../tickets/lifecycle/visibility';
import { queueNames } from '../../tickets/queues';
import { drillFilterOf, drillQueryShape } from '../../tickets/stats/drill-query';
import { listTickets, ticketListItem } from '../../tickets/ticket-list';
import { statusLabels, ticketActions, ticketStatuses } from '../../tickets/transitions';
import { loadTicketBundle, staffView } from '../../tickets/views';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses, ticketStateSchema } from '../openapi';
import callback from './ticket-callback';

const app = createApi<StaffVariables>();

app.use('*', requireStaff());

/** Who works on single tickets; leaders read figures and lists only (DESIGN.md). */
const ticketRoles = ['admin', 'dispatcher', 'supervisor', 'handler', 'reviewer'] as const;

const ticketNoParam = z.object({ ticketNo: z.string().min(1).max(40).openapi({ example: 'A2026112200001' }) });

const listItemSchema = z.object({
  ticketNo: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  type: z.string(),
  urgency: z.string(),
  category: z.string().nullable(),
  title: z.string().nullable(),
  summary: z.string(),
  leadDepartmentCode: z.string().nullable(),
  receivedAt: z.string(),
  deadlineAt: z.string().nullable(),
});

app.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'List tickets, newest first; department staff see their own department only',
    description:
      'With `metric` (and the same from, to, department as the figure, optionally one breakdown key): exactly the ' +
      'tickets behind a stats figure; department staff may drill into their own subtree only (403 otherwise). ' +
      'With `hotspot`: the tickets of that hot spot.',
    security: [{ staffSession: [] }],
    request: {
      query: z.object({
        status: z.enum(ticketStatuses).optional(),
        department: z.string().max(50).optional(),
        queue: z
          .enum(queueNames)
          .optional()
          .openapi({
            description:
              'A workbench queue (tickets/queues.ts), e.g. dissatisfied: the current answer was rated 不满意 or ' +
              'unresolved (回访); overdue and due_soon by the light',
          }),
        before: z
          .string()
          .max(40)
          .optional()
          .openapi({ description: 'Cursor: the last ticketNo of the previous page' }),
        limit: z.coerce.number().int().min(1).max(100).default(50),
        ...drillQueryShape,
        hotspot: z.string().trim().min(1).max(64).optional().openapi({ description: '热点编号：列出该热点的工单' }),
      }),
    },
    responses: {
      200: {
        description: 'A page of tickets',
        content: {
          'application/json': { schema: z.object({ items: z.array(listItemSchema), next: z.string().nullable() }) },
        },
      },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const db = openDb(c.env.DB);
    const actor = c.get('actor');
    // The centre narrows the list to a department subtree; department staff see their own anyway.
    const { rows, next } = await listTickets(db, actor, {
      status: q.status,
      queue: q.queue,
      department: q.department,
      drill: await drillFilterOf(db, actor, q, Date.now()),
      hotspot: q.hotspot,
      before: q.before,
      limit: q.limit,
    });
    return c.json({ items: rows.map(ticketListItem), next }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/queue',
    summary:
      "The 12345 centre's manual dispatch queue: tickets routing left to people, urgent first, then oldest first",
    middleware: [requireStaff('admin', 'dispatcher', 'supervisor')] as const,
    security: [{ staffSession: [] }],
    responses: {
      200: {
        description: 'Waiting tickets with routing’s candidates',
        content: {
          'application/json': {
            schema: z.object({
              items: z.array(
                listItemSchema.extend({
                  lifeDanger: z.boolean(),
                  candidates: z.array(
                    z.object({ label: z.string(), departmentCode: z.string().nullable(), score: z.number() }),
                  ),
                }),
              ),
            }),
          },
        },
      },
      ...errorResponses(401, 403),
    },
  }),
  async (c) => {
    const rows = await openDb(c.env.DB)
      .select()
      .from(tickets)
      .where(inArray(tickets.status, ['received', 'reopened']))
      .orderBy(desc(tickets.lifeDanger), sql`${tickets.urgency} = 'urgent' DESC`, asc(tickets.receivedAt))
      .limit(200);
    return c.json(
      {
        items: rows.map((t) => ({
          ...ticketListItem(t),
          lifeDanger: t.lifeDanger,
          candidates: (
            (
              t.routing as {
                candidates?: Array<{ label: string; departmentCode: string | null; score: number }>;
              } | null
            )?.candidates ?? []
          ).slice(0, 3),
        })),
      },
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/{ticketNo}',
    summary: 'One ticket with its whole history; a ticket the account may not see is not found',
    description:
      "Shows the resident's contact, so each read is recorded for admins (GET /api/v1/admin/audit); " +
      'if the record cannot be written, nothing is shown.',
    middleware: [requireStaff(...ticketRoles)] as const,
    security: [{ staffSession: [] }],
    request: { params: ticketNoParam },
    responses: {
      200: {
        description: 'The ticket',
        content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
      },
      ...errorResponses(401, 403, 404),
    },
  }),
  async (c) => {
    const { ticketNo } = c.req.valid('param');
    // The view carries the contact: its read is recorded with it (GET /api/v1/admin/audit).
    const reader = { username: c.get('staff').username, at: Date.now() };
    const bundle = await loadTicketBundle(openDb(c.env.DB), ticketNo, visibleTo(c.get('actor')), reader);
    if (!bundle) throw new HubError('ticket_not_found', `工单不存在：${ticketNo}`);
    return c.json(staffView(bundle), 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/{ticketNo}/actions/{action}',
    summary: `Move a ticket through its lifecycle (${ticketActions.join(', ')})`,
    description: [
      `Request bodies by action: ${Object.keys(actionInputSchemas).join(', ')} (see the ActionInput schemas).`,
      'A ticket the account may not see answers 404 whatever its state;',
      "then an action not allowed in the ticket's state answers 409, and one the account's role may not make 403;",
      'either changes nothing.',
    ].join(' '),
    middleware: [requireStaff(...ticketRoles)] as const,
    security: [{ staffSession: [] }],
    request: {
      params: ticketNoParam.extend({ action: z.enum(ticketActions) }),
      body: {
        required: false,
        content: {
          'application/json': {
            schema: z
              .union(Object.values(actionInputSchemas) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]])
              .openapi('ActionInput'),
          },
        },
      },
    },
    responses: {
      200: {
        description: 'The ticket after the action',
        content: {
          'application/json': {
            schema: ticketStateSchema,
          },
        },
      },
      ...errorResponses(401, 403, 404, 409, 415, 422),
    },
  }),
  async (c) => {
    const { ticketNo, action } = c.req.valid('param');
    // The union above documents the bodies; each action's own schema validates in the lifecycle.
    const text = await c.req.text();
    const { ticket } = await applyAction(
      { db: openDb(c.env.DB), env: c.env },
      ticketNo,
      action,
      c.get('actor'),
      text ? JSON.parse(text) : {},
    );
    return c.json(
      {
        ticketNo: ticket.ticketNo,
        status: ticket.status,
        statusLabel: statusLabels[ticket.status as keyof typeof statusLabels],
        version: ticket.version,
      },
      200,
    );
  },
);

app.route('/', callback);

export default app;
