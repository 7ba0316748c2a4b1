// Signing in with a user name and password, for the API (worker/routes/auth.ts) and the
// workbench's /login page alike.
import { eq } from 'drizzle-orm';
import { openDb } from '../../db/client';
import { staff } from '../../db/schema';
import { HubError } from '../../tickets/hub-error';
import type { StaffRole } from '../../tickets/lifecycle/actor';
import { verifyPassword } from './password';
import { issueSession } from './session';

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
