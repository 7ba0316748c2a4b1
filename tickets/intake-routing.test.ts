// Intake with the real routing model, rules and gazetteer seeded for the demo city: confident
// messages are dispatched at once with their explanation stored, utilities go by rule, danger is
// urgent and runs round the clock, and the follow-up merges one resident's repeat and finds hot
// spots among many residents.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { openDb } from '../db/client';
import { message, postMessage } from '../tests/helpers';
import { followUpTicket, pruneBandKeys } from './follow-up';

const db = openDb(env.DB);

async function intake(overrides: Record<string, unknown>) {
  const res = await postMessage(message(overrides));
  expect(res.status).toBe(201);
  const { ticketNo } = (await res.json()) as { ticketNo: string };
  return (await env.DB.prepare('SELECT * FROM tickets WHERE ticket_no = ?')
    .bind(ticketNo)
    .first<Record<string, any>>())!;
}

describe('dispatch on intake', () => {
  it('sends a clear social-insurance question to the human-resources bureau at once, explained', async () => {
    const t = await intake({
      title: '单位不缴社保',
      text: '我在一家公司工作了三年，单位一直没有给我缴纳养老保险和医疗保险，请问应该怎么维权？',
    });
    expect(t).toMatchObject({ status: 'dispatched', lead_department_code: 'rsj', category: '劳动和社会保障' });
    expect(t.deadline_at).toBeGreaterThan(t.dispatched_at);
    const routing = JSON.parse(t.routing);
    expect(routing.candidates).toHaveLength(3);
    expect(routing.candidates[0]).toMatchObject({ label: '劳动和社会保障', departmentCode: 'rsj' });
    expect(routing.candidates[0].score).toBeGreaterThanOrEqual(routing.candidates[1].score);
    const events = await env.DB.prepare('SELECT action, actor_role FROM ticket_events WHERE ticket_id = ? ORDER BY seq')
      .bind(t.id)
      .all();
    expect(events.results).toEqual([
      { action: 'create', actor_role: 'system' },
      { action: 'dispatch', actor_role: 'system' },
    ]);
  });

  it('routes traditional Chinese exactly as simplified', async () => {
    const simplified = await intake({
      title: '学校乱收费',
      text: '孩子所在的小学每学期都要求家长缴纳补课费，请教育部门查处学校乱收费的问题。',
    });
    const traditional = await intake({
      title: '學校亂收費',
      text: '孩子所在的小學每學期都要求家長繳納補課費，請教育部門查處學校亂收費的問題。',
    });
    expect(simplified.lead_department_code).toBe('jyj');
    expect(traditional.lead_department_code).toBe(simplified.lead_department_code);
    expect(traditional.category).toBe(simplified.category);
  });

  it('sends a place-bound housing problem to the street where it happens (属地管理)', async () => {
    const t = await intake({
      title: '开发商延期交房',
      text: 'A5区洞井街道某楼盘开发商延期交房一年多，交付的房屋墙体开裂漏水，请住建部门督促开发商整改。',
    });
    expect(t).toMatchObject({ category: '城乡建设', place_code: 'A05-001', lead_department_code: 'A05-001' });
  });

  it('lets an admin rule force a utility, and treats a gas leak as urgent round the clock', async () => {
    const water = await intake({
      title: '停水',
      text: '我们小区从昨天晚上开始停水，到现在还没有来水，也没有任何通知。',
    });
    expect(water.lead_department_code).toBe('water');
    expect(JSON.parse(water.routing).rulesFired).toContain('force:utility-water');

    const gas = await intake({
      title: '燃气泄漏',
      text: '楼道里闻到很浓的煤气味，怀疑天然气管道泄漏，请马上派人来处理！',
    });
    expect(gas.lead_department_code).toBe('gas');
    expect(gas.urgency).toBe('urgent');
    expect(gas.clock_kind).toBe('clock');
    expect(gas.deadline_at - gas.dispatched_at).toBe(4 * 3_600_000);
  });

  it('tells a resident in danger to call the emergency number first', async () => {
    const res = await postMessage(
      message({
        title: '着火了',
        text: 'A3区学士街道某小区3栋着火了，楼上还有人被困，烟很大！',
        sender: { phone: '13811112222' },
      }),
    );
    const body = (await res.json()) as { ticketNo: string; referral?: string };
    const ack = await env.DB.prepare(
      "SELECT o.body FROM outbox o JOIN tickets t ON t.id = o.ticket_id WHERE t.ticket_no = ? AND o.kind = 'ack'",
    )
      .bind(body.ticketNo)
      .first<{ body: string }>();
    expect(ack!.body.startsWith('如有人身危险，请立即拨打119火警！')).toBe(true);
    const t = await env.DB.prepare('SELECT urgency, life_danger FROM tickets WHERE ticket_no = ?')
      .bind(body.ticketNo)
      .first();
    expect(t).toEqual({ urgency: 'urgent', life_danger: 1 });
  });

  it('keeps the resident’s numbers out of the stored explanation', async () => {
    const t = await intake({
      text: '我的手机号是13912345678，身份证号11010519491231002X，我在社保局办理退休手续时被多次要求补材料。',
    });
    expect(t.routing).not.toContain('13912345678');
    expect(t.routing).not.toContain('11010519491231002X');
    expect(JSON.parse(t.routing).entityCounts.phones).toBe(1);
  });
});

