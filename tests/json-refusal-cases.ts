// Bodies no signed JSON webhook (the call centre, the Wechaty bridge) may take, with the hub's
// answer to each: 400 malformed_json when it is not JSON at all, 422 validation_failed when it is
// JSON but not the contract's object. Nothing of any of them may be stored.
import { expect } from 'vitest';

type ErrorBody = { error: { code: string; message: string } };

/**
 * The table for `it.each`: [what, body, status, code]. `hidden` is a payload that would pass
 * the contract, smuggled under `__proto__`; `depth` nests arrays as deep as the body limit allows.
 */
export function jsonRefusalCases(hidden: Record<string, unknown>, depth: number) {
  return [
    ['cut-off JSON', '{"id": "cut", ', 400, 'malformed_json'],
    ['an empty body', '', 400, 'malformed_json'],
    ['text that is not JSON', 'id=form-encoded', 400, 'malformed_json'],
    ['JSON null', 'null', 422, 'validation_failed'],
    ['a JSON array', '[]', 422, 'validation_failed'],
    ['a JSON string', '"a string"', 422, 'validation_failed'],
    [`${depth} nested arrays`, `${'['.repeat(depth)}${']'.repeat(depth)}`, 422, 'validation_failed'],
    ['a payload hidden under __proto__', `{"__proto__": ${JSON.stringify(hidden)}}`, 422, 'validation_failed'],
  ] as const;
}

/** A refusal in the hub's JSON error form, with the expected status and code. */
export async function expectHubError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  expect((await res.json<ErrorBody>()).error.code).toBe(code);
}
