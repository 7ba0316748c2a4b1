// The rules a page's HTML loads: its <link rel="stylesheet"> files (dashboard/stylesheets.ts) as
// the hub serves them, one text, for tests that check a page's layout rules.
import { expect } from 'vitest';
import { BASE, request } from './helpers';

export async function linkedStyles(html: string): Promise<string> {
  const hrefs = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
  const sheets = await Promise.all(
    hrefs.map(async (href) => {
      const res = await request(`${BASE}${href}`);
      expect(res.status, href).toBe(200);
      return res.text();
    }),
  );
  return sheets.join('\n');
}
