// The public pages benchmark's published replies (scripts/bench/public.mjs): reply i is a real
// resident's message (the benchmark sends the texts, from ../shared/data/messages-train.jsonl)
// answered by the department its label stands for, replied within the year before `endMs`, so a
// search term hits as often as it would in a centre's archive. Everything but the message is
// derived from i alone, so a batch can be retried and two runs seed the same archive. The texts
// are indexed as the hub indexes them (tickets/publication/search-tokens.ts).
import { demoCategoryDepartments, demoDepartments } from '../../routing/demo-data';
import { searchTokens } from '../../tickets/publication/search-tokens';

const DAY = 86_400_000;
/** Above any id a live publication of the benchmark's hub could take. */
export const PUBLICATION_ID_BASE = 1_000_000_000;

export interface SourceMessage {
  title: string | null;
  text: string;
  label: string;
}

export const publicationColumns = [
  'id',
  'ticket_id',
  'ticket_no',
  'status',
  'type',
  'category',
  'department_code',
  'district_code',
  'title',
  'question',
  'reply',
  'received_at',
  'replied_at',
  'working_days',
  'satisfaction',
  'resolved',
  'reviewed_at',
  'published_at',
  'created_at',
  'updated_at',
  'version',
] as const;

export const searchColumns = ['rowid', 'title', 'question', 'reply'] as const;

const departmentName = new Map(demoDepartments.map((d) => [d.code, d.name]));
const districts = demoDepartments.filter((d) => d.kind === 'district').map((d) => d.code);
const types = ['咨询', '投诉', '求助', '建议', '咨询', '投诉'];
const satisfactions = ['satisfied', 'satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', null];
const findings = [
  '经现场核查，情况基本属实，已责成相关单位限期整改，并将持续跟踪整改进度。',
  '经核实，该事项已纳入今年的工作计划，预计在年底前完成，届时将及时公告。',
  '经调查，相关单位的做法符合现行政策规定，我们已向您电话说明具体依据。',
  '我们已会同属地街道和社区开展联合检查，问题已于近日处理完毕。',
];

/** A deterministic share of i in [0, 1): Knuth's multiplicative hash, salted. */
const share = (i: number, salt: number) => (((i + 1) * 2654435761 + salt * 40503) >>> 0) / 4294967296;

/** Publication i: its row in `publicationColumns` order and its full-text row. */
export function syntheticPublication(i: number, message: SourceMessage, endMs: number) {
  const id = PUBLICATION_ID_BASE + i;
  const text = message.text.replaceAll('_x000D_', '').slice(0, 600);
  const title = message.title ?? Array.from(text).slice(0, 24).join('');
  const departmentCode = demoCategoryDepartments[message.label] ?? null;
  const department = (departmentCode && departmentName.get(departmentCode)) ?? '承办单位';
  const workingDays = Math.round((1 + share(i, 1) * 14) * 10) / 10;
  const repliedAt = endMs - Math.floor(share(i, 2) * 365 * DAY);
  const receivedAt = repliedAt - Math.ceil(workingDays * 1.4 * DAY);
  const satisfaction = satisfactions[Math.floor(share(i, 3) * satisfactions.length)]!;
  const reply = `您好！您反映的“${title}”问题已收悉。${department}高度重视，${
    findings[Math.floor(share(i, 4) * findings.length)]
  }如有疑问，请拨打12345热线咨询。感谢您对我们工作的理解和支持！`;
  const row = [
    id,
    `bench-pub-${i}`,
    `P${String(i + 1).padStart(9, '0')}`,
    'published',
    types[Math.floor(share(i, 5) * types.length)]!,
    message.label,
    departmentCode,
    districts[Math.floor(share(i, 6) * districts.length)]!,
    title,
    text,
    reply,
    receivedAt,
    repliedAt,
    workingDays,
    satisfaction,
    satisfaction === null ? null : satisfaction === 'dissatisfied' ? 0 : 1,
    repliedAt + DAY,
    repliedAt + DAY,
    receivedAt,
    repliedAt + DAY,
    1,
  ];
  return { row, search: [id, searchTokens(title), searchTokens(text), searchTokens(reply)] };
}
