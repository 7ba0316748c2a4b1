// Partner systems call the generic intake with `Authorization: Bearer <token>`, one of INTEGRATION_TOKENS.
import { createMiddleware } from 'hono/factory';
import { HubError } from '../../tickets/hub-error';
import { commaList, requireSecret, safeEqual } from '../settings';

export const requireIntegrationToken = createMiddleware<{ Bindings: Env }>(async (c, next) => {
  const token = c.req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (!token) throw new HubError(401, 'unauthorized', '缺少接入令牌（Authorization: Bearer）');
  const known = commaList(requireSecret(c.env, 'INTEGRATION_TOKENS'));
  if (!known.some((t) => safeEqual(t, token))) throw new HubError(401, 'unauthorized', '接入令牌无效');
  await next();
});
