// Form posts, fuzzed: the mayor's mailbox (with a nonce its page issued, so validation is
// reached), the tracking page's rating and consent forms, sign-in, and every workbench form
// (lifecycle actions, the publication review, notices, the admin pages) with a valid session
// and CSRF token. No input gives a 5xx; a refusal is an HTML page and writes nothing.

import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { loginForm, type PageSession, signInPage } from '../../dashboard/workbench/page-session';
import { ticketActions } from '../../tickets/transitions';
import { BASE, createTicket, request } from '../helpers';
import { expectHtmlPage, refusedCleanly } from './answers';
import { encodeSegment, formBody, formFields, freshAddress, hostileText, runs } from './arbitraries';

/** A refusal is a page; a success is a page or a redirect to one. */
async function expectPageAnswer(res: Response) {
  if (res.status < 300 || res.status >= 400) await expectHtmlPage(res);
}

const form = 'application/x-www-form-urlencoded';

describe('the mayor’s mailbox', { timeout: 120_000 }, () => {
  const fields = ['nonce', 'title', 'content', 'type', 'location', 'name', 'phone', 'email', 'consent', 'website'];
  const valid: Record<string, string> = {
    title: '夜间施工噪音扰民',
    content: '小区旁工地每晚十一点后仍在施工，噪音很大，影响休息，请有关部门查处。',
    type: '投诉',
    location: '滨江区长河街道',
    name: '王女士',
    phone: '13800138000',
    email: '',
    consent: 'yes',
  };

  async function issuedNonce(ip: string): Promise<string> {
    const html = await (await request(`${BASE}/mailbox`, { headers: { 'cf-connecting-ip': ip } })).text();
    return /name="nonce" value="([^"]+)"/.exec(html)?.[1] ?? '';
  }

  it('near-valid letters answer below 500, refusals as the mailbox page writing nothing', async () => {
    const changes = fc.dictionary(fc.constantFrom(...fields), fc.option(hostileText), { maxKeys: 3 });
    await fc.assert(
      fc.asyncProperty(changes, async (changed) => {
        const ip = freshAddress();
        const body = new URLSearchParams();
        for (const [k, v] of Object.entries({ ...valid, nonce: await issuedNonce(ip), ...changed })) {
          if (v !== null) body.append(k, v);
        }
        const send = () =>
          request(`${BASE}/mailbox`, {
            method: 'POST',
            headers: { 'content-type': form, 'cf-connecting-ip': ip, origin: BASE },
            body,
          });
        await expectPageAnswer(await refusedCleanly(send));
      }),
      runs(60),
    );
  });

  it('any body under any content type answers below 500 with the mailbox page', async () => {
    const type = fc.constantFrom(form, 'multipart/form-data; boundary=fz', 'multipart/form-data', 'text/plain', '');
    await fc.assert(
      fc.asyncProperty(type, formBody(fields), async (contentType, body) => {
        const send = () =>
          request(`${BASE}/mailbox`, {
            method: 'POST',
            headers: { 'content-type': contentType, 'cf-connecting-ip': freshAddress(), origin: BASE },
            body,
          });
        await expectPageAnswer(await refusedCleanly(send));
      }),
      runs(60),
    );
  });
});

let ticket: { ticketNo: string; queryCode: string };
beforeAll(async () => {
  ticket = await createTicket();
});

describe('the tracking page’s forms', { timeout: 120_000 }, () => {
  it.each(['rating', 'consent'])(
    'POST /track/%s answers below 500 with a page, refusals writing nothing',
    async (f) => {
      const known = ['no', 'code', 'resolved', 'satisfaction', 'comment', 'consent'];
      const key = fc.constantFrom(
        { no: ticket.ticketNo, code: ticket.queryCode },
        { no: ticket.ticketNo, code: '000000' },
        { no: '', code: '' },
      );
      await fc.assert(
        fc.asyncProperty(key, formFields(known), async (k, pairs) => {
          const body = new URLSearchParams([['no', k.no], ['code', k.code], ...pairs]).toString();
          const send = () =>
            request(`${BASE}/track/${f}`, {
              method: 'POST',
              headers: { 'content-type': form, origin: BASE, 'cf-connecting-ip': freshAddress() },
              body,
            });
          await expectPageAnswer(await refusedCleanly(send));
        }),
        runs(40),
      );
    },
  );
});

