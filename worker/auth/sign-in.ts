// Signing in with a user name and password, for the API (worker/routes/auth.ts) and the
// workbench's /login page alike.
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { openDb } from '../../db/client';
import { staff } from '../../db/schema';
import { HubError } from '../../tickets/hub-error';
import type { StaffRole } from '../../tickets/lifecycle/actor';
import { verifyPassword } from './password';
import { endSession, issueSession, SESSION_COOKIE, SESSION_TTL_S, sessionToken } from './session';

export interface SignedIn {
  token: string;
  /** Epoch seconds. */
  exp: number;
  user: { id: string; username: string; displayName: string; role: StaffRole; departmentCode: string };
}

/** Checks the credentials and opens a session; throws `invalid_credentials` (401) otherwise. */
export async function signIn(env: Env, username: string, password: string, nowMs = Date.now()): Promise<SignedIn> {
  const user = await openDb(env.DB).query.staff.findFirst({ where: eq(staff.username, username) });
  // The same answer for an unknown user, a disabled account and a wrong password.
  if (!user?.active || !(await verifyPassword(password, user.passwordHash))) {
    throw new HubError('invalid_credentials', '用户名或密码错误');
  }
  const { token, exp } = await issueSession(env, { sub: user.id }, nowMs);
  const { id, displayName, role, departmentCode } = user;
  return { token, exp, user: { id, username: user.username, displayName, role, departmentCode } };
}

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on another site's form
 * POST), and Secure everywhere but local development and tests, which run on plain http://127.0.0.1.
 */
export function sessionCookieOptions(env: Env): CookieOptions {
  const local = env.HUB_ENV === 'development' || env.HUB_ENV === 'test';
  return { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: SESSION_TTL_S, secure: !local };
}

// biome-ignore lint/suspicious/noExplicitAny: any route's context, whatever its variables
type AnyContext = Context<any>;

export function setSessionCookie(c: AnyContext, token: string): void {
  setCookie(c, SESSION_COOKIE, token, sessionCookieOptions(c.env));
}

/** Ends the request's session (Bearer token or cookie) on the server and clears the cookie. */
export async function signOut(c: AnyContext): Promise<void> {
  const token = sessionToken(c);
  if (token) await endSession(c.env, token);
  deleteCookie(c, SESSION_COOKIE, { ...sessionCookieOptions(c.env), maxAge: undefined });
}
