// History brought online: imported replies with consent are published through the same draft and
// redaction as a reviewer's, as reviewed by the import; --hold-for-review and the types that need a
// reviewer's mark leave them in the queue; a re-import changes nothing; and publishing costs the
// import one batch a record.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { observeD1, request } from '../../tests/helpers';
import { reviewer } from '../../tests/practice-steps';
import { listPublicationQueue } from '../../tickets/publication/queue';
import { db, generation, historyOf, PHONE, publicationOf, searchHits } from '../../tickets/publication/test-fixtures';

let n = 0;
function record(overrides: Record<string, unknown> = {}) {
  n++;
  return {
    externalId: `PUB-H-${n}-${Math.random().toString(36).slice(2)}`,
    channel: 'mailbox',
    receivedAt: '2025-03-03T09:15:00+08:00',
    type: '求助',
    title: '东湖小区暖气不热',
    text: `我是刘芳，电话${PHONE}，东湖小区这个冬天暖气一直不热，室内只有十四度。`,
    contact: { name: '刘芳', phone: PHONE },
    consentToPublish: true,
    department: 'zjj',
    replies: [
      {
        department: 'zjj',
        at: '2025-03-06T16:00:00+08:00',
        text: '经核查，东湖小区供暖管网存在堵塞，已完成清洗，室温已恢复。',
      },
    ],
    rating: { resolved: true, satisfaction: 'satisfied', at: '2025-03-08T10:00:00+08:00' },
    ...overrides,
  };
}

async function post(records: unknown[], query = '', bindings: Partial<Env> = {}) {
  const res = await request(
    `http://hub.test/api/v1/import${query}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer dev-integration-token' },
      body: JSON.stringify(records),
    },
    bindings,
  );
  return { status: res.status, body: (await res.json()) as { results: Array<Record<string, any>> } };
}

const queuedFor = async (department: string) =>
  (await listPublicationQueue(db, reviewer(department), 1, 1000)).items.map((i) => i.ticketNo);

describe('publishing imported history', () => {
  it('publishes a consented, answered record as reviewed by the import, redacted, and searchable at once', async () => {
    const before = await generation();
    const { status, body } = await post([record()]);
    expect(status).toBe(200);
    const [r] = body.results;
    expect(r).toMatchObject({ ok: true, publication: 'published' });
    const row = (await publicationOf(r!.ticketNo))!;
    expect(row).toMatchObject({ status: 'published', source: 'import', reviewed_by: null, satisfaction: 'satisfied' });
    for (const column of ['title', 'question', 'reply']) expect(String(row[column])).not.toContain(PHONE);
    // 3 March 2025 09:15 to 6 March 16:00 (Mon–Thu): 405 + 420 + 420 + 330 = 1575 working minutes.
    expect(row.working_days).toBe(3.8);
    expect(await historyOf(r!.ticketNo)).toEqual([
      { seq: 1, action: 'publish', actorId: null, reason: '历史数据导入', data: expect.any(String) },
    ]);
    expect(await searchHits('供暖管网')).toContain(row.id);
    expect(await generation()).toBe(before + 1);
  });

  it('changes nothing when the same records are imported again', async () => {
    const records = [record(), record({ type: '举报' })];
    const first = await post(records);
    expect(first.body.results.map((r) => r.publication)).toEqual(['published', 'awaiting_review']);
    const before = await generation();
    const again = await post(records);
    expect(again.body.results.map((r) => [r.duplicate, r.publication])).toEqual([
      [true, undefined],
      [true, 'awaiting_review'],
    ]);
    expect(await historyOf(first.body.results[0]!.ticketNo)).toHaveLength(1);
    expect(await publicationOf(first.body.results[1]!.ticketNo)).toBeNull();
    expect(await generation()).toBe(before);
  });

  it('leaves 举报 and 依申请公开 for a reviewer, and every record with --hold-for-review', async () => {
    const marked = await post([record({ type: '举报' }), record({ type: '依申请公开' })]);
    const held = await post([record()], '?holdForReview=true');
    const waiting = [...marked.body.results, ...held.body.results];
    expect(waiting.map((r) => r.publication)).toEqual(['awaiting_review', 'awaiting_review', 'awaiting_review']);
    const queue = await queuedFor('zjj');
    for (const r of waiting) {
      expect(await publicationOf(r.ticketNo)).toBeNull();
      expect(queue).toContain(r.ticketNo);
    }
  });

  it('publishes nothing without consent or without a reply', async () => {
    const { body } = await post([record({ consentToPublish: false }), record({ replies: [], rating: undefined })]);
    for (const r of body.results) {
      expect(r.publication).toBeUndefined();
      expect(await publicationOf(r.ticketNo)).toBeNull();
    }
    expect((await post([record()], '?holdForReview=maybe')).status).toBe(422);
  });

  it('costs the import one D1 batch a record more than holding it for review', async () => {
    const four = () => [record(), record(), record(), record()];
    const held = observeD1(env.DB);
    await post(four(), '?holdForReview=true', { DB: held.db });
    const published = observeD1(env.DB);
    const { body } = await post(four(), '', { DB: published.db });
    expect(body.results.map((r) => r.publication)).toEqual(Array(4).fill('published'));
    // One batch each; the lifecycle's working calendar, read again once for the request, at most twice.
    expect(published.calls() - held.calls()).toBeLessThanOrEqual(4 + 2);
  });
});
