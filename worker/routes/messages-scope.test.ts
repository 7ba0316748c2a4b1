// Integration tokens are scoped to channels (INTEGRATION_TOKENS entries `token@scope+scope`; no
// scope means channel api only), the history import needs the `import` scope, and receivedAt on
// /api/v1/messages lies between 7 days ago and 5 minutes ahead unless the token may import.
import { describe, expect, it } from 'vitest';
import { count, message, request } from '../../tests/helpers';
import { channels } from '../../tickets/inbound-message';
import { developmentDefaults } from '../../tickets/settings';
import { parseIntegrationTokens } from '../auth/integration-token';

const DAY = 24 * 60 * 60 * 1000;
const tokens = { INTEGRATION_TOKENS: 'plain-token, mail-token@api+mailbox, archive-token@import' } as Partial<Env>;

type ErrorBody = { error: { code: string; message: string; details?: { path: string; message: string }[] } };

function send(path: string, token: string, body: unknown, bindings: Partial<Env> = tokens) {
  return request(
    path,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    },
    bindings,
  );
}

const live = (overrides: Record<string, unknown> = {}) =>
  message({ receivedAt: new Date().toISOString(), ...overrides });
const inboxRows = (externalId: string) => count('SELECT count(*) AS n FROM inbox WHERE external_id = ?1', externalId);

const historyRecord = (externalId: string) => ({
  externalId,
  channel: 'phone',
  receivedAt: '2024-06-03T09:15:00+08:00',
  text: '小区门口的井盖丢失，夜间行人容易踩空，请尽快补上。',
});

describe('scoped integration tokens (happy path)', () => {
  it('lets a token without scope send channel api, and a scoped token its channels', async () => {
    expect((await send('/api/v1/messages', 'plain-token', live())).status).toBe(201);
    expect((await send('/api/v1/messages', 'mail-token', live({ channel: 'mailbox' }))).status).toBe(201);
    expect((await send('/api/v1/messages', 'mail-token', live({ channel: 'api' }))).status).toBe(201);
  });

  it('takes receivedAt up to 5 minutes ahead and up to 7 days back', async () => {
    const ahead = live({ receivedAt: new Date(Date.now() + 4 * 60_000).toISOString() });
    expect((await send('/api/v1/messages', 'plain-token', ahead)).status).toBe(201);
    const sixDays = live({ receivedAt: new Date(Date.now() - 6 * DAY).toISOString() });
    expect((await send('/api/v1/messages', 'plain-token', sixDays)).status).toBe(201);
  });

  it('lets an import-scoped token import history, and send a backdated message', async () => {
    const res = await send('/api/v1/import', 'archive-token', [historyRecord('H-scope-ok-1')]);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ imported: 1, failed: 0 });
    // An import token may write any past date anyway; it still needs the channel's scope.
    const old = live({ receivedAt: '2024-06-03T09:15:00+08:00' });
    expect((await send('/api/v1/messages', 'archive-token', old)).status).toBe(403);
    const both = { INTEGRATION_TOKENS: 'archive-token@api+import' } as Partial<Env>;
    expect((await send('/api/v1/messages', 'archive-token', old, both)).status).toBe(201);
  });

  it('gives the development token every channel and the import', () => {
    const [dev] = parseIntegrationTokens(developmentDefaults.INTEGRATION_TOKENS);
    expect(dev!.token).toBe('dev-integration-token');
    expect([...dev!.scopes].sort()).toEqual([...channels, 'import'].sort());
  });
});

describe('receivedAt out of bounds (errors)', () => {
  it.each([
    ['ten minutes ahead', () => Date.now() + 10 * 60_000],
    ['eight days back', () => Date.now() - 8 * DAY],
    ['in 2019', () => Date.UTC(2019, 4, 1)],
  ])('refuses a receivedAt %s with 422 on receivedAt, storing nothing', async (_, at) => {
    const body = live({ receivedAt: new Date(at()).toISOString() });
    const res = await send('/api/v1/messages', 'plain-token', body);
    expect(res.status).toBe(422);
    const { error } = await res.json<ErrorBody>();
    expect(error.code).toBe('validation_failed');
    expect(error.details?.map((d) => d.path)).toEqual(['receivedAt']);
    expect(await inboxRows(body.externalId)).toBe(0);
  });

  it('refuses the future even to an import-scoped token', async () => {
    const both = { INTEGRATION_TOKENS: 'archive-token@api+import' } as Partial<Env>;
    const ahead = live({ receivedAt: new Date(Date.now() + DAY).toISOString() });
    expect((await send('/api/v1/messages', 'archive-token', ahead, both)).status).toBe(422);
  });

  it('answers 503 for a scope that is not a channel or import, naming the entry, not the token', async () => {
    const typo = { INTEGRATION_TOKENS: 'good-token@api, secret-token@mailbx' } as Partial<Env>;
    const res = await send('/api/v1/messages', 'good-token', live(), typo);
    expect(res.status).toBe(503);
    const { error } = await res.json<ErrorBody>();
    expect(error).toMatchObject({
      code: 'not_configured',
      message: 'INTEGRATION_TOKENS 第 2 项的接入范围无效：mailbx',
    });
    expect(error.message).not.toContain('secret-token');
    const empty = { INTEGRATION_TOKENS: 'good-token@' } as Partial<Env>;
    expect((await send('/api/v1/messages', 'good-token', live(), empty)).status).toBe(503);
  });
});

describe('a token beyond its scope (security)', () => {
  it.each([
    ['a token without scope', 'phone', 'plain-token'],
    ['a token without scope', 'wechat', 'plain-token'],
    ['a mailbox token', 'wechat', 'mail-token'],
  ])('refuses %s a message for channel %s with 403, storing nothing', async (_, channel, token) => {
    const body = live({ channel });
    const res = await send('/api/v1/messages', token, body);
    expect(res.status).toBe(403);
    const { error } = await res.json<ErrorBody>();
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe(`接入令牌无权提交 ${channel} 渠道的消息`);
    expect(error.details).toEqual([{ path: 'channel', message: `the token is not scoped to channel ${channel}` }]);
    expect(await inboxRows(body.externalId)).toBe(0);
  });

  it('refuses the history import to a token without the import scope', async () => {
    const res = await send('/api/v1/import', 'mail-token', [historyRecord('H-scope-refused-1')]);
    expect(res.status).toBe(403);
    expect((await res.json<ErrorBody>()).error.message).toBe('接入令牌无权导入历史数据（需要 import 范围）');
    expect(await inboxRows('H-scope-refused-1')).toBe(0);
  });

  it('still refuses an unknown token with 401 before any scope is looked at', async () => {
    const res = await send('/api/v1/messages', 'api', live());
    expect(res.status).toBe(401);
    expect((await res.json<ErrorBody>()).error.code).toBe('unauthorized');
  });
});
