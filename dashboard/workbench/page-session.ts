// Test steps for the staff pages, through request() like a browser: sign in on the page (its
// nonce cookie and token), then GET pages and POST their forms with the session cookie, the
// page's CSRF token and the Origin header a browser sends.
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { BASE, request } from '../../tests/helpers';

let addresses = 0;

/** Each sign-in from an address of its own (TEST-NET-3), so no test spends another's login limit. */
export const freshAddress = () => `203.0.113.${(addresses++ % 250) + 1}`;

export function cookieOf(res: Response, name: string): string | null {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [key, ...value] = (pair ?? '').split('=');
    if (key?.trim() === name) return value.join('=');
  }
  return null;
}

export const tokenIn = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? null;

export function postForm(path: string, fields: Record<string, string | string[]>, headers: Record<string, string>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return request(`${BASE}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: BASE, ...headers },
    body,
  });
}

/** The sign-in page's nonce cookie and its token. */
export async function loginForm(ip = freshAddress()) {
  const res = await request(`${BASE}/login`, { headers: { 'cf-connecting-ip': ip } });
  return { ip, nonce: cookieOf(res, 'hub_login_nonce') ?? '', token: tokenIn(await res.text()) ?? '' };
}

export async function submitLogin(
  username: string,
  password = DEMO_PASSWORD,
  form?: Awaited<ReturnType<typeof loginForm>>,
) {
  const f = form ?? (await loginForm());
  return postForm(
    '/login',
    { _csrf: f.token, username, password },
    { cookie: `hub_login_nonce=${f.nonce}`, 'cf-connecting-ip': f.ip },
  );
}

export interface PageSession {
  cookie: string;
  get(path: string): Promise<{ status: number; html: string; res: Response }>;
  /** POSTs a form with the token of the page last read (or the one given). */
  post(path: string, fields: Record<string, string | string[]>, token?: string): Promise<Response>;
}

export async function signInPage(username: string): Promise<PageSession> {
  const res = await submitLogin(username);
  const session = cookieOf(res, 'hub_session');
  if (res.status !== 303 || !session) throw new Error(`sign-in ${username}: ${res.status}`);
  const cookie = `hub_session=${session}`;
  let lastToken = '';
  return {
    cookie,
    async get(path) {
      const r = await request(`${BASE}${path}`, { headers: { cookie }, redirect: 'manual' });
      const html = await r.text();
      lastToken = tokenIn(html) ?? lastToken;
      return { status: r.status, html, res: r };
    },
    post: (path, fields, token) => postForm(path, { _csrf: token ?? lastToken, ...fields }, { cookie }),
  };
}
