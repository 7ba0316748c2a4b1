// Admins keep the city's official service numbers; redaction leaves them unmasked.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../db/client';
import { adminCall } from '../../tests/admin-api';
import { redactForPublication } from '../../tickets/redaction/redact';
import { loadServiceNumbers } from '../../tickets/redaction/service-numbers';

describe('happy path', () => {
  it('adds, relabels, lists and deletes a number, and the loader sees it', async () => {
    const added = await adminCall('PUT', '/service-numbers/0731-96777', { label: '燃气抢修' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ number: '0731-96777', label: '燃气抢修' });
    const changed = await adminCall('PUT', '/service-numbers/0731-96777', { label: '燃气抢修热线' });
    expect(changed.status).toBe(200);
    expect(changed.body.label).toBe('燃气抢修热线');

    const list = await adminCall('GET', '/service-numbers');
    expect(list.body.items.filter((r: { number: string }) => r.number === '0731-96777')).toEqual([
      { number: '0731-96777', label: '燃气抢修热线', updatedAt: expect.any(String) },
    ]);
    const loaded = await loadServiceNumbers(openDb(env.DB));
    expect(loaded).toContain('0731-96777');
    expect(loaded).toContain('12345');

    expect((await adminCall('DELETE', '/service-numbers/0731-96777')).status).toBe(204);
    expect((await adminCall('DELETE', '/service-numbers/0731-96777')).status).toBe(404);
    expect(await loadServiceNumbers(openDb(env.DB))).not.toContain('0731-96777');
  });
});

describe('redaction', () => {
  it('leaves the loaded numbers as they are and masks a number that is not listed', async () => {
    const serviceNumbers = await loadServiceNumbers(openDb(env.DB));
    const reply = '请拨打A市城建服务热线0731-12319或供水热线0731-96166，也可联系0731-12318。';
    const texts = { title: '', question: '', reply, address: '' };
    expect(redactForPublication(texts, { serviceNumbers }).texts.reply).toBe(
      '请拨打A市城建服务热线0731-12319或供水热线0731-96166，也可联系【号码已隐去】。',
    );
  });
});

describe('errors', () => {
  it.each(['12', '0731-HOT', `1${'2'.repeat(20)}`, '-12345', '12345-'])('refuses the number %s', async (number) => {
    const res = await adminCall('PUT', `/service-numbers/${encodeURIComponent(number)}`, { label: '热线' });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].path).toBe('number');
  });

  it('refuses an empty label', async () => {
    const res = await adminCall('PUT', '/service-numbers/12358', { label: ' ' });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].path).toBe('label');
  });
});

describe('security', () => {
  it('is for admins only', async () => {
    expect((await adminCall('GET', '/service-numbers', undefined, 'dispatcher')).status).toBe(403);
    expect((await adminCall('PUT', '/service-numbers/12358', { label: 'x' }, 'zjj.reviewer')).status).toBe(403);
  });
});
