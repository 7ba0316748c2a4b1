// Calls to the admin API as a given account, for the admin route tests.
import { BASE, login, request } from './helpers';

export async function adminCall(method: string, path: string, body?: unknown, username = 'admin') {
  const headers: Record<string, string> = { authorization: `Bearer ${await login(username)}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await request(`${BASE}/api/v1/admin${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}
