// Staff sign-in, sign-out and the current session. Login answers a Bearer token for API clients
// and sets the HttpOnly session cookie for the workbench pages; logout ends that one session on
// the server (the token stops working at once) and clears the cookie.
import { createRoute, z } from '@hono/zod-openapi';
import { requireStaff, type StaffVariables } from '../auth/session';
import { loginAddressLimit, setSessionCookie, signIn, signOut } from '../auth/sign-in';
import { rateLimit } from '../middleware/rate-limit';
import { createApi, errorResponses } from '../openapi';

const loginSchema = z
  .object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200) })
  .openapi('Login');

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  departmentCode: z.string(),
});

const sessionSchema = z.object({ token: z.string(), expiresAt: z.string(), user: userSchema }).openapi('Session');

const app = createApi<StaffVariables>();

// The sign-in page counts in the same bucket (dashboard/workbench/login.tsx): two doors, one count.
app.use('/login', rateLimit('login', loginAddressLimit.limit, loginAddressLimit.windowMs));

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
    const { token, exp, user } = await signIn(c.env, username, password);
    setSessionCookie(c, token);
    return c.json({ token, expiresAt: new Date(exp * 1000).toISOString(), user }, 200);
  },
);

app.openapi(
  createRoute({
    method: 'post',
    path: '/logout',
    summary: 'Sign out: ends the session of the Bearer token (or the cookie) and clears the cookie',
    description: 'Idempotent: signing out without a session, or twice, also answers 204.',
    responses: { 204: { description: 'Signed out' }, ...errorResponses(415) },
  }),
  async (c) => {
    await signOut(c);
    return c.body(null, 204);
  },
);

app.openapi(
  createRoute({
    method: 'get',
    path: '/session',
    summary: 'The signed-in account as it is now (role and department read at this request)',
    middleware: [requireStaff()] as const,
    security: [{ staffSession: [] }],
    responses: {
      200: {
        description: 'The live session',
        content: {
          'application/json': {
            schema: z.object({ expiresAt: z.string(), user: userSchema }).openapi('CurrentSession'),
          },
        },
      },
      ...errorResponses(401),
    },
  }),
  async (c) => {
    const s = c.get('staff');
    return c.json(
      {
        expiresAt: new Date(s.exp * 1000).toISOString(),
        user: {
          id: s.sub,
          username: s.username,
          displayName: s.displayName,
          role: s.role,
          departmentCode: s.departmentCode,
        },
      },
      200,
    );
  },
);

export default app;
