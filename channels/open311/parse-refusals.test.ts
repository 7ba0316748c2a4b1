// Bodies Open311's POST cannot take: too large (declared or streamed), not a form, or a form that
// does not parse. Each is answered in GeoReport's own error list, in the format the URL names,
// and nothing reaches the inbox.
import { env } from 'cloudflare:test';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { request } from '../../tests/helpers';

const base = 'http://hub.test/open311/v2';
const xml = new XMLParser({ isArray: (name) => name === 'error' });
type Open311Error = { code: number; description: string };

const open311InboxCount = async () =>
  (await env.DB.prepare(`SELECT count(*) AS n FROM inbox WHERE channel = 'open311'`).first<{ n: number }>())!.n;

function post(format: 'json' | 'xml', body: BodyInit, contentType: string) {
  return request(`${base}/requests.${format}`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

/** The errors of an Open311 answer, read in the format it claims to be. */
async function errorsOf(res: Response, format: 'json' | 'xml'): Promise<Open311Error[]> {
  const type = res.headers.get('content-type') ?? '';
  if (format === 'json') {
    expect(type).toContain('application/json');
    return res.json<Open311Error[]>();
  }
  expect(type).toContain('text/xml');
  return xml.parse(await res.text()).errors.error;
}

const form = 'application/x-www-form-urlencoded';
// 64 KB is the limit: 70,000 bytes of a valid-looking form is over it.
const oversized = `api_key=dev-open311-key&service_code=street_light&description=${'x'.repeat(70_000)}`;

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 16_384) controller.enqueue(bytes.slice(i, i + 16_384));
      controller.close();
    },
  });
}

describe('Open311 POST bodies that are refused', () => {
  it.each(['json', 'xml'] as const)('a declared length over 64 KB answers 413 in %s', async (format) => {
    const before = await open311InboxCount();
    const res = await post(format, oversized, form);
    expect(res.status).toBe(413);
    expect(await errorsOf(res, format)).toEqual([{ code: 413, description: 'request body larger than 65536 bytes' }]);
    expect(await open311InboxCount()).toBe(before);
  });

  it('a body streamed past 64 KB without a length answers 413 in XML', async () => {
    const before = await open311InboxCount();
    const res = await post('xml', streamOf(oversized), form);
    expect(res.status).toBe(413);
    expect(await errorsOf(res, 'xml')).toEqual([{ code: 413, description: 'request body larger than 65536 bytes' }]);
    expect(await open311InboxCount()).toBe(before);
  });

  it.each([
    ['a multipart body with no boundary', 'multipart/form-data', 'api_key=dev-open311-key'],
    ['a multipart body cut off mid-part', 'multipart/form-data; boundary=XyZ', '--XyZ\r\nContent-Disposition: form'],
  ] as const)('%s answers 400 in JSON and XML', async (_, contentType, body) => {
    const before = await open311InboxCount();
    for (const format of ['json', 'xml'] as const) {
      const res = await post(format, body, contentType);
      expect(res.status).toBe(400);
      expect(await errorsOf(res, format)).toEqual([
        { code: 400, description: 'the request body could not be read as a form' },
      ]);
    }
    expect(await open311InboxCount()).toBe(before);
  });

  it('a JSON body is not a GeoReport form: 400 naming the form type', async () => {
    const before = await open311InboxCount();
    const res = await post('json', JSON.stringify({ api_key: 'dev-open311-key' }), 'application/json');
    expect(res.status).toBe(400);
    expect(await errorsOf(res, 'json')).toEqual([
      { code: 400, description: 'send the request as application/x-www-form-urlencoded' },
    ]);
    expect(await open311InboxCount()).toBe(before);
  });
});
