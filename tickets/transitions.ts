// The ticket state machine (工单状态机), as data and one pure planning function. The lifecycle
// (tickets/lifecycle/) is the only caller that turns a plan into D1 writes; what each transition
// writes, and who may make it, is its handlers table (tickets/lifecycle/handlers.ts).
import type { PendingRequest } from '../db/schema';

export const ticketStatuses = [
  'received', // 已受理: in the 12345 centre, not yet with a department
  'dispatched', // 已派单: sent to the lead department, waiting to be signed for
  'signed', // 已签收: the department is working on it
  'awaiting_supplement', // 待补充: asked the resident, clock stopped
  'replied', // 已答复: the department answered, waiting for its reviewer
  'reviewed', // 已审核: the answer is approved, waiting for the callback and closing
  'closed', // 已办结
  'reopened', // 已重启: the resident was not satisfied, or a supervisor sent it back
  'merged', // 已合并: a duplicate folded into another ticket
] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketActions = [
  'dispatch',
  'sign',
  'return',
  'supplement',
  'extend',
  'contribute',
  'reply',
  'approve',
  'reject',
  'close',
  'reopen',
  'merge',
] as const;
export type TicketAction = (typeof ticketActions)[number];

export const statusLabels: Record<TicketStatus, string> = {
  received: '已受理',
  dispatched: '已派单',
  signed: '已签收',
  awaiting_supplement: '待补充材料',
  replied: '已答复',
  reviewed: '已审核',
  closed: '已办结',
  reopened: '已重启',
  merged: '已合并',
};

export const actionLabels: Record<TicketAction | 'create' | 'append' | 'rate' | 'consent' | 'escalate', string> = {
  create: '受理',
  append: '追加内容',
  rate: '群众评价',
  /** The resident's word on publishing the question and answer (tickets/lifecycle/record-consent.ts). */
  consent: '公开意愿',
  /** The cron's light change: yellow (预警) or red (督办). */
  escalate: '电子监察亮灯',
  dispatch: '派单',
  sign: '签收',
  return: '申请退回',
  supplement: '补充材料',
  extend: '申请延期',
  contribute: '协办答复',
  reply: '答复',
  approve: '批准',
  reject: '驳回',
  close: '办结',
  reopen: '重启',
  merge: '合并',
};

/** What the plan needs to know of a ticket. */
export interface TicketSnapshot {
  status: TicketStatus;
  pendingRequest: PendingRequest | null;
  supplementRequested: boolean;
  /** 重办: how many times the ticket was reopened (once at most). */
  reopenCount: number;
}

/**
 * What an action does to a ticket in a given state. `subject` tells which of the two meanings
 * of approve/reject, and of supplement, applies; the lifecycle uses it to pick the side effects.
 */
export type TransitionSubject =
  | 'dispatch'
  | 'redispatch'
  | 'sign'
  | 'request_return'
  | 'request_supplement'
  | 'receive_supplement'
  | 'request_extension'
  | 'contribute'
  | 'reply'
  | 'approve_reply'
  | 'reject_reply'
  | 'approve_extension'
  | 'reject_extension'
  | 'approve_return'
  | 'reject_return'
  | 'close'
  | 'reopen'
  | 'merge';

export interface Transition {
  to: TicketStatus;
  subject: TransitionSubject;
}

export class IllegalTransition extends Error {
  constructor(
    readonly status: TicketStatus,
    readonly action: TicketAction,
    readonly why: string,
  ) {
    super(why);
  }
}

/** What each transition is called on a ticket's timeline, where the action's own name is not enough. */
export const subjectLabels: Record<TransitionSubject, string> = {
  dispatch: '派单',
  redispatch: '改派',
  sign: '签收',
  request_return: '申请退回',
  request_supplement: '要求补充材料（一次性告知）',
  receive_supplement: '收到补充材料',
  request_extension: '申请延期',
  contribute: '协办答复',
  reply: '答复',
  approve_reply: '答复审核通过',
  reject_reply: '答复被驳回',
  approve_extension: '批准延期',
  reject_extension: '驳回延期申请',
  approve_return: '批准退回',
  reject_return: '驳回退回申请',
  close: '办结',
  reopen: '重启（重办）',
  merge: '合并',
};

