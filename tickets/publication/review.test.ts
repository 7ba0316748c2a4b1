// Publication decisions end to end on D1: the gates, publish/decline/withdraw/re-publish with
// their history rows, the full-text row and the public generation, and two decisions at once.
import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../tests/practice-steps';
import { buildDraft } from './draft';
import { loadPublicationFacts } from './facts';
import { decidePublication, planDecision, runDecision } from './review';
import {
  actOn,
  answeredTicket,
  at,
  centreAdmin,
  DAY,
  db,
  generation,
  historyOf,
  PHONE,
  publicationOf,
  reviewer,
  searchHits,
  searchRowCount,
  supervisor,
} from './test-fixtures';

const cgjReviewer = reviewer('cgj');

describe('publishing a reply', () => {
  it('stores the redacted texts, the facts, a history row, the full-text row; bumps the generation', async () => {
    const ticketNo = await answeredTicket();
    const before = await generation();
    const state = await decidePublication(db, ticketNo, 'publish', cgjReviewer, {});
    expect(state).toMatchObject({ ticketNo, status: 'published', version: 1 });
    expect(await generation()).toBe(before + 1);

    const row = (await publicationOf(ticketNo))!;
    expect(row).toMatchObject({ status: 'published', source: 'live', department_code: 'cgj', type: '求助' });
    expect(row.reviewed_by).toBe('staff-cgj-reviewer');
    // 09:00 to 15:00 on a Monday: 180 + 90 working minutes of 420 in a day.
    expect(row.working_days).toBe(0.6);
    for (const column of ['title', 'question', 'reply', 'address', 'masks']) {
      expect(String(row[column] ?? '')).not.toContain(PHONE);
    }
    expect(row.reply).toContain('线路老化');

    const history = await historyOf(ticketNo);
    expect(history.map((h) => [h.seq, h.action, h.actorId])).toEqual([[1, 'publish', 'staff-cgj-reviewer']]);
    const published = JSON.parse(history[0]!.data!) as Record<string, string>;
    expect(published.reply).toBe(row.reply);
    expect(JSON.stringify(published)).not.toContain(PHONE);

    expect(await searchHits('线路老化')).toContain(row.id);
    expect(await searchHits(PHONE)).not.toContain(row.id);
  });

  it('takes the reviewer’s phrases out of every stored text', async () => {
    const ticketNo = await answeredTicket();
    await decidePublication(db, ticketNo, 'publish', cgjReviewer, { edits: { remove: [], add: ['马坡岭社区'] } });
    const row = (await publicationOf(ticketNo))!;
    for (const column of ['question', 'address']) expect(String(row[column])).not.toContain('马坡岭社区');
    expect(JSON.parse(String(row.edits))).toEqual({ remove: [], add: ['马坡岭社区'] });
    expect(await searchHits('马坡岭社区')).not.toContain(row.id);
  });
});

describe('the gates', () => {
  it('refuses a ticket without the resident’s consent', async () => {
    const ticketNo = await answeredTicket({ consent: false });
    const err = await decidePublication(db, ticketNo, 'publish', cgjReviewer, {}).catch((e) => e);
    expect(err).toMatchObject({ code: 'not_publishable', status: 409, details: [{ path: 'consent' }] });
    expect(err.message).toContain('未同意公开');
    expect(await publicationOf(ticketNo)).toBeNull();
  });

  it('refuses an answer its reviewer has not approved', async () => {
    const ticketNo = await answeredTicket({ approve: false });
    const err = await decidePublication(db, ticketNo, 'publish', cgjReviewer, {}).catch((e) => e);
    expect(err).toMatchObject({ code: 'not_publishable', details: [{ path: 'answer' }] });
    expect(await publicationOf(ticketNo)).toBeNull();
  });

  for (const type of ['举报', '依申请公开']) {
    it(`publishes a ${type} only with the reviewer’s mark`, async () => {
      const ticketNo = await answeredTicket({ type });
      const err = await decidePublication(db, ticketNo, 'publish', cgjReviewer, {}).catch((e) => e);
      expect(err).toMatchObject({ code: 'not_publishable', details: [{ path: 'fitForPublication' }] });
      const marked = await decidePublication(db, ticketNo, 'publish', cgjReviewer, { fitForPublication: true });
      expect(marked.status).toBe('published');
      expect((await publicationOf(ticketNo))!.fit_for_publication).toBe(1);
    });
  }
});

