// The one error handler: every failure leaves the hub as `{ error: { code, message, requestId,
// details? } }` with the right status. Channel routes whose protocol has its own error form
// catch their errors before they get here.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HubError } from '../tickets/hub-error';

export function errorBody(c: Context, code: string, message: string, details?: unknown) {
  return {
    error: { code, message, requestId: c.get('requestId') as string, ...(details === undefined ? {} : { details }) },
  };
}

export function handleError(err: Error, c: Context): Response {
  if (err instanceof HubError) {
    return c.json(errorBody(c, err.code, err.message, err.details), err.status as ContentfulStatusCode);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'http_error';
    return c.json(errorBody(c, code, err.message || '请求无法处理'), status);
  }
  console.error('unhandled error', err);
  return c.json(errorBody(c, 'internal_error', '服务器内部错误，请稍后重试'), 500);
}

export function handleNotFound(c: Context): Response {
  return c.json(errorBody(c, 'not_found', `没有这个地址：${c.req.method} ${new URL(c.req.url).pathname}`), 404);
}
