// GET/POST /mailbox: the mayor's mailbox form. Each rendered form carries a nonce the hub issued
// (./form-nonce.ts) whose random part becomes the message's externalId, so a double submit (or a
// reload of the POST) is one ticket; the second answer names the ticket but not its query code,
// so a nonce seen once opens no one's receipt. Order on POST: size, a form at all (415/400
// otherwise), honeypot, the nonce (400 unless ours and fresh), validation (errors shown beside
// the fields, input kept), the per-address limit, and only then intake.
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { HubError } from '../../tickets/hub-error';
import { ticketTypes } from '../../tickets/inbound-message';
import { intakeMessage } from '../../tickets/intake';
import { trackingLink } from '../../tickets/outbox';
import { clientAddress, type RateLimit } from '../../tickets/rate-limit';
import { issueFormNonce, readFormNonce } from './form-nonce';
import {
  emptyMailboxForm,
  type MailboxFieldErrors,
  MailboxForm,
  type MailboxFormValues,
  MailboxQuietReceipt,
  MailboxReceipt,
  MailboxRefusal,
  MailboxRepeatReceipt,
  mailboxLimits,
} from './mailbox-views';

export const mailboxFormMaxBytes = 64 * 1024;

export const mailboxRoutes = new Hono<{ Bindings: Env }>();

// Every page here is one resident's: a form with its own nonce (a shared cache would hand one
// nonce to many, and their letters would be taken for one), or a letter with its query code.
mailboxRoutes.use('*', async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
});

const mobile = /^1[3-9]\d{9}$/;
const landline = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

const formSchema = z
  .object({
    // Left at 由我们判断 (''), the type is routing's to decide: residents need not know the categories.
    type: z.union([z.literal(''), z.enum(ticketTypes)], { error: '请从列表中选择来信类型，不确定时选“由我们判断”' }),
    title: z
      .string()
      .trim()
      .min(1, { error: '请填写标题' })
      .max(mailboxLimits.title, { error: `标题不能超过 ${mailboxLimits.title} 个字` }),
    content: z
      .string()
      .trim()
      .min(1, { error: '请填写来信内容' })
      .min(mailboxLimits.contentMin, { error: `内容太短，请至少写 ${mailboxLimits.contentMin} 个字，说明具体问题` })
      .max(mailboxLimits.content, { error: `内容不能超过 ${mailboxLimits.content} 个字` }),
    location: z
      .string()
      .trim()
      .max(mailboxLimits.location, { error: `地点不能超过 ${mailboxLimits.location} 个字` }),
    name: z
      .string()
      .trim()
      .max(mailboxLimits.name, { error: `姓名不能超过 ${mailboxLimits.name} 个字` }),
    phone: z
      .string()
      .trim()
      .max(mailboxLimits.phone, { error: `电话号码不能超过 ${mailboxLimits.phone} 位` })
      .transform((s) => s.replace(/[\s]/g, ''))
      .refine((s) => s === '' || mobile.test(s) || landline.test(s), {
        error: '请填写正确的手机号码（11 位）或带区号的固定电话',
      }),
    email: z
      .string()
      .trim()
      .max(mailboxLimits.email, { error: '电子邮箱太长' })
      .refine((s) => s === '' || z.email().safeParse(s).success, {
        error: '请填写正确的电子邮箱，如 name@example.com',
      }),
    consent: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.phone === '' && v.email === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['phone'],
        message: '请至少填写手机号码或电子邮箱中的一项，以便告知您办理结果',
      });
    }
  });

function formValues(form: URLSearchParams): MailboxFormValues {
  const get = (k: string) => (form.get(k) ?? '').slice(0, 10_000);
  return {
    title: get('title'),
    content: get('content').replace(/\r\n/g, '\n'),
    type: get('type'),
    location: get('location'),
    name: get('name'),
    phone: get('phone'),
    email: get('email'),
    consent: form.get('consent') === 'yes' || form.get('consent') === 'on',
  };
}

type Letter = z.output<typeof formSchema>;

/** The letter as intake takes it; `form-<the nonce's random part>` is its key. */
function letterMessage(v: Letter, externalId: string, receivedAt: string, raw: string) {
  return {
    channel: 'mailbox' as const,
    externalId,
    receivedAt,
    sender: {
      ...(v.name ? { name: v.name } : {}),
      ...(v.phone ? { phone: v.phone } : {}),
      ...(v.email ? { email: v.email } : {}),
    },
    title: v.title,
    text: v.content,
    ...(v.location ? { location: { address: v.location } } : {}),
    consentToPublish: v.consent,
    ...(v.type ? { hints: { type: v.type } } : {}),
    raw,
  };
}

/**
 * A stored letter read back (the cron's retry of a failed intake), checked again as the route
 * checks it. Its nonce was checked when it came; the inbox row keeps the key it was stored under.
 */
export function readStoredLetter(
  form: URLSearchParams,
  stored: { raw: string; externalId: string; receivedAt: string },
) {
  const parsed = formSchema.safeParse(formValues(form));
  return parsed.success ? letterMessage(parsed.data, stored.externalId, stored.receivedAt, stored.raw) : null;
}

