// Shared steps for tests that go through the Worker's HTTP interface. Every request goes one way:
// `request()`, the hub's Hono app called as Hono's own tests call theirs, with the test Worker's
// bindings (or some of them replaced, e.g. a fake WeChat API).
import { env } from 'cloudflare:test';
import { DEMO_PASSWORD } from '../db/seed/demo';
import { type InboundMessage, inboundMessageSchema } from '../tickets/inbound-message';
import { forgetRoutingContext } from '../tickets/routing-context';
import { createApp } from '../worker/app';

export const BASE = 'http://hub.test';
export const INTEGRATION_TOKEN = 'dev-integration-token';

const app = createApp();

/** A request to the hub: a path or a URL, with the test Worker's bindings and any replaced. */
export async function request(input: string, init?: RequestInit, bindings: Partial<Env> = {}): Promise<Response> {
  return app.request(input, init, { ...env, ...bindings });
}

const tokens = new Map<string, string>();

export async function login(username: string): Promise<string> {
  const cached = tokens.get(username);
  if (cached) return cached;
  const res = await request(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  tokens.set(username, token);
  return token;
}

/**
 * Sends every new ticket to the 12345 centre's manual dispatch queue, for tests of the
 * lifecycle that start from `received` whatever the routing model would decide.
 */
export async function routeEverythingByHand(): Promise<void> {
  await env.DB.prepare("UPDATE settings SET value = '2' WHERE key = 'routing.threshold'").run();
  await env.DB.prepare('UPDATE routing_rules SET enabled = 0').run();
  forgetRoutingContext();
}

let counter = 0;

export function message(overrides: Record<string, unknown> = {}) {
  counter++;
  return {
    channel: 'api',
    externalId: `test-${Date.now()}-${counter}-${Math.random().toString(36).slice(2)}`,
    receivedAt: '2026-11-20T02:00:00Z',
    sender: { name: '张先生', phone: '13800138000' },
    title: '小区路灯不亮',
    text: 'A1区五一街道幸福小区3栋门口的路灯已经坏了两个星期，晚上出行很不方便，请尽快维修。',
    consentToPublish: true,
    ...overrides,
  };
}

export async function postMessage(
  body: unknown,
  init: { token?: string | null; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  const token = init.token === undefined ? INTEGRATION_TOKEN : init.token;
  if (token) headers.authorization = `Bearer ${token}`;
  return request(`${BASE}/api/v1/messages`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function createTicket(overrides: Record<string, unknown> = {}) {
  const res = await postMessage(message(overrides));
  if (res.status !== 201) throw new Error(`intake: ${res.status} ${await res.text()}`);
  return (await res.json()) as { ticketNo: string; queryCode: string; status: string; duplicate: boolean };
}

export async function act(ticketNo: string, action: string, username: string, body: unknown = {}) {
  return request(`${BASE}/api/v1/tickets/${ticketNo}/actions/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await login(username)}` },
    body: JSON.stringify(body),
  });
}

export async function getTicket(ticketNo: string, username = 'dispatcher') {
  const res = await request(`${BASE}/api/v1/tickets/${ticketNo}`, {
    headers: { authorization: `Bearer ${await login(username)}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** The number a `SELECT count(*) AS n …` query answers. */
export async function count(sql: string, ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql)
    .bind(...params)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

let residents = 0;

/**
 * An InboundMessage as a channel hands it to intake, for tests that call intake directly. Each
 * comes from a resident of its own unless the overrides say otherwise, so no two are merged as
 * one resident's repeat.
 */
export function inboundMessage(overrides: Record<string, unknown> = {}): InboundMessage {
  residents++;
  const parsed = inboundMessageSchema.parse({
    ...message({ title: undefined, receivedAt: new Date().toISOString() }),
    sender: { phone: `1390000${String(residents).padStart(4, '0')}` },
    // No place named: three residents alike about one place would make a hot spot.
    text: '小区门口的路灯坏了一个多星期，晚上出行很不方便，希望尽快修复。',
    ...overrides,
  });
  return { ...parsed, raw: JSON.stringify(parsed) };
}

/** A queue that records what is sent and with what delay; `failing(true)` makes sends throw. */
export function fakeQueue() {
  const sent: Array<{ body: unknown; delaySeconds?: number }> = [];
  let fail = false;
  const record = (body: unknown, delaySeconds?: number) => {
    if (fail) throw new Error('queue unavailable');
    sent.push({ body, delaySeconds });
  };
  const queue = {
    send: async (body: unknown, options?: { delaySeconds?: number }) => record(body, options?.delaySeconds),
    sendBatch: async (batch: Array<{ body: unknown; delaySeconds?: number }>, options?: { delaySeconds?: number }) => {
      for (const m of batch) record(m.body, m.delaySeconds ?? options?.delaySeconds);
    },
  } as unknown as Queue;
  const failing = (on: boolean) => {
    fail = on;
  };
  return { sent, queue, failing };
}

/**
 * A D1 binding that watches what goes through it: `calls()` counts round trips (a batch, or one
 * statement run on its own), `bound` lists each prepared statement with the number of values
 * bound to it, however it is sent.
 */
export function observeD1(d1: D1Database) {
  let calls = 0;
  const bound: Array<{ sql: string; values: number }> = [];
  const unwrapped = new WeakMap<object, D1PreparedStatement>();
  const counted = <F extends (...a: never[]) => unknown>(f: F) =>
    ((...args: Parameters<F>) => {
      calls++;
      return f(...args);
    }) as F;
  const wrap = (statement: D1PreparedStatement, entry: { sql: string; values: number }): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, key) {
        if (key === 'bind')
          return (...values: unknown[]) => {
            entry.values = values.length;
            return wrap(target.bind(...values), entry);
          };
        const value = Reflect.get(target, key);
        if (typeof value !== 'function') return value;
        const method = value.bind(target);
        return key === 'run' || key === 'all' || key === 'first' || key === 'raw' ? counted(method) : method;
      },
    });
    unwrapped.set(proxy, statement);
    return proxy;
  };
  const db = new Proxy(d1, {
    get(target, key) {
      if (key === 'prepare')
        return (sql: string) => {
          const entry = { sql, values: 0 };
          bound.push(entry);
          return wrap(target.prepare(sql), entry);
        };
      if (key === 'batch')
        return counted((statements: D1PreparedStatement[]) =>
          target.batch(statements.map((s) => unwrapped.get(s) ?? s)),
        );
      if (key === 'exec') return counted((sql: string) => target.exec(sql));
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const widest = () => bound.reduce((max, b) => (b.values > max.values ? b : max), { sql: '', values: 0 });
  return { db, calls: () => calls, bound, widest };
}
