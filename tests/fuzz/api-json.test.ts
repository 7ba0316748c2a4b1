// JSON bodies of every JSON endpoint, fuzzed: the intake API, the signed channel webhooks (call
// centre, Wechaty bridge), the history import, and every documented POST/PUT/PATCH route with
// a body built from its own OpenAPI schema and then mutated. No body gives a 5xx; a refusal is
// the hub's error shape with the status of its code, and writes nothing.
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { signHubRequest } from '../../channels/hub-signature';
import { phoneCall } from '../../channels/phone/test-calls';
import { issueSession } from '../../worker/auth/session';
import { BASE, createTicket, INTEGRATION_TOKEN, message, request } from '../helpers';
import { expectHubErrorShape, refusedCleanly } from './answers';
import { freshAddress, freshNonce, hostileText, jsonBody, runs } from './arbitraries';

const bridgeSecret = 'fuzz-bridge-secret';
const bridgeEnv: Partial<Env> = { WECHATY_BRIDGE_SECRET: bridgeSecret };

function postJson(path: string, body: string, headers: Record<string, string> = {}, bindings: Partial<Env> = {}) {
  return request(
    `${BASE}${path}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': freshAddress(), ...headers },
      body,
    },
    bindings,
  );
}

/** The template's id placeholder, made new for each request so intake takes it as a new message. */
const ID = '__FUZZ_ID__';
const withFreshIds = (body: string) => body.replaceAll(ID, `fuzz-${freshNonce()}`);

async function postBridge(body: string) {
  const { headers } = await signHubRequest(bridgeSecret, body);
  return postJson('/channels/wechaty', body, headers, bridgeEnv);
}

async function fuzzJson(send: (body: string) => Promise<Response>, template: unknown, numRuns = 60) {
  await fc.assert(
    fc.asyncProperty(jsonBody(template), async (body) => {
      const fresh = withFreshIds(body);
      await expectHubErrorShape(await refusedCleanly(() => send(fresh)));
    }),
    runs(numRuns),
  );
}

describe('intake and channel webhooks', { timeout: 120_000 }, () => {
  it('POST /api/v1/messages', async () => {
    const auth = { authorization: `Bearer ${INTEGRATION_TOKEN}` };
    await fuzzJson((body) => postJson('/api/v1/messages', body, auth), message({ externalId: ID }), 100);
  });

  it('POST /channels/phone/calls, signed', async () => {
    await fuzzJson(
      async (body) => {
        const { headers } = await signHubRequest('dev-phone-webhook-secret', body);
        return postJson('/channels/phone/calls', body, headers);
      },
      phoneCall(ID),
      100,
    );
  });

  it('POST /channels/phone/calls, signed, with odd transcripts', async () => {
    // Speakers that are neither side, start times negative, repeated, out of order or past the
    // call's end, texts that are only noise markers, and counts up to past the 5,000 allowed.
    const segment = fc.record({
      speaker: fc.oneof(fc.constantFrom('agent', 'caller'), hostileText),
      text: fc.oneof(fc.constantFrom('[噪音]', '<unk>', '（静音）', '', '  ', '喂？'), hostileText),
      startMs: fc.oneof(fc.constantFrom(0, -1, 1.5, 2 ** 53, 184_000, 1e12), fc.nat()),
    });
    const transcript = fc.oneof(
      fc.array(segment, { maxLength: 30 }),
      fc.tuple(segment, fc.constantFrom(4999, 5000, 5001)).map(([s, n]) => Array.from({ length: n }, () => s)),
    );
    await fc.assert(
      fc.asyncProperty(transcript, async (segments) => {
        const body = JSON.stringify(phoneCall(`C-fuzz-${freshNonce()}`, { transcript: segments }));
        const { headers } = await signHubRequest('dev-phone-webhook-secret', body);
        await expectHubErrorShape(await refusedCleanly(() => postJson('/channels/phone/calls', body, headers)));
      }),
      runs(30),
    );
  });

  it('POST /channels/wechaty, signed', async () => {
    const template = { messageId: ID, talkerId: 't-fuzz', talkerName: '王女士', text: '路灯坏了', sentAt: Date.now() };
    await fuzzJson(postBridge, template);
  });

  it('POST /channels/wechaty, signed, with any number as sentAt', async () => {
    // Found by fuzzing: an integer past the last instant a Date holds was a RangeError (500).
    const sentAt = fc.oneof(fc.constantFrom(8.64e15, 8.64e15 + 1, 2 ** 53 - 1), fc.integer(), fc.maxSafeNat());
    await fc.assert(
      fc.asyncProperty(sentAt, async (n) => {
        const body = JSON.stringify({
          messageId: `fuzz-${freshNonce()}`,
          talkerId: 't-fuzz',
          text: '路灯坏了',
          sentAt: n,
        });
        await expectHubErrorShape(await refusedCleanly(() => postBridge(body)));
      }),
      runs(30),
    );
  });

  it('POST /channels/wechaty/outbox/{id}/ack, signed', async () => {
    await fuzzJson(
      async (body) => {
        const { headers } = await signHubRequest(bridgeSecret, body);
        return postJson('/channels/wechaty/outbox/d-fuzz/ack', body, headers, bridgeEnv);
      },
      { id: 'd-fuzz', ok: false, error: 'offline' },
    );
  });

  it('POST /api/v1/import', async () => {
    const record = {
      externalId: ID,
      channel: 'phone',
      receivedAt: '2024-03-01T09:00:00+08:00',
      type: '求助',
      title: '路灯不亮',
      text: '小区门口路灯坏了',
      contact: { name: '张先生', phone: '13800138000' },
      consentToPublish: true,
      department: 'gaj',
      replies: [{ department: 'gaj', at: '2024-03-02T09:00:00+08:00', text: '已修复路灯，感谢反映。' }],
      rating: { resolved: true, satisfaction: 'satisfied', at: '2024-03-03T09:00:00+08:00' },
    };
    const auth = { authorization: `Bearer ${INTEGRATION_TOKEN}` };
    await fuzzJson((body) => postJson('/api/v1/import', body, auth), [record], 40);
  });
});

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  example?: unknown;
  minimum?: number;
  $ref?: string;
};

/** A value of the schema (its example, default, first enum value, or a plain one), to mutate from. */
function sampleOf(schema: JsonSchema | undefined, components: Record<string, JsonSchema>, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.$ref) return sampleOf(components[schema.$ref.split('/').pop()!], components, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) return sampleOf(alt[0], components, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties) {
    return Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sampleOf(v, components, depth + 1)]),
    );
  }
  if (type === 'array') return [sampleOf(schema.items, components, depth + 1)];
  if (type === 'integer' || type === 'number') return schema.minimum ?? 1;
  if (type === 'boolean') return true;
  return '测试内容足够长的一段文字';
}

interface BodyRoute {
  method: string;
  template: string;
  body: unknown;
}

let routes: BodyRoute[] = [];
let ticket: { ticketNo: string; queryCode: string };
const adminToken = async () => (await issueSession(env, { sub: 'staff-admin' })).token;

beforeAll(async () => {
  const doc = (await (await request(`${BASE}/api/v1/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
    components: { schemas: Record<string, JsonSchema> };
  };
  routes = Object.entries(doc.paths).flatMap(([template, ops]) =>
    Object.entries(ops).flatMap(([method, op]) => {
      const schema = op.requestBody?.content['application/json']?.schema;
      // Signing out ends the session the walk uses; the login form is fuzzed in forms.test.ts.
      if (!schema || template === '/api/v1/auth/logout') return [];
      return [{ method: method.toUpperCase(), template, body: sampleOf(schema, doc.components.schemas) }];
    }),
  );
  ticket = await createTicket();
});

