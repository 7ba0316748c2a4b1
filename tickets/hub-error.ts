// The one error class of the hub. Anything that should reach a caller as a clear 4xx is thrown
// as a HubError; worker/error-handler.ts renders it as `{ error: { code, message, requestId } }`.

export type HubErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

export class HubError extends Error {
  constructor(
    readonly status: HubErrorStatus,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HubError';
  }
}
