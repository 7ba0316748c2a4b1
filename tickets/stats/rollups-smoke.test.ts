import { describe, expect, it } from 'vitest';
import { shanghaiTime as at } from '../../routing/calendar';
import { actOn, answered, dispatcher, intakeAt } from '../../tests/practice-steps';
import { rollupsKeptAndRecomputed } from '../../tests/stats-rollups';

describe('rollups smoke', () => {
  it('keeps the figures of a few tickets', async () => {
    const a = await intakeAt(at('2026-11-03', 10), { text: '路灯不亮，请尽快修复。' });
    await answered(a.ticketNo, '2026-11-04');
    const b = await intakeAt(at('2026-11-05', 23, 59), { text: '噪音扰民，夜间施工。' });
    await actOn(b.ticketNo)('dispatch', dispatcher, { departmentCode: 'cgj', type: '投诉' }, at('2026-11-06', 9));
    const { kept, recomputed } = await rollupsKeptAndRecomputed();
    console.log(JSON.stringify(kept.daily));
    expect(kept).toEqual(recomputed);
  });
});
