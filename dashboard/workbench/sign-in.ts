// Signing a staff member in from the sign-in page: the account check the API's login makes, and
// the session cookie. The session itself is worker/auth/session.ts's (issueSession), so a page
// session and an API session are the same thing and are checked the same way on every request.
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { openDb } from '../../db/client';
import { staff } from '../../db/schema';
import { verifyPassword } from '../../worker/auth/password';
import { issueSession, SESSION_COOKIE, SESSION_TTL_S } from '../../worker/auth/session';

export type StaffAccount = typeof staff.$inferSelect;

/** The active account with this name and password, or null (the same for an unknown name). */
export async function checkCredentials(env: Env, username: string, password: string): Promise<StaffAccount | null> {
  const user = await openDb(env.DB).query.staff.findFirst({ where: eq(staff.username, username) });
  if (!user?.active || !(await verifyPassword(password, user.passwordHash))) return null;
  return user;
}

/**
 * HttpOnly (no script reads it), SameSite=Lax (not sent on another site's form POST), and Secure
 * everywhere but local development and tests, which run on plain http://127.0.0.1.
 */
export function sessionCookieOptions(env: Env): CookieOptions {
  const local = env.HUB_ENV === 'development' || env.HUB_ENV === 'test';
  return { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: SESSION_TTL_S, secure: !local };
}

export async function signIn(c: Context<{ Bindings: Env }>, user: StaffAccount): Promise<void> {
  const { token } = await issueSession(c.env, {
    sub: user.id,
    username: user.username,
    role: user.role,
    departmentCode: user.departmentCode,
  });
  setCookie(c, SESSION_COOKIE, token, sessionCookieOptions(c.env));
}
