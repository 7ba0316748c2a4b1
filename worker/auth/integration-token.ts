// Partner systems call the generic intake with `Authorization: Bearer <token>`, one of
// INTEGRATION_TOKENS. Hono's bearerAuth reads the header; the tokens are checked with the hub's
// one constant-time comparison, and its refusals are thrown as the hub's own errors.
import { bearerAuth } from 'hono/bearer-auth';
import { HubError } from '../../tickets/hub-error';
import { includesSecret, requireSetting, settingList } from '../../tickets/settings';

const refuse = (message: string) => () => {
  throw new HubError('unauthorized', message);
};

export const requireIntegrationToken = bearerAuth<{ Bindings: Env }>({
  verifyToken: (token, c) => {
    requireSetting(c.env, 'INTEGRATION_TOKENS');
    return includesSecret(settingList(c.env, 'INTEGRATION_TOKENS') ?? [], token);
  },
  noAuthenticationHeader: { message: refuse('缺少接入令牌（Authorization: Bearer）') },
  invalidAuthenticationHeader: { message: refuse('缺少接入令牌（Authorization: Bearer）') },
  invalidToken: { message: refuse('接入令牌无效') },
});
