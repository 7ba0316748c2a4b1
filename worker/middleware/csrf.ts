// Cross-site request forgery guards for the staff pages' forms. Two checks, both needed to pass:
// the browser's own word that the form came from this site (Hono's csrf(): Origin or
// Sec-Fetch-Site), and a hidden token only our page can know. The token is an HMAC, under
// SESSION_SECRET, of the session (its subject and expiry), so it needs no storage, dies with the
// session, and one staff member's token is worthless in another's session.
import { createHmac } from 'node:crypto';
import type { Context } from 'hono';
import { csrf } from 'hono/csrf';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { HubError } from '../../tickets/hub-error';
import { requireSetting, safeEqual } from '../../tickets/settings';
import type { StaffVariables } from '../auth/session';

export const CSRF_FIELD = '_csrf';

/** The token for a purpose bound to some value (the session, or the sign-in form's nonce). */
export function csrfToken(env: Env, purpose: string, boundTo: string): string {
  return createHmac('sha256', requireSetting(env, 'SESSION_SECRET'))
    .update(`csrf|${purpose}|${boundTo}`)
    .digest('base64url');
}

/** The signed-in staff member's token, for every form on their pages. */
export function sessionCsrfToken(c: Context<{ Bindings: Env; Variables: StaffVariables }>): string {
  const staff = c.get('staff');
  return csrfToken(c.env, 'session', `${staff.sub}|${staff.exp}`);
}

export function csrfRefused(): HubError {
  return new HubError('forbidden', '页面已过期或来源无法确认，请返回刷新页面后重新提交。', [
    { path: CSRF_FIELD, message: '表单校验码无效' },
  ]);
}

/** A form's text fields, each with all its values (checkboxes repeat); files are dropped. */
export type FormFields = Record<string, string[]>;

/**
 * The form body, read once: Hono keeps the parsed form for the handler after this middleware.
 * A body that is not a readable form is an empty one (its token is then missing: 403).
 */
export async function readFormFields(c: Context): Promise<FormFields> {
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    return {};
  }
  const fields: FormFields = {};
  for (const [name, value] of Object.entries(body)) {
    const values = Array.isArray(value) ? value : [value];
    fields[name] = values.filter((v): v is string => typeof v === 'string');
  }
  return fields;
}

export const firstField = (form: FormFields, name: string): string => form[name]?.[0] ?? '';

/**
 * The origin check: same origin as the request, or PUBLIC_BASE_URL's where a proxy stands in
 * front. A refusal is Hono's HTTPException(403), which the pages render as their 403.
 */
function isOurOrigin(origin: string, c: Context): boolean {
  if (origin === new URL(c.req.url).origin) return true;
  const base = (c.env as Env).PUBLIC_BASE_URL;
  return !!base && URL.canParse(base) && new URL(base).origin === origin;
}

export const sameOriginForms = csrf({ origin: isOurOrigin });

/**
 * The residents' letter form: refused when the browser says it came from another site (Origin or
 * Sec-Fetch-Site), taken when it says nothing. Every browser that can be made to post another
 * site's form sends Origin on it; a request with neither header is a phone's old browser or a
 * script, which forges nothing a resident did not mean (the form has no session to ride on).
 */
export const refuseCrossSiteForms = createMiddleware(async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
    if (crossSite || (origin !== undefined && !isOurOrigin(origin, c))) {
      throw new HTTPException(403, { res: new Response('Forbidden', { status: 403 }) });
    }
  }
  await next();
});

/** Unsafe methods need the session's token in the form; safe ones pass. */
export const requireSessionCsrf = createMiddleware<{ Bindings: Env; Variables: StaffVariables }>(async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const presented = firstField(await readFormFields(c), CSRF_FIELD);
    if (!presented || !safeEqual(presented, sessionCsrfToken(c))) throw csrfRefused();
  }
  await next();
});
