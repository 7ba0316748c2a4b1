// Open311 GeoReport v2 at /open311/v2: discovery, services, service definitions, requests
// (GET: published ones in full, any other by its id with its status only; POST new ones with an
// api_key), and tokens. Every answer, errors included, comes in the format the URL names (.json
// or .xml), as the spec wants.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { digestHex } from '../../tickets/hex';
import { HubError } from '../../tickets/hub-error';
import { intakeMessage } from '../../tickets/intake';
import type { RateLimit } from '../../tickets/rate-limit';
import { includesSecret, settingList } from '../../tickets/settings';
import { type Open311Format, open311Error, open311Response, splitFormat } from './format';
import { findRequest, findRequestIdForToken, findRequests } from './open311-store';
import { open311RequestMessage } from './request-message';
import { definitionJson, requestJson, requestsXml, serviceJson } from './request-view';
import { open311ServiceByCode, open311Services } from './services';

export const open311PostMaxBytes = 64 * 1024;
const defaultWindowMs = 90 * 24 * 3600_000;
const maxResults = 1000;
/** Ids one GET requests may name: a client polling what it sent asks for a page at a time. */
export const maxRequestIds = 200;
/**
 * New requests per api_key per 10 minutes: two a second for one city app's residents, more than a
 * busy hour (the load test sends about 330 in a few minutes), far less than a flood.
 */
export const open311PostLimit: RateLimit = { limit: 1200, windowMs: 10 * 60_000 };

export const open311Routes = new Hono<{ Bindings: Env }>();

open311Routes.get('/:file', async (c) => {
  const file = splitFormat(c.req.param('file'));
  if (!file) return open311Error('json', 404, 'unknown resource: use .json or .xml');
  const { name, format } = file;
  if (name === 'discovery') {
    const base = new URL(c.req.url);
    const url = `${c.env.PUBLIC_BASE_URL?.replace(/\/$/, '') || base.origin}/open311/v2/`;
    const endpoint = {
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url,
      changeset: '2026-11-22T00:00:00+08:00',
      type: 'production',
      formats: ['application/json', 'text/xml'],
    };
    const json = {
      changeset: '2026-11-22T00:00:00+08:00',
      contact: '12345 政务服务便民热线，电话 12345',
      key_service: '接入 POST /requests 需要 api_key，请联系 12345 中心申请',
      endpoints: [endpoint],
    };
    return open311Response(format, 200, json, {
      root: 'discovery',
      body: { ...json, endpoints: { endpoint: { ...endpoint, formats: { format: endpoint.formats } } } },
    });
  }
  if (name === 'services') {
    const list = open311Services.map(serviceJson);
    return open311Response(format, 200, list, { root: 'services', body: { service: list } });
  }
  if (name === 'requests') return listRequests(c.env, new URL(c.req.url).searchParams, format);
  return open311Error(format, 404, `unknown resource: ${name}`);
});

open311Routes.get('/services/:file', (c) => {
  const file = splitFormat(c.req.param('file'));
  if (!file) return open311Error('json', 404, 'unknown resource: use .json or .xml');
  const service = open311ServiceByCode.get(file.name);
  if (!service) return open311Error(file.format, 404, `service_code not found: ${file.name}`);
  const def = definitionJson(service);
  return open311Response(file.format, 200, def, {
    root: 'service_definition',
    body: {
      service_code: def.service_code,
      attributes: {
        attribute: def.attributes.map((a) => ({ ...a, ...(a.values ? { values: { value: a.values } } : {}) })),
      },
    },
  });
});

open311Routes.get('/requests/:file', async (c) => {
  const file = splitFormat(c.req.param('file'));
  if (!file) return open311Error('json', 404, 'unknown resource: use .json or .xml');
  const ticket = await findRequest(c.env, file.name);
  if (!ticket) return open311Error(file.format, 404, `service_request_id not found: ${file.name}`);
  const item = requestJson(ticket);
  return open311Response(file.format, 200, [item], requestsXml([item]));
});

open311Routes.get('/tokens/:file', async (c) => {
  const file = splitFormat(c.req.param('file'));
  if (!file) return open311Error('json', 404, 'unknown resource: use .json or .xml');
  const id = await findRequestIdForToken(c.env, file.name);
  if (!id) return open311Error(file.format, 404, `token not found: ${file.name}`);
  const item = { service_request_id: id, token: file.name };
  return open311Response(file.format, 200, [item], requestsXml([item]));
});

