// What the public sees of Open311's services and requests, in GeoReport v2's field names: a
// published request with the redacted texts stored at its publication and its place to about
// 100 m, any other with its status, service and dates only (DESIGN.md, Publication). Never a
// resident's contact.
import { isoShanghai } from '../../routing/calendar';
import { statusLabels, type TicketStatus } from '../../tickets/transitions';
import type { RequestRow } from './open311-store';
import { type Open311Service, open311ServiceByName } from './services';

export function serviceJson(s: Open311Service) {
  return {
    service_code: s.code,
    service_name: s.name,
    description: s.description,
    metadata: s.attributes.length > 0,
    type: s.type,
    keywords: s.keywords.join(','),
    group: s.group,
  };
}

export function definitionJson(s: Open311Service) {
  return {
    service_code: s.code,
    attributes: s.attributes.map((a) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatypeDescription ?? '',
      order: a.order,
      description: a.description,
      ...(a.values ? { values: a.values } : {}),
    })),
  };
}

function serviceOfTicket(t: RequestRow): Open311Service | undefined {
  if (t.serviceTitle) {
    const byTitle = open311ServiceByName.get(t.serviceTitle);
    if (byTitle) return byTitle;
  }
  return t.category ? open311ServiceByName.get(t.category) : undefined;
}

function statusOf(t: RequestRow): { status: 'open' | 'closed'; notes: string } {
  if (t.status === 'merged' && t.mergedIntoNo) {
    return {
      status: t.mergedIntoStatus === 'closed' ? 'closed' : 'open',
      notes: `已合并至工单 ${t.mergedIntoNo} 办理`,
    };
  }
  return { status: t.status === 'closed' ? 'closed' : 'open', notes: statusLabels[t.status as TicketStatus] ?? '' };
}

/** Three decimals of a degree: about 100 m, the block rather than the door. */
const roundPlace = (degrees: number) => Math.round(degrees * 1000) / 1000;

/**
 * A request as the public may see it. Published: the stored redacted texts (the question,
 * after the title unless the title is an Open311 service name; the reply as status_notes), the
 * stored address, the place rounded. Not published: its status, service and dates only
 * (DESIGN.md, Publication), so the client that sent it can follow it without anything the
 * resident wrote being shown.
 */
export function requestJson(t: RequestRow) {
  const service = serviceOfTicket(t);
  const { status, notes } = statusOf(t);
  const out: Record<string, unknown> = {
    service_request_id: t.ticketNo,
    status,
    status_notes: notes,
    service_name: service?.name ?? t.category ?? '',
    service_code: service?.code ?? '',
    description: '',
    agency_responsible: '',
    service_notice: '未公开：仅显示办理状态',
    requested_datetime: isoShanghai(t.receivedAt),
    updated_datetime: isoShanghai(t.updatedAt),
    address: '',
  };
  if (t.deadlineAt !== null) out.expected_datetime = isoShanghai(t.deadlineAt);
  if (!t.published) return out;
  const question = t.publicQuestion ?? '';
  out.description = t.publicTitle && t.channel !== 'open311' ? `${t.publicTitle}：${question}` : question;
  if (t.publicReply && t.status !== 'merged') out.status_notes = t.publicReply;
  out.agency_responsible = t.departmentName ?? '';
  out.service_notice = '';
  out.address = t.publicAddress ?? '';
  if (t.lat !== null && t.lng !== null) {
    out.lat = roundPlace(t.lat);
    out.long = roundPlace(t.lng);
  }
  return out;
}

export const requestsXml = (items: unknown[]) => ({ root: 'service_requests', body: { request: items } });
