// Staff sessions: a signed JWT (HS256, SESSION_SECRET), sent as a Bearer token by API clients
// or as the HttpOnly cookie `hub_session` by the workbench pages.
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { sign, verify } from 'hono/jwt';
import { HubError } from '../../tickets/hub-error';
import type { Actor, StaffRole } from '../../tickets/lifecycle/actor';
import { requireSetting } from '../../tickets/settings';

export const SESSION_COOKIE = 'hub_session';
export const SESSION_TTL_S = 12 * 3600;

export interface StaffSession {
  sub: string;
  username: string;
  role: StaffRole;
  departmentCode: string;
  exp: number;
}

export async function issueSession(
  env: Env,
  user: Omit<StaffSession, 'exp'>,
  nowMs = Date.now(),
): Promise<{ token: string; exp: number }> {
  const exp = Math.floor(nowMs / 1000) + SESSION_TTL_S;
  return { token: await sign({ ...user, exp }, requireSetting(env, 'SESSION_SECRET'), 'HS256'), exp };
}

export type StaffVariables = { staff: StaffSession; actor: Actor };

/** Requires a valid staff session, optionally one of the given roles. */
export const requireStaff = (...roles: StaffRole[]) =>
  createMiddleware<{ Bindings: Env; Variables: StaffVariables }>(async (c, next) => {
    const header = c.req.header('authorization');
    const token = header?.match(/^Bearer\s+(.+)$/i)?.[1] ?? getCookie(c, SESSION_COOKIE);
    if (!token) throw new HubError('unauthorized', '请先登录');
    let session: StaffSession;
    try {
      session = (await verify(token, requireSetting(c.env, 'SESSION_SECRET'), 'HS256')) as unknown as StaffSession;
    } catch {
      throw new HubError('unauthorized', '登录已失效，请重新登录');
    }
    if (roles.length && !roles.includes(session.role)) throw new HubError('forbidden', '当前账号无权访问');
    c.set('staff', session);
    c.set('actor', { id: session.sub, role: session.role, departmentCode: session.departmentCode });
    await next();
  });