describe('declining, withdrawing and publishing again', () => {
  it('declines with a reason and keeps the reply out of the index', async () => {
    const ticketNo = await answeredTicket();
    expect(await rejectionOf(decidePublication(db, ticketNo, 'decline', cgjReviewer, {}))).toBe('validation_failed');
    const before = await generation();
    await decidePublication(db, ticketNo, 'decline', cgjReviewer, { reason: '涉及个人隐私' });
    const row = (await publicationOf(ticketNo))!;
    expect(row).toMatchObject({ status: 'declined', reason: '涉及个人隐私' });
    expect(await searchRowCount(Number(row.id))).toBe(0);
    expect(await generation()).toBe(before + 1);
    expect(await rejectionOf(decidePublication(db, ticketNo, 'decline', cgjReviewer, { reason: '再次' }))).toBe(
      'illegal_transition',
    );
    expect((await historyOf(ticketNo)).map((h) => [h.action, h.reason])).toEqual([['decline', '涉及个人隐私']]);
  });

  it('withdraws a published reply and publishes it again, one index row at a time', async () => {
    const ticketNo = await answeredTicket();
    expect(await rejectionOf(decidePublication(db, ticketNo, 'withdraw', cgjReviewer, { reason: '未公开' }))).toBe(
      'illegal_transition',
    );
    await decidePublication(db, ticketNo, 'publish', cgjReviewer, {});
    const id = Number((await publicationOf(ticketNo))!.id);
    expect(await rejectionOf(decidePublication(db, ticketNo, 'withdraw', cgjReviewer, {}))).toBe('validation_failed');
    expect(await rejectionOf(decidePublication(db, ticketNo, 'decline', cgjReviewer, { reason: 'x' }))).toBe(
      'illegal_transition',
    );

    const before = await generation();
    await decidePublication(db, ticketNo, 'withdraw', supervisor, { reason: '群众要求撤回' });
    expect((await publicationOf(ticketNo))!).toMatchObject({ status: 'withdrawn', reason: '群众要求撤回' });
    expect(await searchRowCount(id)).toBe(0);
    expect(await generation()).toBe(before + 1);

    await decidePublication(db, ticketNo, 'publish', cgjReviewer, {});
    expect((await publicationOf(ticketNo))!).toMatchObject({ status: 'published', version: 3 });
    expect(await searchRowCount(id)).toBe(1);
    expect(await generation()).toBe(before + 2);
    expect((await historyOf(ticketNo)).map((h) => [h.seq, h.action, h.actorId, h.reason])).toEqual([
      [1, 'publish', 'staff-cgj-reviewer', null],
      [2, 'withdraw', 'staff-supervisor', '群众要求撤回'],
      [3, 'publish', 'staff-cgj-reviewer', null],
    ]);
  });
});

describe('two decisions at once', () => {
  const plannedTwice = async (ticketNo: string, action: 'publish' | 'withdraw', input: unknown) => {
    const drafts = await Promise.all(
      [0, 1].map(async () => buildDraft(db, (await loadPublicationFacts(db, ticketNo, cgjReviewer))!)),
    );
    return drafts.map((d) => ({ draft: d, planned: planDecision(d, action, cgjReviewer, input, { now: Date.now() }) }));
  };

  it('lets the first publication of a ticket win and refuses the second with 409', async () => {
    const ticketNo = await answeredTicket();
    const [a, b] = await plannedTwice(ticketNo, 'publish', {});
    await runDecision(db, a!.draft, a!.planned);
    expect(await rejectionOf(runDecision(db, b!.draft, b!.planned))).toBe('concurrent_change');
    expect(await historyOf(ticketNo)).toHaveLength(1);
  });

  it('lets one of two withdrawals land, and the other changes nothing', async () => {
    const ticketNo = await answeredTicket();
    await decidePublication(db, ticketNo, 'publish', cgjReviewer, {});
    const [a, b] = await plannedTwice(ticketNo, 'withdraw', { reason: '撤回' });
    const before = await generation();
    await runDecision(db, a!.draft, a!.planned);
    expect(await rejectionOf(runDecision(db, b!.draft, b!.planned))).toBe('concurrent_change');
    expect((await historyOf(ticketNo)).map((h) => h.action)).toEqual(['publish', 'withdraw']);
    expect(await generation()).toBe(before + 1);
  });
});

describe('who decides', () => {
  it('keeps another department’s ticket unknown, and refuses roles that do not review', async () => {
    const ticketNo = await answeredTicket();
    expect(await rejectionOf(decidePublication(db, ticketNo, 'publish', reviewer('gaj'), {}))).toBe('ticket_not_found');
    const cgjHandler = { id: 'staff-cgj-handler', role: 'handler' as const, departmentCode: 'cgj' };
    expect(await rejectionOf(decidePublication(db, ticketNo, 'publish', cgjHandler, {}))).toBe('forbidden');
    const dispatcherActor = { id: 'staff-dispatcher', role: 'dispatcher' as const, departmentCode: 'centre' };
    expect(await rejectionOf(decidePublication(db, ticketNo, 'publish', dispatcherActor, {}))).toBe('forbidden');
    expect(await publicationOf(ticketNo)).toBeNull();
  });

  it('lets a co-handling department’s reviewer see the ticket but not decide on it', async () => {
    const ticketNo = await answeredTicket({ co: ['zjj'] });
    expect(await rejectionOf(decidePublication(db, ticketNo, 'publish', reviewer('zjj'), {}))).toBe('forbidden');
    await decidePublication(db, ticketNo, 'publish', cgjReviewer, {});
    // The co-department's part goes out with the answer, as the resident got it.
    expect(String((await publicationOf(ticketNo))!.reply)).toContain(
      '协办单位意见：\n【市住房和城乡建设局】zjj已配合排查线路。',
    );
  });

  it('lets the reviewer of the department above the lead decide', async () => {
    const ticketNo = await answeredTicket({ department: 'A01-001' });
    const state = await decidePublication(db, ticketNo, 'publish', reviewer('A01'), {});
    expect(state.status).toBe('published');
    expect((await publicationOf(ticketNo))!.district_code).toBe('A01');
  });

  it('holds answers to four eyes: an admin who wrote the answer may not publish it, a supervisor may', async () => {
    const ticketNo = await answeredTicket({ approve: false });
    // The admin stands in for the department: the handler's answer is rejected and the admin writes one.
    const act = actOn(ticketNo);
    await act('reject', reviewer('cgj'), { reason: '请补充' }, at(DAY, 15, 30));
    await act('reply', centreAdmin, { text: '经现场核查，路灯线路已更换，照明已恢复。' }, at(DAY, 16));
    await act('approve', reviewer('cgj'), {}, at(DAY, 16, 30));
    expect(await rejectionOf(decidePublication(db, ticketNo, 'publish', centreAdmin, {}))).toBe('forbidden');
    expect((await decidePublication(db, ticketNo, 'publish', supervisor, {})).status).toBe('published');
  });
});
