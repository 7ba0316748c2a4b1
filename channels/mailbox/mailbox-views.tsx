// The mayor's mailbox pages, rendered on the server so they work on any phone without
// JavaScript: the form (with the resident's input and errors beside each field), the receipt,
// and the refusals (too many submissions, too large).
import type { Child, FC } from 'hono/jsx';
import { ticketTypes } from '../../tickets/inbound-message';

export interface MailboxFormValues {
  title: string;
  content: string;
  type: string;
  location: string;
  name: string;
  phone: string;
  email: string;
  consent: boolean;
}

export type MailboxFieldErrors = Partial<Record<keyof MailboxFormValues | 'form', string>>;

export const emptyMailboxForm: MailboxFormValues = {
  title: '',
  content: '',
  type: '',
  location: '',
  name: '',
  phone: '',
  email: '',
  consent: false,
};

export const mailboxLimits = { title: 100, content: 5000, contentMin: 5, location: 200, name: 50, email: 200 } as const;

const css = `
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;font-size:17px;line-height:1.6;color:#1f2328;background:#f4f5f7}
header{background:#b71c1c;color:#fff;padding:14px 16px}
header h1{margin:0;font-size:1.25rem}
header p{margin:2px 0 0;font-size:.9rem;opacity:.9}
main{max-width:640px;margin:0 auto;padding:16px}
form,.card{background:#fff;border-radius:8px;padding:16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.field{margin-bottom:16px}
label{display:block;font-weight:600;margin-bottom:4px}
.hint{font-weight:400;color:#57606a;font-size:.88rem}
input[type=text],input[type=tel],input[type=email],textarea,select{width:100%;font-size:1rem;padding:10px;border:1px solid #8c959f;border-radius:6px;background:#fff;color:inherit}
textarea{min-height:10em;resize:vertical}
.invalid input,.invalid textarea,.invalid select{border-color:#cf222e;border-width:2px}
.error{color:#cf222e;font-size:.92rem;margin-top:4px}
.form-error{background:#ffebe9;border:1px solid #cf222e;border-radius:6px;padding:10px;margin-bottom:16px;color:#82071e}
.check label{display:flex;gap:8px;align-items:flex-start;font-weight:400}
.check input{width:22px;height:22px;margin-top:2px;flex:none}
button{width:100%;font-size:1.1rem;padding:12px;border:0;border-radius:6px;background:#b71c1c;color:#fff;font-weight:600}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.receipt dt{color:#57606a}
.receipt dd{margin:0 0 12px;font-size:1.4rem;font-weight:700;letter-spacing:.05em;word-break:break-all}
a{color:#0550ae}
footer{text-align:center;color:#57606a;font-size:.85rem;padding:16px}
`;

export const MailboxLayout: FC<{ title: string; children?: Child }> = ({ title, children }) => (
  <html lang="zh-CN">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{title} - 12345 市长信箱</title>
      <style>{css}</style>
    </head>
    <body>
      <header>
        <h1>市长信箱</h1>
        <p>12345 政务服务便民热线 · 网上来信</p>
      </header>
      <main>{children}</main>
      <footer>紧急情况请拨打 110、119、120；其他诉求也可拨打 12345。</footer>
    </body>
  </html>
);

const FieldError: FC<{ id: string; message?: string }> = ({ id, message }) =>
  message ? (
    <div class="error" id={`${id}-error`} role="alert">
      {message}
    </div>
  ) : null;

