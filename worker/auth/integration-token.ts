// Partner systems call the generic intake with `Authorization: Bearer <token>`, one of INTEGRATION_TOKENS.
import { createMiddleware } from 'hono/factory';
import { HubError } from '../../tickets/hub-error';
import { includesSecret, requireSetting, settingList } from '../../tickets/settings';

export const requireIntegrationToken = createMiddleware<{ Bindings: Env }>(async (c, next) => {
  const token = c.req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (!token) throw new HubError('unauthorized', '缺少接入令牌（Authorization: Bearer）');
  requireSetting(c.env, 'INTEGRATION_TOKENS');
  if (!includesSecret(settingList(c.env, 'INTEGRATION_TOKENS') ?? [], token))
    throw new HubError('unauthorized', '接入令牌无效');
  await next();
});
