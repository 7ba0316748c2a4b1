// The gates a reply passes before the public may read it (DESIGN.md, Publication): the resident
// consented, the department's answer was approved, and the ticket's type allows it. A 依申请公开
// is published only when the reviewer marks it not about the applicant's own records (their own
// file is nobody else's business), a 举报 only when the reviewer marks it fit (a report may name
// the person reported). A direct answer on the call (直接办结) is not published: no department
// answered it and no reviewer approved it, and the public pages show departments' answers.
import { HubError } from '../hub-error';

export type GateName = 'consent' | 'answer' | 'type';

export interface GateResult {
  gate: GateName;
  ok: boolean;
  /** What the gate asks, or what is missing, in Chinese for the reviewer. */
  message: string;
}

export interface GateFacts {
  consentToPublish: boolean;
  status: string;
  type: string;
  /** The latest approved reply's id, if the department's answer was approved. */
  approvedReplyId: string | null;
  /** The reviewer's mark, for the types that need one. */
  fitForPublication: boolean;
}

/** The types that need the reviewer's mark, and what the mark says. */
export const markedTypes: Readonly<Record<string, string>> = {
  依申请公开: '申请公开的信息不涉及申请人本人的个人信息或档案',
  举报: '举报内容适宜公开（不致泄露举报人或损害被举报人合法权益）',
};

export const needsMark = (type: string) => type in markedTypes;

function answerGate(f: GateFacts): GateResult {
  if (f.status === 'merged') return { gate: 'answer', ok: false, message: '工单已合并到其他工单，请公开主工单' };
  if ((f.status === 'reviewed' || f.status === 'closed') && f.approvedReplyId) {
    return { gate: 'answer', ok: true, message: '承办单位的答复已审核通过' };
  }
  if (f.status === 'closed')
    return { gate: 'answer', ok: false, message: '工单未经承办单位答复即办结（直接答复或无效工单），不予公开' };
  return { gate: 'answer', ok: false, message: '承办单位的答复尚未审核通过' };
}

function typeGate(f: GateFacts): GateResult {
  const mark = markedTypes[f.type];
  if (!mark) return { gate: 'type', ok: true, message: `${f.type}类工单可以公开` };
  return f.fitForPublication
    ? { gate: 'type', ok: true, message: `审核人已确认：${mark}` }
    : { gate: 'type', ok: false, message: `${f.type}类工单须由审核人确认：${mark}` };
}

export function publicationGates(f: GateFacts): GateResult[] {
  return [
    f.consentToPublish
      ? { gate: 'consent', ok: true, message: '群众同意公开' }
      : { gate: 'consent', ok: false, message: '群众未同意公开其诉求和答复' },
    answerGate(f),
    typeGate(f),
  ];
}

/** Where a refusal points: the type gate is the reviewer's mark, the form's field. */
const gatePaths: Record<GateName, string> = { consent: 'consent', answer: 'answer', type: 'fitForPublication' };

/** Throws the first gate that is not met, as a 409 that says which. */
export function assertPublishable(f: GateFacts): void {
  const closed = publicationGates(f).find((g) => !g.ok);
  if (!closed) return;
  throw new HubError('not_publishable', `不能公开：${closed.message}`, [
    { path: gatePaths[closed.gate], message: closed.message },
  ]);
}
