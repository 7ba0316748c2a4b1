// The sign-in page, sign-out and the session cookie, as a browser would use them.
import { describe, expect, it } from 'vitest';
import { restoreClockAfterEach, startOfWindow } from '../../tests/fixed-window';
import { BASE, request } from '../../tests/helpers';
import { cookieOf, freshAddress, loginForm, postForm, signInPage, submitLogin, tokenIn } from './page-session';

restoreClockAfterEach();

describe('GET /login', () => {
  it('shows a Chinese form with 用户名 and 密码 and a token bound to its own nonce cookie', async () => {
    const res = await request(`${BASE}/login`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<label for="username">用户名</label>');
    expect(html).toContain('<label for="password">密码</label>');
    expect(html).toMatch(/name="_csrf" value="[\w-]{20,}"/);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('hub_login_nonce='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Path=\/login/);
  });
});

describe('POST /login', () => {
  it('signs in with an HttpOnly SameSite cookie, not Secure on local http, and goes to the workbench', async () => {
    const res = await submitLogin('dispatcher');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/workbench');
    const line = res.headers.getSetCookie().find((c) => c.startsWith('hub_session='))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).toMatch(/Path=\//);
    expect(line).not.toMatch(/Secure/i);
  });

  it('marks the cookie Secure in production', async () => {
    // Production refuses the development secret: the form and its post both under one of its own.
    const production = { HUB_ENV: 'production', SESSION_SECRET: 'a-production-session-secret-8f2d' };
    const page = await request(`${BASE}/login`, { headers: { 'cf-connecting-ip': '203.0.113.251' } }, production);
    const nonce = cookieOf(page, 'hub_login_nonce') ?? '';
    const res = await request(
      `${BASE}/login`,
      {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: BASE,
          cookie: `hub_login_nonce=${nonce}`,
          'cf-connecting-ip': '203.0.113.251',
        },
        body: new URLSearchParams({
          _csrf: tokenIn(await page.text()) ?? '',
          username: 'dispatcher',
          password: 'hub-demo-12345',
        }),
      },
      production,
    );
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('hub_session='))).toMatch(/;\s*Secure/i);
  });

  it('keeps the user name and says in Chinese that the password is wrong', async () => {
    const res = await submitLogin('dispatcher', 'not-the-password');
    expect(res.status).toBe(401);
    const html = await res.text();
    expect(html).toContain('用户名或密码错误');
    expect(html).toContain('value="dispatcher"');
    expect(cookieOf(res, 'hub_session')).toBeNull();
  });

  it('puts a missing field’s error beside it', async () => {
    const res = await submitLogin('', 'x');
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/<label for="username">用户名<\/label>.*<p class="error">请填写用户名<\/p>/s);
  });

  it('refuses a form without its token, and one from another site, with a 403 page', async () => {
    const f = await loginForm();
    const cookie = `hub_login_nonce=${f.nonce}`;
    const fields = { username: 'dispatcher', password: 'hub-demo-12345' };
    const noToken = await postForm('/login', fields, { cookie, 'cf-connecting-ip': f.ip });
    expect(noToken.status).toBe(403);
    expect(await noToken.text()).toContain('页面已过期');
    const otherSite = await postForm(
      '/login',
      { ...fields, _csrf: f.token },
      { cookie, 'cf-connecting-ip': f.ip, origin: 'https://evil.example' },
    );
    expect(otherSite.status).toBe(403);
    expect(await otherSite.text()).toContain('无法确认表单来自本系统');
    expect(cookieOf(otherSite, 'hub_session')).toBeNull();
  });

  it('counts guesses from one address like the API login and stops the 21st in Chinese', async () => {
    // At a window's start, so the 21 cannot straddle an edge; a name each, so no account's own
    // limit (10 failures) comes first: this is the address's count.
    startOfWindow(10 * 60_000);
    const ip = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await submitLogin(`guess-${i}`, 'wrong-password', await loginForm(ip));
      statuses.push(res.status);
      if (i === 20) {
        expect(await res.text()).toContain('登录尝试过于频繁，请 10 分钟后再试。');
        expect(res.headers.get('retry-after')).toBe('600');
      }
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    // The right password from that address is refused too until the window passes.
    expect((await submitLogin('dispatcher', undefined, await loginForm(ip))).status).toBe(429);
  });

  it('goes on to the page asked for, but never off the workbench', async () => {
    const f = await loginForm();
    const headers = { cookie: `hub_login_nonce=${f.nonce}`, 'cf-connecting-ip': f.ip };
    const base = { _csrf: f.token, username: 'dispatcher', password: 'hub-demo-12345' };
    const inside = await postForm('/login', { ...base, next: '/workbench/tickets/A1' }, headers);
    expect(inside.headers.get('location')).toBe('/workbench/tickets/A1');
    const outside = await postForm('/login', { ...base, next: '//evil.example/x' }, headers);
    expect(outside.headers.get('location')).toBe('/workbench');
  });
});

describe('the workbench without a session', () => {
  it('sends the browser to sign in and back', async () => {
    const res = await request(`${BASE}/workbench`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fworkbench');
  });

  it('tells a leader in Chinese that the workbench is not theirs', async () => {
    const leader = await signInPage('leader');
    const page = await leader.get('/workbench');
    expect(page.status).toBe(403);
    expect(page.html).toContain('无权操作');
  });
});

describe('POST /logout', () => {
  it('needs the page’s token, then ends the session on the server and clears the cookie', async () => {
    const s = await signInPage('dispatcher');
    await s.get('/workbench');
    expect((await s.post('/logout', {}, 'forged')).status).toBe(403);
    const res = await s.post('/logout', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?bye=1');
    expect(res.headers.getSetCookie().find((c) => c.startsWith('hub_session='))).toMatch(/Max-Age=0/i);
    // A copy of the cookie kept elsewhere (a shared PC's other tab) no longer opens anything.
    expect((await s.get('/workbench')).status).toBe(303);
    const api = await request(`${BASE}/api/v1/auth/session`, { headers: { cookie: s.cookie } });
    expect(api.status).toBe(401);
  });
});
