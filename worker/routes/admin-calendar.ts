// The working calendar, editable by admins: when the State Council publishes next year's
// holidays and 调休 days, or a city declares a day off, deadlines follow at once.
import { createRoute, z } from '@hono/zod-openapi';
import { asc, between, eq } from 'drizzle-orm';
import { openDb } from '../../db/client';
import { calendarDays } from '../../db/schema';
import { HubError } from '../../tickets/hub-error';
import { forgetWorkingTime } from '../../tickets/working-calendar';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses } from '../openapi';

const dayParam = z.object({ date: z.iso.date().openapi({ example: '2027-02-06' }) });
const daySchema = z
  .object({
    date: z.string(),
    kind: z.enum(['holiday', 'workday']),
    name: z.string(),
    source: z.enum(['official', 'statutory', 'admin']),
  })
  .openapi('CalendarDay');

const app = createApi<StaffVariables>();

app.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'Holidays and 调休 working days of a year',
    middleware: [requireStaff()] as const,
    security: [{ staffSession: [] }],
    request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) },
    responses: {
      200: {
        description: 'The exceptions to the Monday–Friday week',
        content: { 'application/json': { schema: z.object({ days: z.array(daySchema) }) } },
      },
      ...errorResponses(401, 422),
    },
  }),
  async (c) => {
    const { year } = c.req.valid('query');
    const days = await openDb(c.env.DB)
      .select({
        date: calendarDays.date,
        kind: calendarDays.kind,
        name: calendarDays.name,
        source: calendarDays.source,
      })
      .from(calendarDays)
      .where(between(calendarDays.date, `${year}-01-01`, `${year}-12-31`))
      .orderBy(asc(calendarDays.date));
    return c.json({ days }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'put',
    path: '/{date}',
    summary: 'Mark a day as a holiday or a working day (admins)',
    middleware: [requireStaff('admin')] as const,
    security: [{ staffSession: [] }],
    request: {
      params: dayParam,
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({ kind: z.enum(['holiday', 'workday']), name: z.string().trim().min(1).max(50) }),
          },
        },
      },
    },
    responses: {
      200: { description: 'Saved', content: { 'application/json': { schema: daySchema } } },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const { date } = c.req.valid('param');
    const { kind, name } = c.req.valid('json');
    const row = { date, kind, name, source: 'admin' as const, updatedAt: Date.now() };
    await openDb(c.env.DB).insert(calendarDays).values(row).onConflictDoUpdate({ target: calendarDays.date, set: row });
    forgetWorkingTime();
    return c.json({ date, kind, name, source: 'admin' as const }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'delete',
    path: '/{date}',
    summary: 'Return a day to the ordinary week (admins)',
    middleware: [requireStaff('admin')] as const,
    security: [{ staffSession: [] }],
    request: { params: dayParam },
    responses: { 204: { description: 'Removed' }, ...errorResponses(401, 403, 404) },
  }),
  async (c) => {
    const { date } = c.req.valid('param');
    const removed = await openDb(c.env.DB)
      .delete(calendarDays)
      .where(eq(calendarDays.date, date))
      .returning({ date: calendarDays.date });
    if (removed.length === 0) throw new HubError('not_found', `${date} 不是节假日或调休日`);
    forgetWorkingTime();
    return c.body(null, 204);
  },
);

export default app;
