// Partner systems call the generic intake with `Authorization: Bearer <token>`, one of
// INTEGRATION_TOKENS. Hono's bearerAuth reads the header; the tokens are checked with the hub's
// one constant-time comparison, and its refusals are thrown as the hub's own errors.
//
// Each entry of the comma list is `token` or `token@scope+scope…`. A scope is a channel the token
// may send messages for (api, phone, mailbox, email, wechat, wechaty, open311) or `import`, the
// history import, which also lets /api/v1/messages take a receivedAt older than the live bound (a
// token that may write history through the import gains nothing new by it). A token without
// scopes may send channel `api` only. Neither `,` nor `@` can occur in a bearer token (Hono and
// RFC 6750 allow `A-Z a-z 0-9 - . _ ~ + /` and trailing `=`), so the entry splits at its `@`
// unambiguously; `+` may occur in a token, but only the part after the `@` is split on it. A
// malformed entry makes the whole setting refuse (503): a typo must not grant less, or more, than
// its author meant without anyone noticing.
import { bearerAuth } from 'hono/bearer-auth';
import { HubError } from '../../tickets/hub-error';
import { type Channel, channels } from '../../tickets/inbound-message';
import { requireSetting, safeEqual } from '../../tickets/settings';

export const integrationScopes = [...channels, 'import'] as const;
export type IntegrationScope = (typeof integrationScopes)[number];

export interface IntegrationToken {
  token: string;
  scopes: ReadonlySet<IntegrationScope>;
}

export type IntegrationVariables = { integrationScopes: ReadonlySet<IntegrationScope> };

const isScope = (s: string): s is IntegrationScope => (integrationScopes as readonly string[]).includes(s);

/** INTEGRATION_TOKENS parsed; throws 503 naming the entry (never the token) that is malformed. */
export function parseIntegrationTokens(setting: string): IntegrationToken[] {
  const entries = setting
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.map((entry, i) => {
    const at = entry.indexOf('@');
    const token = at < 0 ? entry : entry.slice(0, at);
    const named = at < 0 ? ['api'] : entry.slice(at + 1).split('+');
    const unknown = named.filter((s) => !isScope(s));
    if (token === '' || unknown.length > 0) {
      throw new HubError(
        'not_configured',
        `INTEGRATION_TOKENS 第 ${i + 1} 项的接入范围无效${unknown.length > 0 ? `：${unknown.join('、') || '（空）'}` : ''}`,
      );
    }
    return { token, scopes: new Set(named.filter(isScope)) };
  });
}

/** The scopes of the presented token, or null; every entry is compared, in constant time each. */
function scopesOf(tokens: readonly IntegrationToken[], presented: string): ReadonlySet<IntegrationScope> | null {
  let found: ReadonlySet<IntegrationScope> | null = null;
  for (const entry of tokens) if (safeEqual(entry.token, presented)) found = entry.scopes;
  return found;
}

const refuse = (message: string) => () => {
  throw new HubError('unauthorized', message);
};

export const requireIntegrationToken = bearerAuth<{ Bindings: Env; Variables: IntegrationVariables }>({
  verifyToken: (token, c) => {
    const scopes = scopesOf(parseIntegrationTokens(requireSetting(c.env, 'INTEGRATION_TOKENS')), token);
    if (scopes) c.set('integrationScopes', scopes);
    return scopes !== null;
  },
  noAuthenticationHeader: { message: refuse('缺少接入令牌（Authorization: Bearer）') },
  invalidAuthenticationHeader: { message: refuse('缺少接入令牌（Authorization: Bearer）') },
  invalidToken: { message: refuse('接入令牌无效') },
});

/** Refuses (403) a request the token is not scoped for. */
export function requireIntegrationScope(
  granted: ReadonlySet<IntegrationScope> | undefined,
  scope: IntegrationScope | Channel,
): void {
  if (granted?.has(scope)) return;
  if (scope === 'import') throw new HubError('forbidden', '接入令牌无权导入历史数据（需要 import 范围）');
  throw new HubError('forbidden', `接入令牌无权提交 ${scope} 渠道的消息`, [
    { path: 'channel', message: `the token is not scoped to channel ${scope}` },
  ]);
}
