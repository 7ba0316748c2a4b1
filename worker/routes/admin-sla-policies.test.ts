// Admins set the time limits; new deadlines follow the edit at once.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { adminCall } from '../../tests/admin-api';
import { loadWorkingTime } from '../../tickets/working-calendar';

describe('happy path', () => {
  it('lists the seeded policies, with 依申请公开 at 20 working days and one extension of 20', async () => {
    const { status, body } = await adminCall('GET', '/sla-policies', undefined, 'supervisor');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(14);
    expect(body.items).toContainEqual({
      type: '依申请公开',
      urgency: 'normal',
      unit: 'working_days',
      amount: 20,
      maxExtensionWorkingDays: 20,
      maxExtensions: 1,
    });
  });

  it('saves an edit and drops the cached working time, so the next deadline uses it', async () => {
    const db = openDb(env.DB);
    const before = await loadWorkingTime(db);
    expect(before.policies.find((p) => p.type === '投诉' && p.urgency === 'normal')?.amount).toBe(15);
    const policy = { unit: 'working_days', amount: 12, maxExtensionWorkingDays: 10, maxExtensions: 2 };
    const saved = await adminCall('PUT', `/sla-policies/${encodeURIComponent('投诉')}/normal`, policy);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ type: '投诉', urgency: 'normal', ...policy });
    const after = await loadWorkingTime(db);
    expect(after.policies.find((p) => p.type === '投诉' && p.urgency === 'normal')).toMatchObject(policy);
  });
});

describe('errors', () => {
  it('refuses an unknown type or urgency and out-of-range numbers', async () => {
    const ok = { unit: 'working_days', amount: 5, maxExtensionWorkingDays: 0, maxExtensions: 0 };
    expect((await adminCall('PUT', `/sla-policies/${encodeURIComponent('闲聊')}/normal`, ok)).status).toBe(422);
    expect((await adminCall('PUT', `/sla-policies/${encodeURIComponent('咨询')}/soon`, ok)).status).toBe(422);
    const zero = await adminCall('PUT', `/sla-policies/${encodeURIComponent('咨询')}/normal`, { ...ok, amount: 0 });
    expect(zero.status).toBe(422);
    expect(zero.body.error.details[0].path).toBe('amount');
    const frac = { ...ok, maxExtensionWorkingDays: 2.5, maxExtensions: 1 };
    expect((await adminCall('PUT', `/sla-policies/${encodeURIComponent('咨询')}/normal`, frac)).status).toBe(422);
  });
});

describe('security', () => {
  it('lets the centre read and only admins edit', async () => {
    const ok = { unit: 'hours', amount: 4, maxExtensionWorkingDays: 0, maxExtensions: 0 };
    expect(
      (await adminCall('PUT', `/sla-policies/${encodeURIComponent('咨询')}/urgent`, ok, 'dispatcher')).status,
    ).toBe(403);
    expect((await adminCall('GET', '/sla-policies', undefined, 'gaj.handler')).status).toBe(403);
  });
});
