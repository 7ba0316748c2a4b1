// The one error handler: every failure leaves the hub as `{ error: { code, message, requestId,
// details? } }` with the status its code carries (tickets/hub-error.ts). Channel routes whose
// protocol has its own error form catch their errors before they get here.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorCode, type ErrorDetail, HubError } from '../tickets/hub-error';

export function errorBody(c: Context, code: ErrorCode, message: string, details?: ErrorDetail[]) {
  return {
    error: { code, message, requestId: c.get('requestId') as string, ...(details === undefined ? {} : { details }) },
  };
}

/** What Hono's own middleware throws (bearerAuth, bodyLimit), in the hub's codes. */
function codeOfHttpException(status: number): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 413) return 'payload_too_large';
  if (status === 404) return 'not_found';
  return status >= 500 ? 'internal_error' : 'bad_request';
}

export function handleError(err: Error, c: Context): Response {
  if (err instanceof HubError) {
    if (err.retryAfterS !== undefined) c.header('Retry-After', String(err.retryAfterS));
    return c.json(errorBody(c, err.code, err.message, err.details), err.status as ContentfulStatusCode);
  }
  if (err instanceof HTTPException) {
    const code = codeOfHttpException(err.status);
    return c.json(errorBody(c, code, err.message || '请求无法处理'), err.status as ContentfulStatusCode);
  }
  console.error('unhandled error', err);
  return c.json(errorBody(c, 'internal_error', '服务器内部错误，请稍后重试'), 500);
}

export function handleNotFound(c: Context): Response {
  return c.json(errorBody(c, 'not_found', `没有这个地址：${c.req.method} ${new URL(c.req.url).pathname}`), 404);
}
