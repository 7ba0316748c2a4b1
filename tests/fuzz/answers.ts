// What every fuzzed answer must be: never a 5xx; a refusal in the protocol's own form (the hub's
// JSON error shape with a code whose status is the one sent, WeChat's plain text, Open311's error
// list, an HTML page); and a refusal that wrote nothing (the rows of every table a request can
// write to are counted before and after).
import { env } from 'cloudflare:test';
import { XMLParser } from 'fast-xml-parser';
import { expect } from 'vitest';
import { errorStatuses } from '../../tickets/hub-error';

// Tables a refused request must leave alone. Rate-limit counters, replay guards, sessions and the
// contact-read log are left out: counting a refused attempt is their job.
const watchedTables = [
  'inbox',
  'tickets',
  'ticket_events',
  'contacts',
  'replies',
  'ratings',
  'contributions',
  'outbox',
  'publications',
  'publication_history',
  'staff',
  'departments',
  'canned_replies',
  'calendar_days',
  'sla_policies',
  'routing_rules',
  'gazetteer_places',
  'service_numbers',
  'settings',
] as const;

const stateSql = `SELECT ${watchedTables.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`;

/** The row count of each watched table. */
export async function hubState(): Promise<Record<string, number>> {
  return (await env.DB.prepare(stateSql).first<Record<string, number>>())!;
}

/**
 * Sends a request and checks the property every surface shares: no 5xx, and a refusal (4xx)
 * leaves every watched table as it was. Returns the response for the protocol's own checks.
 */
export async function refusedCleanly(send: () => Promise<Response>): Promise<Response> {
  const before = await hubState();
  const res = await send();
  expect(res.status, `status ${res.status}`).toBeLessThan(500);
  if (res.status >= 400) expect(await hubState()).toEqual(before);
  return res;
}

type ErrorBody = { error?: { code?: string; message?: string; requestId?: string; details?: unknown } };

/** The hub's JSON error shape, with a code of the closed list whose status is the one sent. */
export async function expectHubErrorShape(res: Response): Promise<void> {
  if (res.status < 400) return;
  expect(res.headers.get('content-type')).toContain('application/json');
  const { error } = await res.json<ErrorBody>();
  expect(error?.code).toBeTypeOf('string');
  expect(errorStatuses[error!.code as keyof typeof errorStatuses]).toBe(res.status);
  expect(error?.message).toBeTypeOf('string');
  expect(error?.requestId).toBeTypeOf('string');
  if (error?.details !== undefined) {
    for (const d of error.details as Array<{ path: unknown; message: unknown }>) {
      expect(typeof d.path).toBe('string');
      expect(typeof d.message).toBe('string');
    }
  }
  if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
}

/** A page a person reads: HTML, never a JSON error or an empty body. */
export async function expectHtmlPage(res: Response): Promise<void> {
  expect(res.headers.get('content-type')).toContain('text/html');
  expect(await res.text()).toContain('</html>');
}

/** WeChat's refusals: plain text (a 2xx is `success` or a passive reply in XML). */
export async function expectWechatAnswer(res: Response): Promise<void> {
  const type = res.headers.get('content-type') ?? '';
  if (res.status >= 400) {
    expect(type).toContain('text/plain');
    expect((await res.text()).length).toBeGreaterThan(0);
  } else if (!type.includes('xml')) {
    expect(await res.text()).toBe('success');
  }
}

const xml = new XMLParser({ isArray: (name) => name === 'error' });

/** Open311's error list in the format the URL names (JSON for a URL that names none). */
export async function expectOpen311Answer(res: Response, format: 'json' | 'xml'): Promise<void> {
  if (res.status < 400) return;
  const type = res.headers.get('content-type') ?? '';
  type Open311Errors = Array<{ code: number; description: string }>;
  const asJson = format === 'json' || !type.includes('xml');
  if (asJson) expect(type).toContain('application/json');
  const errors: Open311Errors = asJson ? await res.json() : xml.parse(await res.text()).errors.error;
  expect(errors.length).toBeGreaterThan(0);
  for (const e of errors) {
    expect(Number(e.code)).toBe(res.status);
    expect(String(e.description).length).toBeGreaterThan(0);
  }
}