function parseDate(value: string | null): number | null | undefined {
  if (value === null || value === '') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** A comma list's distinct non-empty values, or undefined when the parameter is absent. */
function commaList(value: string | null): string[] | undefined {
  if (value === null) return undefined;
  return [...new Set(value.split(',').map((s) => s.trim()))].filter(Boolean);
}

async function listRequests(env: Env, q: URLSearchParams, format: Open311Format): Promise<Response> {
  const ids = commaList(q.get('service_request_id'));
  if (ids && ids.length > maxRequestIds)
    return open311Error(
      format,
      400,
      `service_request_id names ${ids.length} requests; ask for at most ${maxRequestIds} at a time`,
    );
  const serviceNames: string[] = [];
  for (const code of commaList(q.get('service_code')) ?? []) {
    const s = open311ServiceByCode.get(code);
    if (!s) return open311Error(format, 404, `service_code not found: ${code}`);
    serviceNames.push(s.name);
  }
  const start = parseDate(q.get('start_date'));
  const end = parseDate(q.get('end_date'));
  if (start === null) return open311Error(format, 400, 'start_date must be an ISO 8601 date-time');
  if (end === null) return open311Error(format, 400, 'end_date must be an ISO 8601 date-time');
  const statuses = commaList(q.get('status'));
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) {
    return open311Error(format, 400, 'status must be open or closed');
  }
  // Spec default: the last 90 days when no dates are given; a lone date spans 90 days from it.
  const endMs = end ?? (start !== undefined ? start + defaultWindowMs : Date.now());
  const startMs = start ?? endMs - defaultWindowMs;
  if (startMs > endMs) return open311Error(format, 400, 'start_date is after end_date');
  const rows = await findRequests(env, {
    ...(ids ? { ticketNos: ids } : {}),
    ...(serviceNames.length > 0 ? { serviceNames } : {}),
    startMs,
    endMs,
    ...(statuses ? { statuses: statuses as ('open' | 'closed')[] } : {}),
    limit: maxResults,
  });
  const items = rows.map(requestJson);
  return open311Response(format, 200, items, requestsXml(items));
}

/** Hono's bodyLimit stops reading past the limit; the refusal is Open311's error list. */
const tooLargeRefused = bodyLimit({
  maxSize: open311PostMaxBytes,
  onError: (c) =>
    open311Error(
      splitFormat(c.req.param('file') ?? '')?.format ?? 'json',
      413,
      `request body larger than ${open311PostMaxBytes} bytes`,
    ),
});

/** The POST's fields and its text (the inbox keeps it as raw), or Open311's 400. */
async function readForm(
  req: Request,
  format: Open311Format,
): Promise<{ form: URLSearchParams; raw: string } | Response> {
  const contentType = req.headers.get('content-type') ?? '';
  // Bytes, not text(): a multipart body is parsed from what was sent, not from a decoded copy.
  const bytes = await req.arrayBuffer();
  const raw = new TextDecoder().decode(bytes);
  if (contentType === '' || /^application\/x-www-form-urlencoded/i.test(contentType)) {
    return { form: new URLSearchParams(raw), raw };
  }
  if (!/^multipart\/form-data/i.test(contentType)) {
    return open311Error(format, 400, 'send the request as application/x-www-form-urlencoded');
  }
  try {
    const data = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
    const form = new URLSearchParams();
    for (const [k, v] of data) if (typeof v === 'string') form.append(k, v);
    return { form, raw };
  } catch {
    return open311Error(format, 400, 'the request body could not be read as a form');
  }
}

open311Routes.post('/:file', tooLargeRefused, async (c) => {
  const file = splitFormat(c.req.param('file'));
  if (file?.name !== 'requests')
    return open311Error(file?.format ?? 'json', 404, 'POST only to requests.json or requests.xml');
  const { format } = file;
  const keys = settingList(c.env, 'OPEN311_API_KEYS');
  if (keys === null) return open311Error(format, 503, 'Open311 intake is not configured (OPEN311_API_KEYS)');

  const body = await readForm(c.req.raw, format);
  if (body instanceof Response) return body;
  const { form, raw } = body;
  const apiKey = form.get('api_key') ?? new URL(c.req.url).searchParams.get('api_key');
  if (!includesSecret(keys, apiKey)) return open311Error(format, 403, 'api_key is missing or not valid');

  const built = open311RequestMessage(form, apiKey, Date.now());
  if (!built.ok) return open311Error(format, built.status, built.description);
  const { candidate, externalId } = built;
  try {
    // GeoReport answers with the number and the client keeps it (service_notice tells the
    // resident), so no acknowledgement is queued; later replies still reach the resident.
    // Counted per api_key in intake's own batch (over it, nothing is stored): one client app
    // posts for many residents from one address, so the key, not the address, is the caller.
    const result = await intakeMessage(
      c.env,
      { ...candidate.data, raw },
      {
        acknowledge: false,
        rateLimit: { key: `open311:${digestHex('sha256', apiKey ?? '').slice(0, 16)}`, rule: open311PostLimit },
      },
    );
    const item = {
      service_request_id: result.ticketNo,
      token: externalId,
      service_notice: `已受理，工单号 ${result.ticketNo}，查询码 ${result.queryCode}`,
      account_id: '',
    };
    return open311Response(format, result.duplicate ? 200 : 201, [item], requestsXml([item]));
  } catch (err) {
    // D1 failed: GeoReport clients resend on a 503; the same fields are the same request.
    if (
      err instanceof HubError &&
      (err.status < 500 || err.code === 'intake_deferred' || err.code === 'intake_unavailable')
    ) {
      const refused = open311Error(format, err.status < 500 ? err.status : 503, err.message);
      const retryAfterS = err.status < 500 ? err.retryAfterS : (err.retryAfterS ?? 30);
      if (retryAfterS !== undefined) refused.headers.set('Retry-After', String(retryAfterS));
      return refused;
    }
    throw err;
  }
});
