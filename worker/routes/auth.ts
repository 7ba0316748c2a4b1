// POST /api/v1/auth/login: staff sign in with user name and password, and get a session.
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { setCookie } from 'hono/cookie';
import { openDb } from '../../db/client';
import { staff } from '../../db/schema';
import { HubError } from '../../tickets/hub-error';
import { verifyPassword } from '../auth/password';
import { issueSession, SESSION_COOKIE, SESSION_TTL_S } from '../auth/session';
import { rateLimit } from '../middleware/rate-limit';
import { createApi, errorResponses } from '../openapi';

const loginSchema = z
  .object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) })
  .openapi('Login');

const sessionSchema = z
  .object({
    token: z.string(),
    expiresAt: z.string(),
    user: z.object({
      id: z.string(),
      username: z.string(),
      displayName: z.string(),
      role: z.string(),
      departmentCode: z.string(),
    }),
  })
  .openapi('Session');

const app = createApi();

app.use('/login', rateLimit('login', 20, 10 * 60_000));

app.openapi(
  createRoute({
    method: 'post',
    path: '/login',
    summary: 'Sign in as staff',
    request: { body: { required: true, content: { 'application/json': { schema: loginSchema } } } },
    responses: {
      200: { description: 'Signed in', content: { 'application/json': { schema: sessionSchema } } },
      ...errorResponses(401, 422, 429),
    },
  }),
  async (c) => {
    const { username, password } = c.req.valid('json');
    const user = await openDb(c.env.DB).query.staff.findFirst({ where: eq(staff.username, username) });
    // The same answer for an unknown user and a wrong password.
    if (!user?.active || !(await verifyPassword(password, user.passwordHash))) {
      throw new HubError('invalid_credentials', '用户名或密码错误');
    }
    const { token, exp } = await issueSession(c.env, {
      sub: user.id,
      username: user.username,
      role: user.role,
      departmentCode: user.departmentCode,
    });
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      maxAge: SESSION_TTL_S,
      secure: c.env.HUB_ENV === 'production',
    });
    return c.json(
      {
        token,
        expiresAt: new Date(exp * 1000).toISOString(),
        user: {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          departmentCode: user.departmentCode,
        },
      },
      200,
    );
  },
);

export default app;