describe('follow-up', () => {
  it('merges the same resident’s repeat within 7 days into the open ticket and tells them', async () => {
    const sender = { name: '周女士', phone: '13655556666' };
    const first = await intake({
      sender,
      title: '楼下餐馆油烟扰民',
      text: 'A3区学士街道某小区楼下新开的餐馆油烟直排，家里窗户都不敢开，请环保部门来查一查。',
    });
    const second = await intake({
      sender,
      title: '餐馆油烟扰民',
      text: 'A3区学士街道某小区楼下新开的餐馆油烟直排，家里都不敢开窗，请尽快来查处。',
    });
    const outcome = await followUpTicket({ db, env }, second.id);
    expect(outcome.mergedInto).toBe(first.ticket_no);
    const after = await env.DB.prepare('SELECT status, merged_into_id FROM tickets WHERE id = ?')
      .bind(second.id)
      .first();
    expect(after).toEqual({ status: 'merged', merged_into_id: first.id });
    const target = await env.DB.prepare('SELECT text FROM tickets WHERE id = ?')
      .bind(first.id)
      .first<{ text: string }>();
    expect(target!.text).toContain(`【合并工单 ${second.ticket_no}】`);
    const notice = await env.DB.prepare("SELECT body FROM outbox WHERE ticket_id = ? AND kind = 'notice'")
      .bind(second.id)
      .first<{ body: string }>();
    expect(notice!.body).toContain(first.ticket_no);
  });

  it('is queued by intake itself when a repeat arrives', async () => {
    const sender = { phone: '13655557777' };
    const first = await intake({
      sender,
      title: '公交车站牌损坏',
      text: 'A4区沙坪街道某公交站的站牌被撞坏了一个多月，一直没有人来修，雨天等车很不方便。',
    });
    const repeat = await intake({
      sender,
      title: '公交站牌坏了',
      text: 'A4区沙坪街道某公交站的站牌被撞坏一个多月了，一直没人修，雨天等车很不方便。',
    });
    let status = repeat.status;
    for (let i = 0; i < 50 && status !== 'merged'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await env.DB.prepare('SELECT status FROM tickets WHERE id = ?')
        .bind(repeat.id)
        .first<{ status: string }>())!.status;
    }
    expect(status).toBe('merged');
    expect(
      (await env.DB.prepare('SELECT merged_into_id FROM tickets WHERE id = ?').bind(repeat.id).first())!.merged_into_id,
    ).toBe(first.id);
  });

  it('does not merge different residents, or the same resident on another matter', async () => {
    const a = await intake({
      sender: { phone: '13700000001' },
      text: 'A2区暮云街道某工地夜间施工噪音很大，晚上十二点还在施工，影响休息。',
    });
    const b = await intake({
      sender: { phone: '13700000002' },
      text: 'A2区暮云街道某工地夜间施工噪音很大，晚上十二点还在施工，影响休息。',
    });
    expect((await followUpTicket({ db, env }, b.id)).mergedInto).toBeNull();
    const c = await intake({
      sender: { phone: '13700000001' },
      text: '我想咨询一下孩子上小学的入学登记需要准备哪些材料。',
    });
    expect((await followUpTicket({ db, env }, c.id)).mergedInto).toBeNull();
    expect(a.status).not.toBe('merged');
  });

  it('forms a hot spot when three residents report the same matter in one place', async () => {
    const text = (n: number) => `A6区月亮岛街道滨江路一带的路灯已经连续${n}天不亮了，晚上行人很不安全，请尽快修复。`;
    const tickets = [];
    const outcomes = [];
    // As the queue does: each ticket's follow-up runs right after its intake.
    for (const [i, phone] of ['13800000011', '13800000012', '13800000013'].entries()) {
      tickets.push(await intake({ sender: { phone }, title: '路灯不亮', text: text(i + 3) }));
      outcomes.push(await followUpTicket({ db, env }, tickets[i]!.id));
    }
    expect(new Set(tickets.map((t) => t.place_code))).toEqual(new Set(['A06-001']));
    expect(outcomes.slice(0, 2).map((o) => o.hotspotId)).toEqual([null, null]); // two residents are not yet a hot spot
    const outcome = outcomes[2]!;
    expect(outcome.hotspotId).not.toBeNull();
    const hotspot = await env.DB.prepare('SELECT place_code, size FROM hotspots WHERE id = ?')
      .bind(outcome.hotspotId)
      .first();
    expect(hotspot).toEqual({ place_code: 'A06-001', size: 3 });
    const members = await env.DB.prepare('SELECT ticket_id FROM hotspot_tickets WHERE hotspot_id = ?')
      .bind(outcome.hotspotId)
      .all<{ ticket_id: string }>();
    expect(members.results.map((m) => m.ticket_id).sort()).toEqual(tickets.map((t) => t.id).sort());
  });

  it('finds hot-spot candidates through band keys: other matters at the same place are not even read', async () => {
    // Three residents on a blocked drain, then three on other matters, all at 马坡岭街道 (A01-001).
    const drain = (n: number) => `A1区马坡岭街道太平街的下水道堵塞${n}天了，污水漫到路面上，臭味很大，请尽快疏通。`;
    const others = [
      'A1区马坡岭街道有一家培训机构收费后不退学费，家长多次协商无果，请教育部门处理。',
      'A1区马坡岭街道某公司拖欠员工三个月工资，工人讨薪无门，请劳动监察介入。',
      'A1区马坡岭街道附近的公交站台被拆除后一直没有恢复，市民候车很不方便。',
    ];
    const drains = [];
    for (const [i, phone] of ['13800000021', '13800000022', '13800000023'].entries())
      drains.push(await intake({ sender: { phone }, title: '下水道堵塞', text: drain(i + 2) }));
    const unrelated = [];
    for (const [i, text] of others.entries())
      unrelated.push(await intake({ sender: { phone: `1380000003${i}` }, text }));
    expect(new Set([...drains, ...unrelated].map((t) => t.place_code))).toEqual(new Set(['A01-001']));

    // Every placed ticket is filed under its 32 keys, each prefixed with the place.
    const keys = await env.DB.prepare('SELECT band FROM ticket_bands WHERE ticket_id = ?')
      .bind(drains[0]!.id)
      .all<{ band: string }>();
    expect(keys.results).toHaveLength(32);
    expect(keys.results.every((k) => k.band.startsWith('A01-001|'))).toBe(true);

    // The ticket's band keys reach the other drain reports and none of the other matters.
    const found = await env.DB.prepare(
      `SELECT DISTINCT ticket_id FROM ticket_bands WHERE band IN (SELECT band FROM ticket_bands WHERE ticket_id = ?)`,
    )
      .bind(drains[2]!.id)
      .all<{ ticket_id: string }>();
    expect(found.results.map((r) => r.ticket_id).sort()).toEqual(drains.map((t) => t.id).sort());
    const outcome = await followUpTicket({ db, env }, drains[2]!.id);
    const size = await env.DB.prepare('SELECT size FROM hotspots WHERE id = ?')
      .bind(outcome.hotspotId)
      .first<{ size: number }>();
    expect(size!.size).toBe(3);
  });

  it('files no band keys for a ticket without a place, and the cron prunes keys past the hot-spot window', async () => {
    const unplaced = await intake({
      sender: { phone: '13800000041' },
      text: '想咨询一下新生儿医保怎么办理，需要带哪些材料？',
    });
    expect(unplaced.place_code).toBeNull();
    expect(
      (await env.DB.prepare('SELECT count(*) AS n FROM ticket_bands WHERE ticket_id = ?')
        .bind(unplaced.id)
        .first<{ n: number }>())!.n,
    ).toBe(0);

    const before = (await env.DB.prepare('SELECT count(*) AS n FROM ticket_bands').first<{ n: number }>())!.n;
    expect(before).toBeGreaterThan(0);
    // Fifteen days on, every key filed so far is older than the 14-day window.
    await pruneBandKeys(db, Date.now() + 15 * 86_400_000);
    expect((await env.DB.prepare('SELECT count(*) AS n FROM ticket_bands').first<{ n: number }>())!.n).toBe(0);
  });
});
