// Steps the publication tests share: an answered ticket carrying planted personal data, and reads
// of what the publication tables hold.
import { env } from 'cloudflare:test';
import { shanghaiTime as at } from '../../routing/calendar';
import { actOn, db, dispatcher, handler, intakeAt, reviewer } from '../../tests/practice-steps';
import type { Actor } from '../lifecycle/actor';
import { searchQuery } from './search-tokens';

export { db };

export const PHONE = '13812345678';
export const DAY = '2026-11-16'; // a Monday
export const REPLY_TEXT = `经核查，该路段路灯线路老化，已于今日更换线路并恢复照明。如仍有问题请致电${PHONE}联系王建国。`;

let n = 0;

/** A ticket led by `department`, signed, answered and approved on DAY; consent unless told otherwise. */
export async function answeredTicket(
  opts: { consent?: boolean; type?: string; department?: string; approve?: boolean; co?: string[] } = {},
) {
  n++;
  const { ticketNo } = await intakeAt(at(DAY, 9), {
    sender: { name: '王建国', phone: PHONE },
    title: `马坡岭路灯不亮${n}`,
    text: `我是王建国，电话${PHONE}，A1区马坡岭街道马坡岭社区3栋门口的路灯坏了两个星期，请尽快维修。`,
    location: { address: 'A1区马坡岭街道马坡岭社区3栋' },
    consentToPublish: opts.consent ?? true,
  });
  const department = opts.department ?? 'cgj';
  const act = actOn(ticketNo);
  await act(
    'dispatch',
    dispatcher,
    { departmentCode: department, type: opts.type ?? '求助', coDepartmentCodes: opts.co ?? [] },
    at(DAY, 9, 10),
  );
  await act('sign', handler(department), {}, at(DAY, 9, 30));
  for (const co of opts.co ?? []) await act('contribute', handler(co), { text: `${co}已配合排查线路。` }, at(DAY, 11));
  // A disclosure request's reply records its outcome (tickets/disclosure-outcomes.ts).
  const disclosure = opts.type === '依申请公开' ? { disclosure: { outcome: 'disclosed' } } : {};
  await act('reply', handler(department), { text: REPLY_TEXT, ...disclosure }, at(DAY, 14));
  if (opts.approve !== false) await act('approve', reviewer(department), {}, at(DAY, 15));
  return ticketNo;
}

export const centreAdmin: Actor = { id: 'staff-admin', role: 'admin', departmentCode: 'centre' };
export const supervisor: Actor = { id: 'staff-supervisor', role: 'supervisor', departmentCode: 'centre' };

export const generation = async () =>
  (await env.DB.prepare('SELECT generation FROM public_cache WHERE id = 1').first<{ generation: number }>())!
    .generation;

export const publicationOf = (ticketNo: string) =>
  env.DB.prepare('SELECT * FROM publications WHERE ticket_no = ?').bind(ticketNo).first<Record<string, unknown>>();

export const historyOf = async (ticketNo: string) =>
  (
    await env.DB.prepare(
      `SELECT h.seq, h.action, h.actor_id AS actorId, h.reason, h.data FROM publication_history h
       JOIN publications p ON p.id = h.publication_id WHERE p.ticket_no = ? ORDER BY h.seq`,
    )
      .bind(ticketNo)
      .all<{ seq: number; action: string; actorId: string | null; reason: string | null; data: string | null }>()
  ).results;

/** The publication ids the full-text index finds for what a person typed. */
export const searchHits = async (typed: string) =>
  (
    await env.DB.prepare('SELECT rowid AS id FROM publication_search WHERE publication_search MATCH ?')
      .bind(searchQuery(typed))
      .all<{ id: number }>()
  ).results.map((r) => r.id);

export const searchRowCount = async (id: number) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM publication_search WHERE rowid = ?')
    .bind(id)
    .first<{ n: number }>())!.n;

export { actOn, at, dispatcher, handler, reviewer };
