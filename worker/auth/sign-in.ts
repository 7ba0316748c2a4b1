// Signing in with a user name and password, for the API (worker/routes/auth.ts) and the
// workbench's /login page alike. Two limits, each one count for both doors: per address (every
// attempt, 20 in 10 minutes) and per account name (failures only, 10 in 15 minutes: a staff
// member who mistypes gets ten tries, a guesser spread over many addresses gets ten per quarter
// hour, about a thousand a day). A locked name refuses the right password too until its window is
// out; unknown names are counted and locked alike, and an unknown or disabled account is checked
// against a hash of the same cost, so neither the answer nor its time says whether a name exists.
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { openDb } from '../../db/client';
import { staff } from '../../db/schema';
import { HubError } from '../../tickets/hub-error';
import type { StaffRole } from '../../tickets/lifecycle/actor';
import { type RateLimit, takeFailureSlot } from '../../tickets/rate-limit';
import { UNMATCHABLE_HASH, verifyPassword } from './password';
import { endSession, issueSession, SESSION_COOKIE, SESSION_TTL_S, sessionToken } from './session';

export interface SignedIn {
  token: string;
  /** Epoch seconds. */
  exp: number;
  user: { id: string; username: string; displayName: string; role: StaffRole; departmentCode: string };
}

/** Every sign-in attempt from one address, on the page and the API (key `login:<address>`). */
export const loginAddressLimit: RateLimit = { limit: 20, windowMs: 10 * 60_000 };

/** Failed sign-ins for one account name, wherever they come from. */
export const accountFailureLimit: RateLimit = { limit: 10, windowMs: 15 * 60_000 };

export function loginRefused(retryAfterS: number): HubError {
  const minutes = Math.max(1, Math.ceil(retryAfterS / 60));
  return new HubError('rate_limited', `登录尝试过于频繁，请 ${minutes} 分钟后再试。`, undefined, retryAfterS);
}

/**
 * Checks the credentials and opens a session; throws `invalid_credentials` (401), or
 * `rate_limited` (429) while the account name has failed too often.
 */
export async function signIn(env: Env, username: string, password: string, nowMs = Date.now()): Promise<SignedIn> {
  const [slot, user] = await Promise.all([
    takeFailureSlot(env.DB, `login-account:${username.toLowerCase()}`, accountFailureLimit, nowMs),
    openDb(env.DB).query.staff.findFirst({ where: eq(staff.username, username) }),
  ]);
  if (!slot.allowed) throw loginRefused(slot.retryAfterS);
  // The same work and the same answer for an unknown user, a disabled account and a wrong password.
  const matches = await verifyPassword(password, user?.active ? user.passwordHash : UNMATCHABLE_HASH);
  if (!user?.active || !matches) throw new HubError('invalid_credentials', '用户名或密码错误');
  await slot.forgive();
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
