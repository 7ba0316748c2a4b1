// Every JSON API module is an OpenAPIHono app: its zod schemas validate the request and also
// describe it in /api/v1/openapi.json, so the document cannot drift from the code.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { errorCodeSchema, validationError } from '../tickets/hub-error';

export function createApi<V extends object = object>() {
  return new OpenAPIHono<{ Bindings: Env; Variables: V }>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });
}

export const errorSchema = z
  .object({
    error: z.object({
      code: errorCodeSchema.openapi({ example: 'validation_failed' }),
      message: z.string().openapi({ example: 'text: 不能为空' }),
      requestId: z.string(),
      details: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .openapi({ description: 'One entry a wrong field; path is dotted, empty for the body as a whole' }),
    }),
  })
  .openapi('Error');

export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: errorDescriptions[s] ?? 'Error', content: { 'application/json': { schema: errorSchema } } },
    ]),
  );

const errorDescriptions: Record<number, string> = {
  400: 'Malformed request',
  401: 'Missing or invalid credentials',
  403: 'Not allowed for this account',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  415: 'Wrong content type',
  422: 'Validation failed',
  429: 'Too many requests',
  503: 'Storage failed: send the same message again after Retry-After seconds (it is taken in once)',
};

/** A ticket's state after a change: what an action or a callback answers. */
export const ticketStateSchema = z.object({
  ticketNo: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  version: z.number(),
});
