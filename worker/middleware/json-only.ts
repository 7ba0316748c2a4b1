// JSON APIs take JSON: anything else gets 415, and unparseable JSON gets 400, both in the hub's
// error shape, before a handler runs.
import { createMiddleware } from 'hono/factory';
import { HubError } from '../../tickets/hub-error';

export const jsonOnly = createMiddleware(async (c, next) => {
  if (c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH') {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/(.+\+)?json\b/i.test(type)) {
      throw new HubError('unsupported_media_type', '请求体须为 application/json');
    }
    const text = await c.req.text();
    if (text.trim() !== '') {
      try {
        JSON.parse(text);
      } catch {
        throw new HubError('malformed_json', '请求体不是合法的 JSON');
      }
    }
  }
  await next();
});
