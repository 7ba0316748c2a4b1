// A ticket taken the whole way to the public pages through the API, as staff would: dispatched
// (with a co-department when asked), signed, answered, approved and published by the lead
// department's reviewer. For tests of what publication shows and takes down.
import { expect } from 'vitest';
import { act, BASE, createTicket, login, request } from './helpers';

async function ok(res: Promise<Response>) {
  const r = await res;
  expect(r.status, await r.clone().text()).toBeLessThan(300);
  return r;
}

export interface PublishSteps {
  department?: string;
  coDepartment?: { code: string; text: string };
  reply?: string;
}

export async function publishedTicket(intake: Record<string, unknown> = {}, steps: PublishSteps = {}) {
  const t = await createTicket({ consentToPublish: true, ...intake });
  const dept = steps.department ?? 'zjj';
  const co = steps.coDepartment;
  await ok(act(t.ticketNo, 'dispatch', 'dispatcher', { departmentCode: dept, coDepartmentCodes: co ? [co.code] : [] }));
  await ok(act(t.ticketNo, 'sign', `${dept}.handler`));
  if (co) await ok(act(t.ticketNo, 'contribute', `${co.code}.handler`, { text: co.text }));
  await ok(act(t.ticketNo, 'reply', `${dept}.handler`, { text: steps.reply ?? '经核查，已于11月5日疏通管道。' }));
  await ok(act(t.ticketNo, 'approve', `${dept}.reviewer`));
  await ok(
    request(`${BASE}/api/v1/tickets/${t.ticketNo}/publication/publish`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await login(`${dept}.reviewer`)}` },
      body: '{}',
    }),
  );
  return t;
}
