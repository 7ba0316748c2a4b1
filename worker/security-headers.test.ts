// The headers on every page and the content policy they can live under: each kind of page is
// fetched as a browser would, and its HTML must hold nothing the policy refuses (an inline script,
// an event-handler attribute, a <style> block, a style attribute), since the policy allows scripts
// and styles from the hub's own files only. tests/browser/csp.test.ts loads the same pages in
// Chromium and listens for the browser's own refusals.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, createTicket, request } from '../tests/helpers';
import { issueSession } from './auth/session';

let cookie = '';
let track = '';
let ticketNo = '';

beforeAll(async () => {
  const t = await createTicket();
  ticketNo = t.ticketNo;
  track = `/track?no=${t.ticketNo}&code=${t.queryCode}`;
  cookie = `hub_session=${(await issueSession(env, { sub: 'staff-admin' })).token}`;
});

const staffPages = () => [
  '/workbench',
  `/workbench/tickets/${ticketNo}`,
  '/workbench/admin/departments',
  '/dashboard',
  '/dashboard/report/2026-10',
];
const publicPages = () => [
  '/',
  '/public',
  '/public/monthly/2026-10',
  '/public/annual/2026',
  '/mailbox',
  '/login',
  '/docs',
  track,
];

async function page(path: string) {
  const res = await request(`${BASE}${path}`, { headers: { cookie, accept: 'text/html' } });
  expect(res.status, path).toBe(200);
  return { res, html: await res.text() };
}

/** The header's directives as name → sources. */
function directives(policy: string | null): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of (policy ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) out[name] = sources;
  }
  return out;
}

describe('secure headers', () => {
  it('sends the strict content policy and the other headers on every page', async () => {
    for (const path of [...publicPages(), ...staffPages()]) {
      const { res } = await page(path);
      const csp = directives(res.headers.get('content-security-policy'));
      expect(csp, path).toMatchObject({
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        'img-src': ["'self'", 'data:'],
      });
      expect(res.headers.get('strict-transport-security'), path).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('permissions-policy'), path).toContain('camera=()');
      expect(res.headers.get('permissions-policy'), path).toContain('geolocation=()');
    }
  });

  it('keeps a resident’s ticket out of caches and its address (with the query code) from other sites', async () => {
    const { res } = await page(track);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    const api = await request(`${BASE}/api/v1/track/${ticketNo}`, { headers: { 'x-query-code': 'x' } });
    expect(api.headers.get('cache-control')).toBe('no-store');
    const portal = await page('/');
    expect(portal.res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});

describe('pages under the content policy', () => {
  it('have no inline script, event handler, style block or style attribute', async () => {
    const found: string[] = [];
    for (const path of [...publicPages(), ...staffPages()]) {
      const { html } = await page(path);
      for (const script of html.matchAll(/<script\b([^>]*)>/gi)) {
        const attrs = script[1] ?? '';
        if (!/\bsrc=/.test(attrs) && !/type="application\/json"/.test(attrs)) found.push(`${path}: <script${attrs}>`);
      }
      for (const bad of html.matchAll(/<style\b|\sstyle="[^"]*"|\son[a-z]+="[^"]*"|javascript:/gi)) {
        found.push(`${path}: ${bad[0]}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('draws the server-side charts with presentation attributes in place of inline styles', async () => {
    const { html } = await page('/dashboard');
    expect(html).toContain('<svg');
    expect(html).toMatch(/<text [^>]*font-size="\d+px" font-family="system-ui,'PingFang SC',[^"]*sans-serif"/);
  });

  it('links stylesheets the hub serves, as CSS, cached for good under their content hash', async () => {
    const { html } = await page('/dashboard/report/2026-10');
    const hrefs = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    expect(hrefs).toHaveLength(3);
    for (const href of hrefs) {
      expect(href).toMatch(/^\/styles\/[a-z-]+\.[0-9a-f]{12}\.css$/);
      const res = await request(`${BASE}${href}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect(res.headers.get('cache-control')).toContain('immutable');
      expect((await res.text()).length).toBeGreaterThan(100);
    }
    // The A4 rules of the 通报 are in one of them.
    const sheets = await Promise.all(hrefs.map(async (h) => (await request(`${BASE}${h}`)).text()));
    expect(sheets.some((css) => css.includes('@page{size:A4'))).toBe(true);
    expect((await request(`${BASE}/styles/nothing.000000000000.css`)).status).toBe(404);
  });
});
