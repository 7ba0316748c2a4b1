// POST /api/v1/import: the history import's server side (scripts/import-history.mjs sends the
// JSONL lines here in small batches). Integration token only. Each record goes through intake
// with its historical time and no acknowledgement (nobody should get an SMS about 2019), so a
// re-import finds every externalId already taken and changes nothing.
import { Hono } from 'hono';
import { HubError, validationError } from '../../tickets/hub-error';
import { intakeMessage } from '../../tickets/intake';
import { requireIntegrationToken } from '../../worker/auth/integration-token';
import { historyRecordSchema, historyRecordToInboundMessage } from './history-record';
import { replayHistory } from './replay';

export const importMaxBatch = 100;

export interface ImportItemResult {
  externalId: string | null;
  ok: boolean;
  ticketNo?: string;
  duplicate?: boolean;
  /** Lifecycle steps replayed by this request (none for a re-import of a finished ticket). */
  steps?: string[];
  warnings?: string[];
  error?: { code: string; message: string; details?: unknown };
}

export const importRoutes = new Hono<{ Bindings: Env }>();

importRoutes.post('/', requireIntegrationToken, async (c) => {
  // Size (64 KB) and content type are checked by the /api/* middleware before this runs.
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

  const results: ImportItemResult[] = [];
  for (const record of records) {
    const externalId =
      typeof (record as { externalId?: unknown })?.externalId === 'string'
        ? (record as { externalId: string }).externalId
        : null;
    const parsed = historyRecordSchema.safeParse(record);
    if (!parsed.success) {
      results.push({
        externalId,
        ok: false,
        error: {
          code: 'validation_failed',
          message: 'record does not match the history format',
          details: validationError(parsed.error).details,
        },
      });
      continue;
    }
    try {
      const message = historyRecordToInboundMessage(parsed.data, JSON.stringify(record));
      const result = await intakeMessage(c.env, message, {
        now: Date.parse(parsed.data.receivedAt),
        acknowledge: false,
      });
      const replay = await replayHistory(c.env, result.ticketNo, parsed.data);
      results.push({
        externalId,
        ok: true,
        ticketNo: result.ticketNo,
        duplicate: result.duplicate,
        steps: replay.steps,
        ...(replay.warnings.length > 0 ? { warnings: replay.warnings } : {}),
      });
    } catch (err) {
      if (err instanceof HubError && err.status < 500) {
        results.push({ externalId, ok: false, error: { code: err.code, message: err.message } });
        continue;
      }
      throw err;
    }
  }
  const failed = results.filter((r) => !r.ok).length;
  return c.json({
    imported: results.filter((r) => r.ok && !r.duplicate).length,
    duplicates: results.filter((r) => r.duplicate).length,
    failed,
    results,
  });
});
