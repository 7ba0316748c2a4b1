// Routing as admins run it: the rules that force or boost a department, the gazetteer of the
// city's places, and the dispatchers' corrections exported as training data for
// `npm run routing:train`. Edits apply to intake at once (the cached routing context is dropped).
import { createRoute, z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import { openDb } from '../../db/client';
import { gazetteerPlaces, routingCorrections, routingRules, settings } from '../../db/schema';
import { correctionExample, shippedModel } from '../../routing';
import { HubError } from '../../tickets/hub-error';
import { forgetRoutingContext } from '../../tickets/routing-context';
import { requireStaff, type StaffVariables } from '../auth/session';
import { createApi, errorResponses } from '../openapi';
import { listRoutingRules, routingRuleInput, saveRoutingRule } from './routing-rules';

const ruleSchema = routingRuleInput.extend({ id: z.string() }).openapi('RoutingRule');
const placeBody = z
  .object({
    name: z.string().trim().min(1).max(50),
    level: z.enum(['district', 'street', 'community']),
    parentCode: z.string().trim().max(50).nullable().default(null),
    aliases: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  })
  .openapi('PlaceInput');
const idParam = z.object({
  id: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/^[\w-]+$/, '只能包含字母、数字、下划线和连字符'),
});
const codeParam = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .regex(/^[\w-]+$/, '只能包含字母、数字、下划线和连字符'),
});

const app = createApi<StaffVariables>();
const readers = requireStaff('admin', 'dispatcher', 'supervisor');
const admins = requireStaff('admin');
const security = [{ staffSession: [] }];

app.openapi(
  createRoute({
    method: 'get',
    path: '/rules',
    summary: 'Routing rules',
    middleware: [readers] as const,
    security,
    responses: {
      200: {
        description: 'All rules',
        content: { 'application/json': { schema: z.object({ rules: z.array(ruleSchema) }) } },
      },
      ...errorResponses(401, 403),
    },
  }),
  async (c) => {
    return c.json({ rules: await listRoutingRules(openDb(c.env.DB)) }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'put',
    path: '/rules/{id}',
    summary: 'Create or replace a routing rule (admins)',
    middleware: [admins] as const,
    security,
    request: {
      params: idParam,
      body: { required: true, content: { 'application/json': { schema: routingRuleInput } } },
    },
    responses: {
      200: { description: 'Saved', content: { 'application/json': { schema: ruleSchema } } },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const rule = await saveRoutingRule(openDb(c.env.DB), c.req.valid('param').id, c.req.valid('json'));
    return c.json(rule, 200);
  },
);

app.openapi(
  createRoute({
    method: 'delete',
    path: '/rules/{id}',
    summary: 'Delete a routing rule (admins)',
    middleware: [admins] as const,
    security,
    request: { params: idParam },
    responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const removed = await openDb(c.env.DB)
      .delete(routingRules)
      .where(eq(routingRules.id, id))
      .returning({ id: routingRules.id });
    if (!removed.length) throw new HubError('not_found', `规则不存在：${id}`);
    forgetRoutingContext();
    return c.body(null, 204);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/places',
    summary: 'The gazetteer: districts, streets and communities',
    middleware: [readers] as const,
    security,
    responses: {
      200: {
        description: 'All places',
        content: {
          'application/json': { schema: z.object({ places: z.array(placeBody.extend({ code: z.string() })) }) },
        },
      },
      ...errorResponses(401, 403),
    },
  }),
  async (c) => {
    const places = await openDb(c.env.DB).select().from(gazetteerPlaces).orderBy(asc(gazetteerPlaces.code));
    return c.json({ places }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'put',
    path: '/places/{code}',
    summary: 'Create or replace a place in the gazetteer (admins)',
    middleware: [admins] as const,
    security,
    request: { params: codeParam, body: { required: true, content: { 'application/json': { schema: placeBody } } } },
    responses: {
      200: {
        description: 'Saved',
        content: { 'application/json': { schema: placeBody.extend({ code: z.string() }) } },
      },
      ...errorResponses(401, 403, 422),
    },
  }),
  async (c) => {
    const { code } = c.req.valid('param');
    const body = c.req.valid('json');
    const db = openDb(c.env.DB);
    if (body.level !== 'district' && !body.parentCode)
      throw new HubError('validation_failed', 'parentCode: 街道和社区须属于上级地名', [
        { path: 'parentCode', message: '必填' },
      ]);
    if (
      body.parentCode &&
      !(await db.query.gazetteerPlaces.findFirst({ where: eq(gazetteerPlaces.code, body.parentCode) }))
    ) {
      throw new HubError('unknown_parent', `上级地名不存在：${body.parentCode}`, [
        { path: 'parentCode', message: '不存在' },
      ]);
    }
    await db
      .insert(gazetteerPlaces)
      .values({ code, ...body })
      .onConflictDoUpdate({ target: gazetteerPlaces.code, set: body });
    forgetRoutingContext();
    return c.json({ code, ...body }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/corrections',
    summary: "Dispatchers' corrections as training data (JSONL: { id, title?, text, label })",
    description:
      'Feed to `npm run routing:train -- --data ../shared/data/messages-train.jsonl ' +
      '--data corrections.jsonl --out model.json`. Re-dispatches that teach the model nothing ' +
      '(to a district government, or to the label it already chose) are left out.',
    middleware: [readers] as const,
    security,
    responses: {
      200: {
        description: 'One training example per line',
        content: { 'application/x-ndjson': { schema: z.string() } },
      },
      ...errorResponses(401, 403),
    },
  }),
  async (c) => {
    const db = openDb(c.env.DB);
    const [rows, mapping] = await db.batch([
      db.select().from(routingCorrections).orderBy(asc(routingCorrections.at)),
      db.select().from(settings).where(eq(settings.key, 'routing.categoryDepartments')),
    ]);
    const categoryDepartments = (mapping[0]?.value ?? {}) as Record<string, string>;
    const labels = shippedModel().labels;
    // A ticket's latest correction stands: one back to routing's own choice teaches nothing and
    // withdraws the earlier example.
    const byTicket = new Map<string, string>();
    for (const r of rows) {
      const example = correctionExample(
        {
          ticketId: r.ticketId,
          title: r.title,
          text: r.text,
          category: r.category,
          departmentCode: r.toDepartmentCode,
        },
        categoryDepartments,
        labels,
        r.predictedCategory,
      );
      if (example)
        byTicket.set(
          r.ticketId,
          JSON.stringify({ id: example.id, title: example.title ?? null, text: example.text, label: example.label }),
        );
      else byTicket.delete(r.ticketId);
    }
    // JSONL is not JSON: the typed helpers do not describe it, so the response is built by hand.
    return new Response([...byTicket.values()].map((l) => `${l}\n`).join(''), {
      headers: { 'content-type': 'application/x-ndjson; charset=utf-8' },
    }) as never;
  },
);

export default app;
