// Open311 GeoReport v2, fuzzed: POST bodies (form-encoded near a valid request, JSON, text that
// only claims to be a form), GET query strings of requests.json/xml, and the names in every path.
// No input gives a 5xx; a refusal is GeoReport's error list in the format the URL names, and a
// refused POST writes nothing.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { BASE, request } from '../helpers';
import { expectOpen311Answer, refusedCleanly } from './answers';
import { encodeSegment, formBody, hostileText, jsonBody, queryString, runs } from './arbitraries';

const base = `${BASE}/open311/v2`;
const format = fc.constantFrom('json' as const, 'xml' as const);

const validRequest: Record<string, string> = {
  api_key: 'dev-open311-key',
  service_code: 'street_light',
  lat: '30.2084',
  long: '120.2119',
  address_string: '滨江区长河街道江南春堤小区东门',
  description: '小区东门路灯不亮已经一周',
  email: 'resident@example.com',
  phone: '13800138000',
  first_name: '明',
  last_name: '李',
  media_url: 'https://example.com/p.jpg',
  consent_to_publish: 'true',
};
const postFields = [...Object.keys(validRequest), 'attribute[fault]', 'attribute[fault][]', 'device_id', 'account_id'];

/** A valid request with some fields given hostile values (or dropped), as a browser would encode it. */
const nearValidForm = fc
  .tuple(fc.dictionary(fc.constantFrom(...postFields), fc.option(hostileText), { maxKeys: 3 }), fc.nat())
  .map(([changes, n]) => {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...validRequest, ...changes })) if (v !== null) form.append(k, v);
    form.set('description', `${form.get('description') ?? ''} ${n}`);
    return form.toString();
  });

function post(fmt: 'json' | 'xml', body: string, contentType: string) {
  return request(`${base}/requests.${fmt}`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

describe('Open311 POST', { timeout: 120_000 }, () => {
  it('form-encoded bodies answer below 500, refusals in the format named, writing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(format, fc.oneof(nearValidForm, formBody(postFields)), async (fmt, body) => {
        const res = await refusedCleanly(() => post(fmt, body, 'application/x-www-form-urlencoded'));
        await expectOpen311Answer(res, fmt);
      }),
      runs(100),
    );
  });

  it('JSON and other bodies answer below 500, refusals in the format named, writing nothing', async () => {
    const type = fc.constantFrom('application/json', 'multipart/form-data; boundary=x', 'text/plain', '');
    await fc.assert(
      fc.asyncProperty(format, type, jsonBody(validRequest), async (fmt, contentType, body) => {
        const res = await refusedCleanly(() => post(fmt, body, contentType));
        await expectOpen311Answer(res, fmt);
      }),
      runs(60),
    );
  });
});

describe('Open311 GET', { timeout: 120_000 }, () => {
  const queryNames = ['service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'api_key'];

  it('query strings of requests answer below 500, refusals in the format named', async () => {
    await fc.assert(
      fc.asyncProperty(format, queryString(queryNames), async (fmt, query) => {
        const res = await refusedCleanly(() => request(`${base}/requests.${fmt}?${query}`));
        await expectOpen311Answer(res, fmt);
      }),
      runs(80),
    );
  });

  it('names in every path answer below 500, refusals in the format named', async () => {
    const segment = fc.oneof(
      hostileText.map(encodeSegment),
      fc.constantFrom('%', '%zz', '%E4%B8', '%25zz', '%2541', '..', '%2F', 'requests', 'discovery'),
    );
    const prefix = fc.constantFrom('', 'requests/', 'services/', 'tokens/');
    await fc.assert(
      fc.asyncProperty(prefix, segment, format, async (p, name, fmt) => {
        const res = await refusedCleanly(() => request(`${base}/${p}${name}.${fmt}`));
        await expectOpen311Answer(res, fmt);
      }),
      runs(80),
    );
  });
});
