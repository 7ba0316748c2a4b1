// 依申请公开: how a department answered a request for government information, as the closed list
// of 政府信息公开条例 (2019) and the national template of the annual report (政府信息公开工作年度报告,
// table 三 「收到和处理政府信息公开申请情况」). The rows are in the table's order; the codes are
// stable (stored in replies.disclosure), the labels are the table's own words.
import { z } from '@hono/zod-openapi';

export interface DisclosureReason {
  code: string;
  label: string;
}

export interface DisclosureOutcome {
  code: string;
  /** The table's row number, （一） to （六）. */
  row: string;
  label: string;
  /** The sub-rows the outcome must be recorded with; empty when it has none. */
  reasons: readonly DisclosureReason[];
}

export const disclosureOutcomes = [
  { code: 'disclosed', row: '（一）', label: '予以公开', reasons: [] },
  { code: 'partly_disclosed', row: '（二）', label: '部分公开（区分处理的，只计这一情形，不计其他情形）', reasons: [] },
  {
    code: 'withheld',
    row: '（三）',
    label: '不予公开',
    reasons: [
      { code: 'state_secret', label: '属于国家秘密' },
      { code: 'prohibited_by_law', label: '其他法律行政法规禁止公开' },
      { code: 'security_stability', label: '危及“三安全一稳定”' },
      { code: 'third_party_rights', label: '保护第三方合法权益' },
      { code: 'internal_affairs', label: '属于三类内部事务信息' },
      { code: 'process_information', label: '属于四类过程性信息' },
      { code: 'enforcement_files', label: '属于行政执法案卷' },
      { code: 'administrative_query', label: '属于行政查询事项' },
    ],
  },
  {
    code: 'unavailable',
    row: '（四）',
    label: '无法提供',
    reasons: [
      { code: 'not_held', label: '本机关不掌握相关政府信息' },
      { code: 'would_need_creating', label: '没有现成信息需要另行制作' },
      { code: 'still_unclear', label: '补正后申请内容仍不明确' },
    ],
  },
  {
    code: 'not_processed',
    row: '（五）',
    label: '不予处理',
    reasons: [
      { code: 'petition_or_complaint', label: '信访举报投诉类申请' },
      { code: 'repeated', label: '重复申请' },
      { code: 'publication_requested', label: '要求提供公开出版物' },
      { code: 'excessive', label: '无正当理由大量反复申请' },
      { code: 'confirm_obtained', label: '要求行政机关确认或重新出具已获取信息' },
    ],
  },
  {
    code: 'other',
    row: '（六）',
    label: '其他处理',
    reasons: [
      { code: 'no_supplement', label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
      { code: 'fee_unpaid', label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
      { code: 'other', label: '其他' },
    ],
  },
] as const satisfies readonly DisclosureOutcome[];

export type DisclosureOutcomeCode = (typeof disclosureOutcomes)[number]['code'];
type ReasonCode = (typeof disclosureOutcomes)[number]['reasons'][number]['code'];

/** The ticket type whose replies record an outcome. */
export const disclosureTicketType = '依申请公开';

/** A reply to a request whose outcome nobody recorded (history, or replies before outcomes were kept). */
export const unrecordedDisclosure = { outcome: 'other', reason: 'other' } as const;

const outcomeCodes = disclosureOutcomes.map((o) => o.code) as [DisclosureOutcomeCode, ...DisclosureOutcomeCode[]];
const reasonCodes = [...new Set(disclosureOutcomes.flatMap((o) => o.reasons.map((r) => r.code)))] as [
  ReasonCode,
  ...ReasonCode[],
];

export function findOutcome(code: string): DisclosureOutcome | undefined {
  return (disclosureOutcomes as readonly DisclosureOutcome[]).find((o) => o.code === code);
}

/**
 * `{ outcome, reason?, note? }`: a reason exactly when the outcome has reasons, and one of its own
 * (不予公开 needs one of its eight grounds; 予以公开 takes none).
 */
export const disclosureSchema = z
  .object({
    outcome: z.enum(outcomeCodes, { error: '请选择办理结果' }),
    reason: z.enum(reasonCodes, { error: '请从列表中选择理由' }).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine((value, ctx) => {
    const outcome = findOutcome(value.outcome);
    if (!outcome) return;
    if (outcome.reasons.length === 0 && value.reason !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `「${outcome.label}」无需选择理由` });
    } else if (outcome.reasons.length > 0 && value.reason === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `「${outcome.label}」须选择理由` });
    } else if (value.reason !== undefined && !outcome.reasons.some((r) => r.code === value.reason)) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: `该理由不属于「${outcome.label}」` });
    }
  })
  .openapi('DisclosureOutcome', {
    description:
      '依申请公开的办理结果（政府信息公开工作年度报告表三的行）：outcome 为办理结果，reason 为其下的具体情形',
  });

export type Disclosure = z.output<typeof disclosureSchema>;