/** 5 letters per 10 minutes from one address: a resident never needs more, a script does. */
export const mailboxRateLimit: RateLimit = { limit: 5, windowMs: 10 * 60_000 };

mailboxRoutes.get('/', (c) =>
  c.html(<MailboxForm values={emptyMailboxForm} errors={{}} nonce={issueFormNonce(c.env)} />),
);

/** Hono's bodyLimit stops reading past the limit; the refusal is the mailbox's own page. */
const tooLargeRefused = bodyLimit({
  maxSize: mailboxFormMaxBytes,
  onError: (c) =>
    c.html(
      <MailboxRefusal title="内容过长" message="提交的内容超过了长度上限，请精简后再提交；材料较多时可拨打 12345。" />,
      413,
    ),
});

const formContentType = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/** The form's text fields, read by the runtime's form parser (files are ignored); null if it cannot. */
async function readForm(c: Context): Promise<URLSearchParams | null> {
  try {
    const data = await c.req.formData();
    const form = new URLSearchParams();
    for (const [k, v] of data) if (typeof v === 'string') form.append(k, v);
    return form;
  } catch {
    return null;
  }
}

mailboxRoutes.post('/', tooLargeRefused, async (c) => {
  if (!formContentType.test(c.req.header('content-type') ?? '')) {
    return c.html(<MailboxRefusal title="无法读取" message="提交的内容不是表单，请在市长信箱页面填写后提交。" />, 415);
  }
  const raw = await c.req.text();
  const form = await readForm(c);
  if (form === null) {
    return c.html(<MailboxRefusal title="无法读取" message="提交的内容无法读取，请返回重新填写。" />, 400);
  }

  // A bot that filled the hidden field gets a page that looks like success; nothing is stored.
  if ((form.get('website') ?? '') !== '') return c.html(<MailboxQuietReceipt />, 200);

  const values = formValues(form);
  const nonce = form.get('nonce') ?? '';
  const formId = readFormNonce(c.env, nonce);
  if (formId === null) {
    // Not a form we issued, or one older than a day: the letter comes back for a fresh submit.
    const errors: MailboxFieldErrors = { form: '页面已过期，请核对内容后重新提交。' };
    return c.html(<MailboxForm values={values} errors={errors} nonce={issueFormNonce(c.env)} />, 400);
  }
  const parsed = formSchema.safeParse(values);
  if (!parsed.success) {
    const errors: MailboxFieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'form') as keyof MailboxFieldErrors;
      errors[key] ??= issue.message;
    }
    errors.form = '提交未成功，请按提示修改标红的项目。';
    // Same nonce: the corrected form is still the same letter.
    return c.html(<MailboxForm values={values} errors={errors} nonce={nonce} />, 422);
  }

  const message = letterMessage(parsed.data, `form-${formId}`, new Date().toISOString(), raw);
  try {
    // The per-address limit is counted in intake's own batch: over it, nothing is stored.
    const result = await intakeMessage(c.env, message, {
      rateLimit: { key: `mailbox:${clientAddress(c.req.raw)}`, rule: mailboxRateLimit },
    });
    // The same form again (a second click, a reload): whoever holds the nonce learns the number
    // only, and the query code stays with the first answer and the acknowledgement.
    if (result.duplicate) return c.html(<MailboxRepeatReceipt ticketNo={result.ticketNo} />, 200);
    const base = (c.env.PUBLIC_BASE_URL || new URL(c.req.url).origin).replace(/\/$/, '');
    const trackUrl = trackingLink(base, result.ticketNo, result.queryCode);
    return c.html(
      <MailboxReceipt
        ticketNo={result.ticketNo}
        queryCode={result.queryCode}
        trackUrl={trackUrl}
        referral={result.referral}
      />,
      201,
    );
  } catch (err) {
    if (err instanceof HubError && err.code === 'rate_limited') {
      const retryAfterS = err.retryAfterS ?? 600;
      const minutes = Math.ceil(retryAfterS / 60);
      c.header('Retry-After', String(retryAfterS));
      return c.html(
        <MailboxRefusal
          title="提交过于频繁"
          message={`同一网络 10 分钟内最多提交 ${mailboxRateLimit.limit} 封来信，请 ${minutes} 分钟后再试；紧急事项请拨打 12345。`}
        />,
        429,
      );
    }
    if (err instanceof HubError && err.status < 500) {
      return c.html(<MailboxRefusal title="提交未成功" message={err.message} />, err.status);
    }
    // D1 failed: kept, the cron takes the letter in and the receipt follows by SMS or e-mail;
    // not kept, the resident goes back and submits the same form again (same nonce, one ticket).
    if (err instanceof HubError && (err.code === 'intake_deferred' || err.code === 'intake_unavailable')) {
      c.header('Retry-After', String(err.retryAfterS ?? 30));
      const title = err.code === 'intake_deferred' ? '来信已收到' : '暂时无法提交';
      return c.html(<MailboxRefusal title={title} message={err.message} />, 503);
    }
    throw err;
  }
});
