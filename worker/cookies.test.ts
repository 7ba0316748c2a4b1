// Every cookie the hub sets: HttpOnly (no script reads it), SameSite (another site's form post
// does not carry it) and, on any deployment but local development and tests (plain
// http://127.0.0.1), Secure. The cookies are set by signing in (the form's nonce and the session,
// on the page and through the API) and cleared by signing out; the walk takes each, as a
// deployment (HUB_ENV=staging) and as local development.
import { describe, expect, it } from 'vitest';
import { cookieOf, tokenIn } from '../dashboard/workbench/page-session';
import { DEMO_PASSWORD } from '../db/seed/demo';
import { BASE, request } from '../tests/helpers';

let address = 0;

/** Every Set-Cookie line the sign-in and sign-out paths send, each with where it came from. */
async function cookieLines(hubEnv: string): Promise<string[]> {
  const bindings = { HUB_ENV: hubEnv } as Partial<Env>;
  const ip = `198.51.100.${++address}`;
  const lines: string[] = [];
  const keep = (what: string, res: Response) => lines.push(...res.headers.getSetCookie().map((l) => `${what}: ${l}`));
  const form = (cookie: string, fields: Record<string, string>) => ({
    method: 'POST',
    redirect: 'manual' as const,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE, cookie, 'cf-connecting-ip': ip },
    body: new URLSearchParams(fields),
  });

  const page = await request(`${BASE}/login`, { headers: { 'cf-connecting-ip': ip } }, bindings);
  keep('GET /login', page);
  const nonce = cookieOf(page, 'hub_login_nonce') ?? '';
  const token = tokenIn(await page.text()) ?? '';
  const signedIn = await request(
    `${BASE}/login`,
    form(`hub_login_nonce=${nonce}`, { _csrf: token, username: 'admin', password: DEMO_PASSWORD }),
    bindings,
  );
  expect(signedIn.status).toBe(303);
  keep('POST /login', signedIn);
  const session = `hub_session=${cookieOf(signedIn, 'hub_session')}`;
  const workbench = await request(`${BASE}/workbench`, { headers: { cookie: session } }, bindings);
  const csrf = tokenIn(await workbench.text()) ?? '';
  keep('POST /logout', await request(`${BASE}/logout`, form(session, { _csrf: csrf }), bindings));

  const json = { 'content-type': 'application/json', 'cf-connecting-ip': ip };
  const api = await request(
    `${BASE}/api/v1/auth/login`,
    { method: 'POST', headers: json, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) },
    bindings,
  );
  expect(api.status).toBe(200);
  keep('POST /api/v1/auth/login', api);
  const apiSession = `hub_session=${cookieOf(api, 'hub_session')}`;
  keep(
    'POST /api/v1/auth/logout',
    await request(`${BASE}/api/v1/auth/logout`, { method: 'POST', headers: { ...json, cookie: apiSession } }, bindings),
  );
  return lines;
}

describe('cookies', () => {
  it('are HttpOnly, SameSite and Secure on a deployment', async () => {
    const lines = await cookieLines('staging');
    // The nonce, the session twice (page and API) and both sign-outs' clearing.
    expect(lines.map((l) => l.split(':')[0])).toEqual([
      'GET /login',
      'POST /login',
      'POST /login',
      'POST /logout',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
    ]);
    const weak = lines.filter(
      (l) => !/;\s*HttpOnly/i.test(l) || !/;\s*SameSite=(Lax|Strict)/i.test(l) || !/;\s*Secure/i.test(l),
    );
    expect(weak).toEqual([]);
  });

  it('are HttpOnly and SameSite but not Secure in local development, which runs on plain http', async () => {
    const lines = await cookieLines('development');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(lines.filter((l) => !/;\s*HttpOnly/i.test(l) || !/;\s*SameSite=(Lax|Strict)/i.test(l))).toEqual([]);
    expect(lines.filter((l) => /;\s*Secure/i.test(l))).toEqual([]);
  });
});