describe('sign-in', { timeout: 120_000 }, () => {
  it('POST /login answers below 500 with a page or a redirect, refusals writing nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        formFields(['username', 'password', 'next', '_csrf']),
        fc.boolean(),
        async (pairs, withToken) => {
          const f = await loginForm();
          const body = new URLSearchParams([...(withToken ? [['_csrf', f.token]] : []), ...pairs]).toString();
          const send = () =>
            request(`${BASE}/login`, {
              method: 'POST',
              redirect: 'manual',
              headers: {
                'content-type': form,
                origin: BASE,
                cookie: `hub_login_nonce=${f.nonce}`,
                'cf-connecting-ip': f.ip,
              },
              body,
            });
          await expectPageAnswer(await refusedCleanly(send));
        },
      ),
      runs(40),
    );
  });
});

describe('the workbench’s forms', { timeout: 120_000 }, () => {
  let admin: PageSession;
  beforeAll(async () => {
    admin = await signInPage('admin');
  });

  const staffFields = [
    'reason',
    'departmentCode',
    'coDepartmentCodes',
    'type',
    'urgency',
    'category',
    'workingDays',
    'text',
    'request',
    'kind',
    'directAnswer',
    'intoTicketNo',
    'disclosure',
    'disclosure.reason',
    'disclosure.note',
    'decision',
    'add',
    'remove',
    'fitForPublication',
    'username',
    'displayName',
    'role',
    'department',
    'password',
    'active',
    'name',
    'title',
    'code',
    'parentCode',
    'date',
    'label',
    'enabled',
    'number',
    'amount',
    'unit',
    'maxExtensions',
    'maxExtensionWorkingDays',
  ];

  /** Every form the workbench posts to, with a real ticket and names that exist nowhere. */
  const paths = () => [
    ...[...ticketActions, 'no-such-action'].map((a) => `/workbench/tickets/${ticket.ticketNo}/actions/${a}`),
    `/workbench/tickets/${ticket.ticketNo}/publication`,
    '/workbench/tickets/A2099010100001/publication',
    '/workbench/notices/no-such-notice/read',
    '/workbench/admin/users',
    '/workbench/admin/users/no-such-user/role',
    '/workbench/admin/users/dispatcher/no-such-change',
    '/workbench/admin/dead-letters/no-such/resend',
    '/workbench/admin/canned-replies',
    '/workbench/admin/canned-replies/no-such',
    '/workbench/admin/canned-replies/no-such/active',
    '/workbench/admin/departments/no-such/rename',
    `/workbench/admin/sla-policies/${encodeURIComponent('咨询')}/normal`,
    '/workbench/admin/sla-policies/no-such/urgent',
    '/workbench/admin/calendar',
    '/workbench/admin/calendar/2099-13-40/remove',
    '/workbench/admin/routing-rules/no-such/enabled',
    '/workbench/admin/service-numbers',
    '/workbench/admin/service-numbers/no-such/remove',
  ];

  it('every form answers below 500 with a page or a redirect, refusals writing nothing', async () => {
    const csrf = (await admin.get('/workbench')).html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    for (const path of paths()) {
      await fc.assert(
        fc.asyncProperty(formFields(staffFields), async (pairs) => {
          // A name like `toString` or `__proto__` is a field like any other, not a property of the object.
          const fields: Record<string, string[]> = Object.create(null);
          for (const [k, v] of pairs) fields[k] = [...(fields[k] ?? []), v];
          const res = await refusedCleanly(() => admin.post(path, fields, csrf));
          await expectPageAnswer(res);
        }),
        runs(8),
      );
    }
  }, 240_000);

  it('hostile names in the forms’ paths answer below 500', async () => {
    const csrf = (await admin.get('/workbench')).html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    // ('', '..' and '%2e%2e' are left out: they make another path, which has no form behind it.)
    const segment = fc.oneof(
      hostileText.filter((s) => s !== '' && s !== '.' && s !== '..').map(encodeSegment),
      fc.constantFrom('%', '%zz', '%E4%B8', '%2F'),
    );
    const template = fc.constantFrom(
      (s: string) => `/workbench/tickets/${s}/actions/sign`,
      (s: string) => `/workbench/tickets/${s}/publication`,
      (s: string) => `/workbench/admin/users/${s}/role`,
      (s: string) => `/workbench/admin/calendar/${s}/remove`,
      (s: string) => `/workbench/admin/sla-policies/${s}/${s}`,
    );
    await fc.assert(
      fc.asyncProperty(template, segment, async (path, s) => {
        await expectPageAnswer(await refusedCleanly(() => admin.post(path(s), { reason: '理由' }, csrf)));
      }),
      runs(60),
    );
  });
});
