import { describe, expect, it } from 'vitest';
import { clusterHotspots } from './cluster-hotspots';
import { normaliseText } from './normalise-text';
import { computeSignature, findDuplicate, isDuplicate, signatureBands, similarity } from './similarity';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 10, 20, 8, 0, 0);

const original = '洞井街道九华山社区门口的路灯坏了一个多月了，晚上一片漆黑，老人小孩出行很不安全，请尽快修复。';
const resent = '九华山社区门口路灯坏了一个多月了，晚上一片漆黑，老人和小孩出行很不安全，请相关部门尽快修复！';
const unrelated = '公司拖欠我们农民工三个月工资，老板电话不接，请劳动监察大队帮忙讨薪。';

const sig = (text: string) => computeSignature(normaliseText(text));

describe('signatures', () => {
  it('are 64 hex minimum hashes and deterministic', () => {
    expect(sig(original)).toMatch(/^[0-9a-f]{512}$/);
    expect(sig(original)).toBe(sig(original));
  });

  it('rate a re-sent message as similar and an unrelated one as not', () => {
    expect(similarity(sig(original), sig(resent))).toBeGreaterThanOrEqual(0.5);
    expect(isDuplicate(sig(original), sig(resent))).toBe(true);
    expect(similarity(sig(original), sig(unrelated))).toBeLessThan(0.12);
    expect(isDuplicate(sig(original), sig(unrelated))).toBe(false);
  });

  it('ignore a changed phone number (digits are folded)', () => {
    expect(sig('路灯坏了，联系电话13812345678')).toBe(sig('路灯坏了，联系电话13987654321'));
  });

  it('give band keys that similar messages share and that an index can look up', () => {
    const a = signatureBands(sig(original));
    const b = signatureBands(sig(resent));
    // 64 MinHash values in bands of two: 32 keys.
    expect(a).toHaveLength(32);
    expect(a[0]).toMatch(/^00:[0-9a-f]{16}$/);
    expect(a[31]).toMatch(/^31:[0-9a-f]{16}$/);
    expect(a.some((key) => b.includes(key))).toBe(true);
    expect(a.some((key) => signatureBands(sig(unrelated)).includes(key))).toBe(false);
  });
});

describe('findDuplicate', () => {
  const base = { signature: sig(original), contactKey: 'phone:13812345678', open: true };

  it('merges the same resident’s similar message within 7 days into the open ticket', () => {
    const match = findDuplicate(
      { contactKey: 'phone:13812345678', signature: sig(resent) },
      [
        { ticketId: 'T-old', ...base, receivedAt: now - 2 * DAY },
        { ticketId: 'T-other', ...base, signature: sig(unrelated), receivedAt: now - DAY },
      ],
      now,
    );
    expect(match?.ticketId).toBe('T-old');
    expect(match!.similarity).toBeGreaterThanOrEqual(0.5);
  });

  it('does not merge another resident’s, a closed, an older than 7 days or a future ticket', () => {
    const message = { contactKey: 'phone:13812345678', signature: sig(resent) };
    expect(
      findDuplicate(
        message,
        [{ ticketId: 'T1', ...base, contactKey: 'phone:13900000000', receivedAt: now - DAY }],
        now,
      ),
    ).toBeNull();
    expect(findDuplicate(message, [{ ticketId: 'T2', ...base, open: false, receivedAt: now - DAY }], now)).toBeNull();
    expect(findDuplicate(message, [{ ticketId: 'T3', ...base, receivedAt: now - 7 * DAY - 1 }], now)).toBeNull();
    expect(findDuplicate(message, [{ ticketId: 'T4', ...base, receivedAt: now + 1000 }], now)).toBeNull();
    expect(findDuplicate(message, [{ ticketId: 'T5', ...base, receivedAt: now - 7 * DAY }], now)?.ticketId).toBe('T5');
  });

  it('never merges an anonymous message', () => {
    expect(
      findDuplicate(
        { contactKey: null, signature: sig(resent) },
        [{ ticketId: 'T1', ...base, contactKey: null, receivedAt: now - DAY }],
        now,
      ),
    ).toBeNull();
  });
});

describe('clusterHotspots', () => {
  const noise = [
    'A3区学士街道某工地夜间施工噪音扰民，凌晨两点还在打桩，居民无法入睡。',
    '学士街道那个工地每天晚上施工到凌晨，打桩噪音扰民，我们根本无法入睡。',
    '投诉学士街道工地夜间施工，凌晨还在打桩，噪音扰民严重，居民无法入睡。',
  ];

  it('groups many residents’ similar messages about one place', () => {
    const items = noise.map((text, i) => ({
      ticketId: `N${i}`,
      signature: sig(text),
      placeCode: 'A03-001',
      receivedAt: now - i * DAY,
      contactKey: `resident-${i}`,
    }));
    items.push({
      ticketId: 'X',
      signature: sig(unrelated),
      placeCode: 'A03-001',
      receivedAt: now,
      contactKey: 'resident-9',
    });
    const clusters = clusterHotspots(items);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({
      placeCode: 'A03-001',
      size: 3,
      residents: 3,
      firstAt: now - 2 * DAY,
      lastAt: now,
    });
    expect(clusters[0]!.ticketIds).toEqual(['N2', 'N1', 'N0']);
  });

  it('needs distinct residents and one place', () => {
    const sameResident = noise.map((text, i) => ({
      ticketId: `N${i}`,
      signature: sig(text),
      placeCode: 'A03-001',
      receivedAt: now,
      contactKey: 'resident-1',
    }));
    expect(clusterHotspots(sameResident)).toEqual([]);
    const spread = noise.map((text, i) => ({
      ticketId: `N${i}`,
      signature: sig(text),
      placeCode: `A0${i + 1}`,
      receivedAt: now,
      contactKey: `r${i}`,
    }));
    expect(clusterHotspots(spread)).toEqual([]);
    expect(
      clusterHotspots(
        spread.map((s) => ({ ...s, placeCode: 'A01' })),
        { minResidents: 3 },
      ),
    ).toHaveLength(1);
  });

  it('only counts tickets inside the time window', () => {
    const items = noise.map((text, i) => ({
      ticketId: `N${i}`,
      signature: sig(text),
      placeCode: 'A03-001',
      receivedAt: now - i * 10 * DAY,
      contactKey: `r${i}`,
    }));
    expect(clusterHotspots(items, { now, windowMs: 7 * DAY })).toEqual([]);
    expect(clusterHotspots(items, { now, windowMs: 30 * DAY })).toHaveLength(1);
  });
});
