// Shared steps for tests that go through the Worker's HTTP interface.
import { env, SELF } from 'cloudflare:test';
import { DEMO_PASSWORD } from '../db/seed/demo';
import { forgetRoutingContext } from '../tickets/routing-context';

export const BASE = 'http://hub.test';
export const INTEGRATION_TOKEN = 'dev-integration-token';

const tokens = new Map<string, string>();

export async function login(username: string): Promise<string> {
  const cached = tokens.get(username);
  if (cached) return cached;
  const res = await SELF.fetch(`${BASE}/api/v1/auth/login`, {
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
  return SELF.fetch(`${BASE}/api/v1/messages`, {
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
  return SELF.fetch(`${BASE}/api/v1/tickets/${ticketNo}/actions/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await login(username)}` },
    body: JSON.stringify(body),
  });
}

export async function getTicket(ticketNo: string, username = 'dispatcher') {
  const res = await SELF.fetch(`${BASE}/api/v1/tickets/${ticketNo}`, {
    headers: { authorization: `Bearer ${await login(username)}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
