// The settings behind the leaders' figures (tickets/stats/metric-settings.ts), kept by admins:
// the composite score's weights, the minimum sample, and the sign-for window. A new window
// applies to the next ticket signed for (the working-time cache is dropped at once); figures
// already counted stay as they were.
import { createRoute } from '@hono/zod-openapi';
import { openDb } from '../../db/client';
import { settings } from '../../db/schema';
import { METRIC_SETTINGS_KEY, metricSettingsOf, metricSettingsSchema } from '../../tickets/stats/metric-settings';
import { metricSettingsRow } from '../../tickets/stats/rollup-reads';
import { forgetWorkingTime } from '../../tickets/working-calendar';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses } from '../openapi';

const app = createApi<StaffVariables>();
const security = [{ staffSession: [] }];
const admins = requireStaff('admin');

app.openapi(
  createRoute({
    method: 'get',
    path: '/',
    summary: 'The metric settings in force (the defaults until an admin saves some)',
    middleware: [admins] as const,
    security,
    responses: {
      200: { description: 'The settings', content: { 'application/json': { schema: metricSettingsSchema } } },
      ...errorResponses(401, 403),
    },
  }),
  async (c) => {
    const db = openDb(c.env.DB);
    return c.json(metricSettingsOf(await metricSettingsRow(db)), 200);
  },
);

app.openapi(
  createRoute({
    method: 'put',
    path: '/',
    summary: 'Replace the metric settings (weights summing to 1, minimum sample, sign-for window)',
    middleware: [admins] as const,
    security,
    request: { body: { required: true, content: { 'application/json': { schema: metricSettingsSchema } } } },
    responses: {
      200: { description: 'Saved', content: { 'application/json': { schema: metricSettingsSchema } } },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const value = c.req.valid('json');
    const row = { key: METRIC_SETTINGS_KEY, value, updatedAt: Date.now() };
    await openDb(c.env.DB)
      .insert(settings)
      .values(row)
      .onConflictDoUpdate({ target: settings.key, set: { value: row.value, updatedAt: row.updatedAt } });
    forgetWorkingTime();
    return c.json(value, 200);
  },
);

export default app;
