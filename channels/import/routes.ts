// POST /api/v1/import: the history import's server side (scripts/import-history.mjs sends the
// JSONL lines here in small batches). Integration token scoped to `import` only: a token that
// writes history may date a message years back, which no live partner's token may. Each record goes through intake
// with its historical time and no acknowledgement (nobody should get an SMS about 2019), so a
// re-import finds every externalId already taken and changes nothing. After the replay, a ticket
// with consent and an approved reply is published as reviewed by the import, unless
// `?holdForReview=true` (npm run import -- --hold-for-review) leaves it for the reviewers.
import { Hono } from 'hono';
import { z } from 'zod';
import { openDb } from '../../db/client';
import { HubError, validationError } from '../../tickets/hub-error';
import { intakeMessage } from '../../tickets/intake';
import { type DraftSources, loadDraftSources } from '../../tickets/publication/draft';
import { type ImportPublication, publishImported } from '../../tickets/publication/import-publication';
import {
  type IntegrationVariables,
  requireIntegrationScope,
  requireIntegrationToken,
} from '../../worker/auth/integration-token';
import { historyRecordSchema, historyRecordToInboundMessage } from './history-record';
import { replayHistory } from './replay';

export const importMaxBatch = 100;
/** A batch's body: the JSON API's 64 KB would hold one long record with its replies, not a batch. */
export const importMaxBytes = 2 * 1024 * 1024;

export interface ImportItemResult {
  externalId: string | null;
  ok: boolean;
  ticketNo?: string;
  duplicate?: boolean;
  /** Lifecycle steps replayed by this request (none for a re-import of a finished ticket). */
  steps?: string[];
  warnings?: string[];
  /** 政务公开: published by this request, or left for the reviewers' queue. */
  publication?: Exclude<ImportPublication, 'unchanged' | null>;
  error?: { code: string; message: string; details?: unknown };
}

const importQuerySchema = z.object({ holdForReview: z.enum(['true', 'false']).default('false') });

/** One record through intake, the lifecycle's replay and publication; a refusal is its result, not the request's. */
async function importOne(
  env: Env,
  record: unknown,
  publishing: { holdForReview: boolean; sources: DraftSources },
): Promise<ImportItemResult> {
  const externalId =
    typeof (record as { externalId?: unknown })?.externalId === 'string'
      ? (record as { externalId: string }).externalId
      : null;
  const parsed = historyRecordSchema.safeParse(record);
  if (!parsed.success) {
    return {
      externalId,
      ok: false,
      error: {
        code: 'validation_failed',
        message: 'record does not match the history format',
        details: validationError(parsed.error).details,
      },
    };
  }
  try {
    const message = historyRecordToInboundMessage(parsed.data, JSON.stringify(record));
    const result = await intakeMessage(env, message, {
      now: Date.parse(parsed.data.receivedAt),
      acknowledge: false,
    });
    const replay = await replayHistory(env, result.ticketNo, parsed.data);
    const publication = await publishImported(openDb(env.DB), result.ticketNo, publishing);
    return {
      externalId,
      ok: true,
      ticketNo: result.ticketNo,
      duplicate: result.duplicate,
      steps: replay.steps,
      ...(replay.warnings.length > 0 ? { warnings: replay.warnings } : {}),
      ...(publication === 'published' || publication === 'awaiting_review' ? { publication } : {}),
    };
  } catch (err) {
    if (err instanceof HubError && err.status < 500) {
      return { externalId, ok: false, error: { code: err.code, message: err.message } };
    }
    throw err;
  }
}

export const importRoutes = new Hono<{ Bindings: Env; Variables: IntegrationVariables }>();

importRoutes.post('/', requireIntegrationToken, async (c) => {
  requireIntegrationScope(c.get('integrationScopes'), 'import');
  const query = importQuerySchema.safeParse(c.req.query());
  if (!query.success) throw validationError(query.error, 'holdForReview must be true or false');
  const holdForReview = query.data.holdForReview === 'true';
  // Size (importMaxBytes) and content type are checked by the /api/* middleware before this runs.
  const raw = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new HubError('malformed_json', 'the body is not valid JSON (one record, or an array of records)');
  }
  const records = Array.isArray(body) ? body : [body];
  if (records.length > importMaxBatch) {
    throw new HubError('payload_too_large', `send at most ${importMaxBatch} records per request`);
  }
  if (records.length === 0) {
    throw new HubError('validation_failed', 'send at least one record', [{ path: '', message: 'empty array' }]);
  }

  // The working calendar and the service numbers (left alone by redaction), read once for the batch.
  const sources = await loadDraftSources(openDb(c.env.DB));
  const results: ImportItemResult[] = [];
  for (const record of records) results.push(await importOne(c.env, record, { holdForReview, sources }));
  const failed = results.filter((r) => !r.ok).length;
  return c.json({
    imported: results.filter((r) => r.ok && !r.duplicate).length,
    duplicates: results.filter((r) => r.duplicate).length,
    failed,
    results,
  });
});