const open: TicketStatus[] = ['received', 'dispatched', 'signed', 'awaiting_supplement', 'reopened'];

/** The lead department holds the ticket: co-departments add their parts (协办) meanwhile. */
const withLead: TicketStatus[] = ['dispatched', 'signed', 'awaiting_supplement'];

/** The next state for an action, or an IllegalTransition saying why not. */
export function planTransition(ticket: TicketSnapshot, action: TicketAction): Transition {
  const { status, pendingRequest } = ticket;
  const refuse = (why: string): never => {
    throw new IllegalTransition(status, action, why);
  };
  switch (action) {
    case 'dispatch':
      if (status === 'received' || status === 'reopened') return { to: 'dispatched', subject: 'dispatch' };
      if (status === 'dispatched') {
        if (pendingRequest) return refuse('该工单有待审批的退回申请，请先审批');
        return { to: 'dispatched', subject: 'redispatch' };
      }
      return refuse('只有待派单或已派单未签收的工单可以派单');
    case 'sign':
      if (status === 'dispatched') {
        if (pendingRequest) return refuse('该工单正在申请退回，不能签收');
        return { to: 'signed', subject: 'sign' };
      }
      return refuse('只有已派单的工单可以签收');
    case 'return':
      if (pendingRequest) return refuse('该工单已有待审批的申请');
      if (status === 'dispatched' || status === 'signed') return { to: status, subject: 'request_return' };
      return refuse('只有已派单或已签收的工单可以申请退回');
    case 'supplement':
      if (status === 'awaiting_supplement') return { to: 'signed', subject: 'receive_supplement' };
      if (status !== 'signed') return refuse('只有已签收的工单可以要求补充材料');
      // 一次性告知: a department asks the resident once for everything it needs.
      if (ticket.supplementRequested) return refuse('已要求过补充材料，应一次性告知');
      if (pendingRequest) return refuse('该工单已有待审批的申请');
      return { to: 'awaiting_supplement', subject: 'request_supplement' };
    case 'extend':
      if (pendingRequest) return refuse('该工单已有待审批的申请');
      if (status === 'signed' || status === 'awaiting_supplement') return { to: status, subject: 'request_extension' };
      return refuse('只有办理中的工单可以申请延期');
    case 'contribute':
      // A pending return or extension is the lead's business; the co-department's part still counts.
      if (withLead.includes(status)) return { to: status, subject: 'contribute' };
      return refuse('只有主办部门办理中的工单可以协办答复');
    case 'reply':
      if (status !== 'signed') return refuse('只有已签收的工单可以答复');
      if (pendingRequest?.kind === 'return') return refuse('该工单正在申请退回，不能答复');
      return { to: 'replied', subject: 'reply' };
    case 'approve':
      if (pendingRequest?.kind === 'extension') return { to: status, subject: 'approve_extension' };
      if (pendingRequest?.kind === 'return') return { to: 'received', subject: 'approve_return' };
      if (status === 'replied') return { to: 'reviewed', subject: 'approve_reply' };
      return refuse('没有待审批的答复或申请');
    case 'reject':
      if (pendingRequest?.kind === 'extension') return { to: status, subject: 'reject_extension' };
      if (pendingRequest?.kind === 'return') return { to: status, subject: 'reject_return' };
      if (status === 'replied') return { to: 'signed', subject: 'reject_reply' };
      return refuse('没有待审批的答复或申请');
    case 'close':
      // From received: answered on the call (直接办结) or not a matter for any department.
      if (status === 'reviewed' || status === 'received') return { to: 'closed', subject: 'close' };
      return refuse('只有已审核或待派单的工单可以办结');
    case 'reopen':
      if (status !== 'closed') return refuse('只有已办结的工单可以重启');
      // 重办 once: a second dissatisfied answer goes to supervision, not round again.
      if (ticket.reopenCount >= 1) return refuse('该工单已重办过一次，不能再次重启');
      return { to: 'reopened', subject: 'reopen' };
    case 'merge':
      if (open.includes(status)) return { to: 'merged', subject: 'merge' };
      return refuse('只有办理中的工单可以合并');
  }
}