describe('every documented route with a JSON body', { timeout: 120_000 }, () => {
  it('has routes to walk', ({ expect }) => {
    expect(routes.length).toBeGreaterThan(15);
  });

  /** The path with a real ticket (so the code behind the lookup runs) and names that exist nowhere. */
  const pathOf = (template: string, action: string) =>
    template
      .replace('{ticketNo}', ticket.ticketNo)
      .replace('{action}', action)
      .replace('{decision}', 'approve')
      .replace('{date}', '2099-01-01')
      .replace('{type}', encodeURIComponent('咨询'))
      .replace('{urgency}', 'normal')
      .replace(/\{(\w+)\}/g, 'fuzz-no-such');

  const actions = [
    'dispatch',
    'sign',
    'return',
    'supplement',
    'extend',
    'reply',
    'close',
    'reopen',
    'merge',
    'contribute',
  ];

  it('answers every mutated body below 500, refusals in the error shape and writing nothing', async () => {
    const token = await adminToken();
    for (const route of routes) {
      const path = pathOf(route.template, fc.sample(fc.constantFrom(...actions), 1)[0]!);
      const query = route.template.startsWith('/api/v1/track/') ? `?code=${ticket.queryCode}` : '';
      await fc.assert(
        fc.asyncProperty(jsonBody(route.body), async (body) => {
          const res = await refusedCleanly(() =>
            request(`${BASE}${path}${query}`, {
              method: route.method,
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${token}`,
                'cf-connecting-ip': freshAddress(),
              },
              body,
            }),
          );
          await expectHubErrorShape(res);
        }),
        runs(15),
      );
    }
  }, 240_000);

  it('answers every lifecycle action with mutated bodies below 500', async () => {
    const token = await adminToken();
    const bodies: Record<string, unknown> = {
      dispatch: { departmentCode: 'gaj', coDepartmentCodes: ['cgj'], type: '投诉', urgency: 'urgent', reason: '转办' },
      extend: { workingDays: 5, reason: '需要现场勘查' },
      reply: { text: '经核查，路灯已于今日修复，感谢您的反映。', disclosure: { outcome: 'disclosed' } },
      close: { kind: 'direct_answer', directAnswer: '已当场答复', reason: '已答复' },
      merge: { intoTicketNo: ticket.ticketNo, reason: '重复来电' },
      supplement: { request: '请补充具体位置', text: '在东门' },
      contribute: { text: '协办单位已配合处理完毕' },
    };
    for (const action of actions) {
      await fc.assert(
        fc.asyncProperty(jsonBody(bodies[action] ?? { reason: '理由充分' }), async (body) => {
          const res = await refusedCleanly(() =>
            request(`${BASE}/api/v1/tickets/${ticket.ticketNo}/actions/${action}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body,
            }),
          );
          await expectHubErrorShape(res);
        }),
        runs(20),
      );
    }
  }, 240_000);
});
