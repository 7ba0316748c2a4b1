// What the public may ask of the published replies: the query string of GET /public and of
// GET /api/v1/public/replies, one zod schema for both, so the page and the API filter alike.
import { z } from '@hono/zod-openapi';
import { localMidnight } from '../../routing/calendar';
import { fieldError } from '../hub-error';
import { decodeCursor, type ReplyPosition } from './public-cursor';

const DAY_MS = 86_400_000;

/** A real calendar date (2026-02-30 is refused), in Asia/Shanghai. */
const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((d) => {
    const at = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(at) && new Date(at).toISOString().startsWith(d);
  }, '不是有效日期');

// An empty field of a GET form is sent as `name=`: it means "no filter", not a bad value. Typed
// as the optional field it is (a preprocess takes `unknown`, which would blur the query's type).
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional()) as unknown as z.ZodOptional<T>;

export const publicFilterQuerySchema = z.object({
  q: optional(z.string().max(200)).openapi({ description: '全文检索：标题、来信摘要与答复中的文字（一字起）' }),
  department: optional(z.string().max(50)).openapi({ description: '承办单位代码，含其下属单位' }),
  category: optional(z.string().max(50)),
  district: optional(z.string().max(50)).openapi({ description: '区县代码（地名库）' }),
  from: optional(localDateSchema).openapi({ description: '答复日期起（含），北京时间', example: '2026-11-01' }),
  to: optional(localDateSchema).openapi({ description: '答复日期止（含），北京时间', example: '2026-11-30' }),
  cursor: optional(z.string().max(100)).openapi({ description: '上一页答复的 next' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export type PublicFilterQuery = z.output<typeof publicFilterQuerySchema>;

/** The filter as the reads take it: the period as instants [fromMs, toMs), the cursor decoded. */
export interface PublicFilter {
  q?: string;
  department?: string;
  category?: string;
  district?: string;
  fromMs?: number;
  toMs?: number;
  after?: ReplyPosition;
  limit: number;
}

export function toPublicFilter(query: PublicFilterQuery): PublicFilter {
  if (query.from && query.to && query.from > query.to) throw fieldError('to', '结束日期早于开始日期');
  return {
    q: query.q?.trim() || undefined,
    department: query.department,
    category: query.category,
    district: query.district,
    fromMs: query.from ? localMidnight(query.from) : undefined,
    toMs: query.to ? localMidnight(query.to) + DAY_MS : undefined,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit,
  };
}
