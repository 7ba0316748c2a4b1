// The one error class of the hub, with one closed list of codes, each with its HTTP status (as
// Unkey's API does). Anything that should reach a caller as a clear 4xx is thrown as a HubError;
// worker/error-handler.ts renders it as `{ error: { code, message, requestId, details? } }`, and
// channel routes render it in their protocol's own form. `details` is always `[{ path, message }]`.
import { z } from '@hono/zod-openapi';

/** Every code the hub answers with, and the status that goes with it. */
export const errorStatuses = {
  // 400: the request cannot be read at all.
  malformed_json: 400,
  malformed_body: 400,
  bad_request: 400,
  // 401: who is calling is not known.
  unauthorized: 401,
  invalid_credentials: 401,
  signature_missing: 401,
  signature_malformed: 401,
  signature_stale: 401,
  signature_mismatch: 401,
  /** A signature (or WeChat nonce) already spent: whoever sends it again may not be its signer. */
  signature_replayed: 401,
  // 403: known, but not allowed.
  forbidden: 403,
  // 404: nothing there, or nothing the caller may know of.
  not_found: 404,
  ticket_not_found: 404,
  delivery_not_found: 404,
  // 409: the request collides with the ticket's state.
  illegal_transition: 409,
  concurrent_change: 409,
  intake_in_progress: 409,
  already_rated: 409,
  not_ready_for_rating: 409,
  no_reply: 409,
  merge_target_closed: 409,
  /** A publication gate (consent, an approved answer, the type's mark) is not met. */
  not_publishable: 409,
  // 413, 415: the body's size or kind.
  payload_too_large: 413,
  unsupported_media_type: 415,
  // 422: readable, but not acceptable.
  validation_failed: 422,
  unknown_department: 422,
  unknown_parent: 422,
  unknown_ticket: 422,
  merge_into_self: 422,
  extension_not_allowed: 422,
  extension_too_long: 422,
  invalid_rule: 422,
  // 429: too many.
  rate_limited: 429,
  // 500, 503: the hub's own fault or configuration.
  internal_error: 500,
  not_configured: 503,
  channel_not_configured: 503,
  /** D1 failed mid-intake but the raw message is kept: the cron takes it in; a resend is safe. */
  intake_deferred: 503,
  /** D1 failed and not even the raw message could be kept: the sender must send it again. */
  intake_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatuses;
export type ErrorStatus = (typeof errorStatuses)[ErrorCode];

export const errorCodeSchema = z.enum(Object.keys(errorStatuses) as [ErrorCode, ...ErrorCode[]]);

export interface ErrorDetail {
  /** The field, dotted (`sender.phone`, `transcript.0.text`); empty for the body as a whole. */
  path: string;
  message: string;
}

export class HubError extends Error {
  readonly status: ErrorStatus;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** For 429: seconds until the caller may try again (also sent as `Retry-After`). */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'HubError';
    this.status = errorStatuses[code];
  }
}

/** A zod failure as a 422 that names each wrong field. */
export function validationError(error: z.ZodError, message?: string): HubError {
  const details = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = details[0];
  const text = message ?? (first ? `${first.path || 'body'}: ${first.message}` : '请求内容不合法');
  return new HubError('validation_failed', text, details);
}

/** A 422 for one field, e.g. a rule the schema cannot state. */
export function fieldError(path: string, message: string, detail = message): HubError {
  return new HubError('validation_failed', `${path}: ${message}`, [{ path, message: detail }]);
}
