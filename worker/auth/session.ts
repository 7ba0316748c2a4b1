// Staff sessions: a signed JWT (HS256, SESSION_SECRET), sent as a Bearer token by API clients
// or as the HttpOnly cookie `hub_session` by the workbench pages. The token carries only the
// account and the session's id; every request reads both rows (worker/auth/session-store.ts), so
// a disabled account, a changed role or department, a password reset and a sign-out take effect
// on the next request, not when the token runs out.
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { sign, verify } from 'hono/jwt';
import { openDb } from '../../db/client';
import { HubError } from '../../tickets/hub-error';
import type { Actor, StaffRole } from '../../tickets/lifecycle/actor';
import { requireSetting } from '../../tickets/settings';
import { endOneSession, loadSessionAccount, openSessionStatements } from './session-store';

export const SESSION_COOKIE = 'hub_session';
export const SESSION_TTL_S = 12 * 3600;

/** The signed-in account as it is at this request. */
export interface StaffSession {
  sub: string;
  /** The staff_sessions row this token belongs to. */
  sid: string;
  username: string;
  displayName: string;
  role: StaffRole;
  departmentCode: string;
  /** When the token runs out, epoch seconds. */
  exp: number;
}

interface SessionClaims {
  sub: string;
  sid: string;
  exp: number;
}

/**
 * Opens a session for an account whose credentials were checked. Only the account's id goes
 * into the token (other fields of `user` are ignored): role and department are read per request.
 */
export async function issueSession(
  env: Env,
  user: { sub: string; [ignored: string]: unknown },
  nowMs = Date.now(),
): Promise<{ token: string; exp: number; sessionId: string }> {
  const exp = Math.floor(nowMs / 1000) + SESSION_TTL_S;
  const sessionId = crypto.randomUUID();
  const db = openDb(env.DB);
  await db.batch(
    openSessionStatements(db, { id: sessionId, staffId: user.sub, createdAt: nowMs, expiresAt: exp * 1000 }),
  );
  const claims: SessionClaims = { sub: user.sub, sid: sessionId, exp };
  return { token: await sign({ ...claims }, requireSetting(env, 'SESSION_SECRET'), 'HS256'), exp, sessionId };
}

/** The token a request carries: the Authorization header first, else the session cookie. */
export function sessionToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  return header?.match(/^Bearer\s+(.+)$/i)?.[1] ?? getCookie(c, SESSION_COOKIE);
}

async function readClaims(env: Env, token: string): Promise<SessionClaims | null> {
  try {
    const claims = (await verify(token, requireSetting(env, 'SESSION_SECRET'), 'HS256')) as Partial<SessionClaims>;
    // Tokens from before sessions were recorded have no `sid`: they are refused like expired ones.
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || typeof claims.exp !== 'number') return null;
    return claims as SessionClaims;
  } catch {
    return null;
  }
}

/**
 * The session a token stands for, checked against its row and its account, or why not: for
 * pages that redirect to /login where the API answers 401.
 */
export async function checkSession(
  env: Env,
  token: string,
  nowMs = Date.now(),
): Promise<{ session: StaffSession } | { refused: string }> {
  const claims = await readClaims(env, token);
  if (!claims) return { refused: '登录已失效，请重新登录' };
  const account = await loadSessionAccount(openDb(env.DB), claims.sid);
  if (!account || account.staffId !== claims.sub || account.expiresAt <= nowMs) {
    return { refused: '登录已失效，请重新登录' };
  }
  if (account.endedAt !== null) return { refused: '已退出登录，请重新登录' };
  if (!account.active) return { refused: '账号已停用' };
  const { staffId, username, displayName, role, departmentCode } = account;
  return { session: { sub: staffId, sid: claims.sid, username, displayName, role, departmentCode, exp: claims.exp } };
}

/** Ends the session a token stands for; a token that is not valid ends nothing. */
export async function endSession(env: Env, token: string, nowMs = Date.now()): Promise<boolean> {
  const claims = await readClaims(env, token);
  if (!claims) return false;
  return endOneSession(openDb(env.DB), claims.sid, nowMs);
}

export type StaffVariables = { staff: StaffSession; actor: Actor };

/**
 * Requires a live staff session, optionally one of the given roles. A route behind a module-wide
 * requireStaff() checks its own roles against the session already read for this request.
 */
export const requireStaff = (...roles: StaffRole[]) =>
  createMiddleware<{ Bindings: Env; Variables: StaffVariables }>(async (c, next) => {
    let session = c.get('staff') as StaffSession | undefined;
    if (!session) {
      const token = sessionToken(c);
      if (!token) throw new HubError('unauthorized', '请先登录');
      const checked = await checkSession(c.env, token);
      if ('refused' in checked) throw new HubError('unauthorized', checked.refused);
      session = checked.session;
      c.set('staff', session);
      c.set('actor', { id: session.sub, role: session.role, departmentCode: session.departmentCode });
    }
    if (roles.length && !roles.includes(session.role)) throw new HubError('forbidden', '当前账号无权访问');
    await next();
  });
