// Signing in, against a guesser: an unknown or disabled account costs the same PBKDF2 as a wrong
// password (proved by the calls, not by timing, which a shared machine makes noise of), and each
// account name has its own limit on failures, shared by the API and the page, that says nothing
// of whether the name exists.
import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loginForm, submitLogin } from '../../dashboard/workbench/page-session';
import { DEMO_PASSWORD } from '../../db/seed/demo';
import { restoreClockAfterEach, startOfWindow } from '../../tests/fixed-window';
import { BASE, request } from '../../tests/helpers';

restoreClockAfterEach();
afterEach(() => {
  vi.restoreAllMocks();
});

let ipSeq = 0;
const newIp = () => `198.19.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;

const apiLogin = (username: string, password: string, ip = newIp()) =>
  request(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
    body: JSON.stringify({ username, password }),
  });

/** The PBKDF2 derivations a sign-in ran, by their iteration counts. */
async function derivations(run: () => Promise<Response>) {
  const spy = vi.spyOn(crypto.subtle, 'deriveBits');
  const res = await run();
  const runs = spy.mock.calls.map(([params]) => params as { name: string; iterations: number });
  spy.mockRestore();
  return { status: res.status, iterations: runs.filter((p) => p.name === 'PBKDF2').map((p) => p.iterations) };
}

describe('the same work for every failed sign-in', () => {
  it('runs one full PBKDF2 for an unknown user, as for a wrong password and the right one', async () => {
    expect(await derivations(() => apiLogin('dispatcher', DEMO_PASSWORD))).toEqual({
      status: 200,
      iterations: [100_000],
    });
    expect(await derivations(() => apiLogin('dispatcher', 'not-the-password'))).toEqual({
      status: 401,
      iterations: [100_000],
    });
    expect(await derivations(() => apiLogin('no-such-user', 'not-the-password'))).toEqual({
      status: 401,
      iterations: [100_000],
    });
  });

  it('runs it for a disabled account too, and answers it like a wrong password', async () => {
    await env.DB.prepare("UPDATE staff SET active = 0 WHERE username = 'supervisor'").run();
    const disabled = await derivations(() => apiLogin('supervisor', DEMO_PASSWORD));
    expect(disabled).toEqual({ status: 401, iterations: [100_000] });
    const bodyOf = async (res: Response) => {
      const { error } = (await res.json()) as { error: Record<string, unknown> };
      delete error.requestId;
      return error;
    };
    const unknown = await bodyOf(await apiLogin('no-such-user', DEMO_PASSWORD));
    expect(await bodyOf(await apiLogin('supervisor', DEMO_PASSWORD))).toEqual(unknown);
    expect(await bodyOf(await apiLogin('dispatcher', 'not-the-password'))).toEqual(unknown);
    expect(unknown).toEqual({ code: 'invalid_credentials', message: '用户名或密码错误' });
  });

  it('runs it on the sign-in page for an unknown user', async () => {
    const form = await loginForm(newIp());
    const page = await derivations(() => submitLogin('no-such-user', 'not-the-password', form));
    expect(page).toEqual({ status: 401, iterations: [100_000] });
  });
});

describe('a limit per account name', () => {
  it('after 10 failures refuses the right password too, from any address, until the window is out', async () => {
    startOfWindow(15 * 60_000);
    for (let i = 0; i < 10; i++) expect((await apiLogin('leader', `guess-${i}`)).status).toBe(401);
    const locked = await apiLogin('leader', DEMO_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('900');
    const { error } = (await locked.json()) as { error: { code: string; message: string } };
    expect(error).toMatchObject({ code: 'rate_limited', message: '登录尝试过于频繁，请 15 分钟后再试。' });
    // Another account is not held up by it.
    expect((await apiLogin('dispatcher', DEMO_PASSWORD)).status).toBe(200);
    vi.setSystemTime(Date.now() + 15 * 60_000);
    expect((await apiLogin('leader', DEMO_PASSWORD)).status).toBe(200);
  });

  it('counts the page and the API together, and any case of the name as one', async () => {
    startOfWindow(15 * 60_000);
    for (let i = 0; i < 5; i++) expect((await apiLogin('cgj.handler', `guess-${i}`)).status).toBe(401);
    for (let i = 5; i < 10; i++) {
      const res = await submitLogin(i % 2 ? 'CGJ.Handler' : 'cgj.handler', `guess-${i}`, await loginForm(newIp()));
      expect(res.status).toBe(401);
    }
    const page = await submitLogin('cgj.handler', DEMO_PASSWORD, await loginForm(newIp()));
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toBe('900');
    expect(await page.text()).toContain('登录尝试过于频繁，请 15 分钟后再试。');
    expect(page.headers.getSetCookie().some((c) => c.startsWith('hub_session='))).toBe(false);
    expect((await apiLogin('cgj.handler', DEMO_PASSWORD)).status).toBe(429);
  });

  it('does not count sign-ins that succeed', async () => {
    startOfWindow(15 * 60_000);
    for (let i = 0; i < 9; i++) expect((await apiLogin('cgj.reviewer', `guess-${i}`)).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await apiLogin('cgj.reviewer', DEMO_PASSWORD)).status).toBe(200);
    // Nine failures and five successes: the tenth failure is still only a failure.
    expect((await apiLogin('cgj.reviewer', 'guess-9')).status).toBe(401);
    expect((await apiLogin('cgj.reviewer', DEMO_PASSWORD)).status).toBe(429);
  });

  it('locks an unknown name exactly as a real one, so the lock tells nothing', async () => {
    startOfWindow(15 * 60_000);
    for (const name of ['jyj.handler', 'nobody-here']) {
      for (let i = 0; i < 10; i++) await apiLogin(name, `guess-${i}`);
    }
    const answer = async (name: string) => {
      const res = await apiLogin(name, DEMO_PASSWORD);
      const { error } = (await res.json()) as { error: Record<string, unknown> };
      delete error.requestId;
      return { status: res.status, retryAfter: res.headers.get('retry-after'), error };
    };
    const real = await answer('jyj.handler');
    expect(real.status).toBe(429);
    expect(await answer('nobody-here')).toEqual(real);
  });

  it('holds against failures sent at once: no more than 10 passwords are checked', async () => {
    startOfWindow(15 * 60_000);
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => apiLogin('zjj.handler', `guess-${i}`)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(6).fill(429)]);
  });
});