const describedBy = (id: string, errors: MailboxFieldErrors, key: keyof MailboxFieldErrors, hint = false) =>
  [hint ? `${id}-hint` : '', errors[key] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export const MailboxForm: FC<{ values: MailboxFormValues; errors: MailboxFieldErrors; nonce: string }> = ({
  values,
  errors,
  nonce,
}) => {
  const cls = (key: keyof MailboxFormValues) => (errors[key] ? 'field invalid' : 'field');
  return (
    <MailboxLayout title="写信">
      <form method="post" action="/mailbox" accept-charset="utf-8" novalidate>
        {errors.form ? (
          <div class="form-error" role="alert">
            {errors.form}
          </div>
        ) : null}
        <input type="hidden" name="nonce" value={nonce} />
        <div class={cls('type')}>
          <label for="type">
            来信类型{' '}
            <span class="hint" id="type-hint">
              （选填，不确定可由我们判断）
            </span>
          </label>
          <select
            id="type"
            name="type"
            aria-invalid={errors.type ? 'true' : undefined}
            aria-describedby={describedBy('type', errors, 'type', true)}
          >
            <option value="" selected={values.type === ''}>
              由我们判断
            </option>
            {ticketTypes.map((t) => (
              <option value={t} selected={values.type === t}>
                {t}
              </option>
            ))}
          </select>
          <FieldError id="type" message={errors.type} />
        </div>
        <div class={cls('title')}>
          <label for="title">标题</label>
          <input
            id="title"
            name="title"
            type="text"
            required
            maxlength={mailboxLimits.title}
            value={values.title}
            aria-invalid={errors.title ? 'true' : undefined}
            aria-describedby={describedBy('title', errors, 'title')}
          />
          <FieldError id="title" message={errors.title} />
        </div>
        <div class={cls('content')}>
          <label for="content">
            内容{' '}
            <span class="hint" id="content-hint">
              （请写明时间、地点和具体问题，{mailboxLimits.content} 字以内）
            </span>
          </label>
          <textarea
            id="content"
            name="content"
            required
            maxlength={mailboxLimits.content}
            aria-invalid={errors.content ? 'true' : undefined}
            aria-describedby={describedBy('content', errors, 'content', true)}
          >
            {values.content}
          </textarea>
          <FieldError id="content" message={errors.content} />
        </div>
        <div class={cls('location')}>
          <label for="location">
            发生地点 <span class="hint">（选填，如：某区某街道某小区）</span>
          </label>
          <input
            id="location"
            name="location"
            type="text"
            maxlength={mailboxLimits.location}
            value={values.location}
            aria-invalid={errors.location ? 'true' : undefined}
            aria-describedby={describedBy('location', errors, 'location')}
          />
          <FieldError id="location" message={errors.location} />
        </div>
        <div class={cls('name')}>
          <label for="name">
            姓名 <span class="hint">（选填，可匿名）</span>
          </label>
          <input
            id="name"
            name="name"
            type="text"
            maxlength={mailboxLimits.name}
            autocomplete="name"
            value={values.name}
            aria-invalid={errors.name ? 'true' : undefined}
            aria-describedby={describedBy('name', errors, 'name')}
          />
          <FieldError id="name" message={errors.name} />
        </div>
        <div class={cls('phone')}>
          <label for="phone">
            手机或电话{' '}
            <span class="hint" id="phone-hint">
              （手机号码与电子邮箱至少填一项，用于告知办理结果）
            </span>
          </label>
          <input
            id="phone"
            name="phone"
            type="tel"
            inputmode="tel"
            autocomplete="tel"
            maxlength={20}
            value={values.phone}
            aria-invalid={errors.phone ? 'true' : undefined}
            aria-describedby={describedBy('phone', errors, 'phone', true)}
          />
          <FieldError id="phone" message={errors.phone} />
        </div>
        <div class={cls('email')}>
          <label for="email">电子邮箱</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            maxlength={mailboxLimits.email}
            value={values.email}
            aria-invalid={errors.email ? 'true' : undefined}
            aria-describedby={describedBy('email', errors, 'email')}
          />
          <FieldError id="email" message={errors.email} />
        </div>
        <div class="hp" aria-hidden="true">
          <label for="website">网站（请勿填写此项）</label>
          <input id="website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
        </div>
        <div class="field check">
          <label>
            <input type="checkbox" name="consent" value="yes" checked={values.consent} />
            <span>同意在隐去个人信息后公开我的来信和答复</span>
          </label>
        </div>
        <button type="submit">提交</button>
      </form>
    </MailboxLayout>
  );
};

const emergencies = { '110': '110 报警', '119': '119 火警', '120': '120 急救' } as const;

export const MailboxReceipt: FC<{
  ticketNo: string;
  queryCode: string;
  trackUrl: string;
  duplicate: boolean;
  referral?: '110' | '119' | '120';
}> = (p) => (
  <MailboxLayout title="提交成功">
    {p.referral ? (
      <div class="card form-error" role="alert">
        <strong>如有人身危险，请立即拨打 {emergencies[p.referral]}！</strong>网上来信不能代替紧急求助。
      </div>
    ) : null}
    <div class="card receipt">
      <h2>{p.duplicate ? '这封信已经提交过了' : '您的来信已受理'}</h2>
      <p>请记下工单号和查询码，凭它们查询办理进度和答复。</p>
      <dl>
        <dt>工单号</dt>
        <dd>{p.ticketNo}</dd>
        <dt>查询码</dt>
        <dd>{p.queryCode}</dd>
      </dl>
      <p>
        <a href={p.trackUrl}>查询办理进度</a>
      </p>
      <p>
        <a href="/mailbox">再写一封信</a>
      </p>
    </div>
  </MailboxLayout>
);

/** What a bot that filled the hidden field sees: looks like success, says nothing it could use. */
export const MailboxQuietReceipt: FC = () => (
  <MailboxLayout title="提交成功">
    <div class="card">
      <h2>您的来信已提交</h2>
      <p>感谢您的来信。</p>
    </div>
  </MailboxLayout>
);

export const MailboxRefusal: FC<{ title: string; message: string }> = ({ title, message }) => (
  <MailboxLayout title={title}>
    <div class="card">
      <h2>{title}</h2>
      <p>{message}</p>
      <p>
        <a href="/mailbox">返回市长信箱</a>
      </p>
    </div>
  </MailboxLayout>
);
