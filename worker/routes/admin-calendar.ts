// The working calendar, editable by admins: when the State Council publishes next year's
// holidays and 调休 days, or a city declares a day off, deadlines follow at once.
import { createRoute, z } from '@hono/zod-openapi';
import { openDb } from '../../db/client';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses } from '../openapi';
import { calendarDate, calendarDayInput, clearCalendarDay, listCalendarYear, markCalendarDay } from './calendar-days';

const dayParam = z.object({ date: calendarDate });
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
    const days = await listCalendarYear(openDb(c.env.DB), c.req.valid('query').year);
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
            schema: calendarDayInput,
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
    const day = await markCalendarDay(openDb(c.env.DB), c.req.valid('param').date, c.req.valid('json'));
    return c.json(day, 200);
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
    await clearCalendarDay(openDb(c.env.DB), c.req.valid('param').date);
    return c.body(null, 204);
  },
);

export default app;
