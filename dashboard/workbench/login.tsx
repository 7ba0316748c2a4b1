// GET,POST /login and POST /logout: staff sign in on a page (the API's POST /api/v1/auth/login is
// for programs). The session is the API's own JWT (worker/auth/session.ts) in an HttpOnly cookie.
// The sign-in form has no session to bind its CSRF token to, so it binds it to a random nonce in
// a cookie of its own (a signed double submit).
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { toHex } from '../../tickets/hex';
import { HubError } from '../../tickets/hub-error';
import { clientAddress, takeRateLimit } from '../../tickets/rate-limit';
import { safeEqual } from '../../tickets/settings';
import { requireStaff, type StaffVariables } from '../../worker/auth/session';
import {
  loginAddressLimit,
  loginRefused,
  sessionCookieOptions,
  setSessionCookie,
  signIn,
  signOut,
} from '../../worker/auth/sign-in';
import {
  CSRF_FIELD,
  csrfRefused,
  csrfToken,
  firstField,
  readFormFields,
  requireSessionCsrf,
  sameOriginForms,
} from '../../worker/middleware/csrf';
import { StaffPage, staffErrorPage } from './staff-frame';

const NONCE_COOKIE = 'hub_login_nonce';

const loginSchema = z.object({
  username: z.string().trim().min(1, { error: '请填写用户名' }).max(100, { error: '用户名太长' }),
  password: z.string().min(1, { error: '请填写密码' }).max(200, { error: '密码太长' }),
});

type LoginErrors = Partial<Record<'username' | 'password' | 'form', string>>;

/** Only a path inside the workbench or the dashboard: never an open redirect to another site. */
function safeNext(next: string | undefined): string {
  return next && /^\/(workbench|dashboard)(\/[\w\-/]*)?$/.test(next) ? next : '/workbench';
}

function LoginForm(props: { username: string; next: string; token: string; errors: LoginErrors; notice?: string }) {
  const { errors } = props;
  return (
    <StaffPage title="工作人员登录">
      <form method="post" action="/login" class="card" novalidate>
        <h1>工作人员登录</h1>
        {props.notice ? <p class="flash">{props.notice}</p> : null}
        {errors.form ? (
          <p class="form-error" role="alert">
            {errors.form}
          </p>
        ) : null}
        <input type="hidden" name={CSRF_FIELD} value={props.token} />
        <input type="hidden" name="next" value={props.next} />
        <div class={errors.username ? 'invalid' : undefined}>
          <label for="username">用户名</label>
          <input id="username" name="username" value={props.username} autocomplete="username" required />
          {errors.username ? <p class="error">{errors.username}</p> : null}
        </div>
        <div class={errors.password ? 'invalid' : undefined}>
          <label for="password">密码</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          {errors.password ? <p class="error">{errors.password}</p> : null}
        </div>
        <button type="submit">登录</button>
      </form>
    </StaffPage>
  );
}

export const loginRoutes = new Hono<{ Bindings: Env }>();
loginRoutes.onError(staffErrorPage);

/** A fresh nonce cookie and the token that goes with it into the form. */
function newLoginToken(c: Context<{ Bindings: Env }>): string {
  const nonce = toHex(crypto.getRandomValues(new Uint8Array(16)));
  setCookie(c, NONCE_COOKIE, nonce, { ...sessionCookieOptions(c.env), path: '/login', maxAge: 3600 });
  return csrfToken(c.env, 'login', nonce);
}

loginRoutes.get('/', (c) => {
  const notice = c.req.query('bye') ? '您已退出登录。' : undefined;
  const next = safeNext(c.req.query('next'));
  return c.html(<LoginForm username="" next={next} token={newLoginToken(c)} errors={{}} notice={notice} />);
});

loginRoutes.post('/', sameOriginForms, async (c) => {
  const form = await readFormFields(c);
  const nonce = getCookie(c, NONCE_COOKIE) ?? '';
  if (!nonce || !safeEqual(firstField(form, CSRF_FIELD), csrfToken(c.env, 'login', nonce))) throw csrfRefused();
  const username = firstField(form, 'username').slice(0, 200);
  const next = safeNext(firstField(form, 'next'));
  const again = (errors: LoginErrors, status: 401 | 422 | 429) =>
    c.html(<LoginForm username={username} next={next} token={newLoginToken(c)} errors={errors} />, status);

  const parsed = loginSchema.safeParse({ username, password: firstField(form, 'password') });
  if (!parsed.success) {
    const errors: LoginErrors = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as 'username' | 'password'] ??= issue.message;
    return again(errors, 422);
  }
  // The same bucket and rule as POST /api/v1/auth/login: two doors, one count of guesses.
  const limit = await takeRateLimit(c.env.DB, `login:${clientAddress(c.req.raw)}`, loginAddressLimit);
  const tooMany = (refused: HubError) => {
    c.header('Retry-After', String(refused.retryAfterS));
    return again({ form: refused.message }, 429);
  };
  if (!limit.allowed) return tooMany(loginRefused(limit.retryAfterS));
  let role: string;
  try {
    const { token, user } = await signIn(c.env, parsed.data.username, parsed.data.password);
    setSessionCookie(c, token);
    role = user.role;
  } catch (err) {
    if (err instanceof HubError && err.code === 'invalid_credentials')
      return again({ form: '用户名或密码错误。' }, 401);
    if (err instanceof HubError && err.code === 'rate_limited') return tooMany(err);
    throw err;
  }
  deleteCookie(c, NONCE_COOKIE, { ...sessionCookieOptions(c.env), path: '/login', maxAge: undefined });
  // Leaders read figures only: their home is the dashboard, not the workbench.
  return c.redirect(role === 'leader' && next === '/workbench' ? '/dashboard' : next, 303);
});

export const logoutRoutes = new Hono<{ Bindings: Env; Variables: StaffVariables }>();
logoutRoutes.onError(staffErrorPage);

logoutRoutes.post('/', sameOriginForms, requireStaff(), requireSessionCsrf, async (c) => {
  await signOut(c);
  return c.redirect('/login?bye=1', 303);
});
