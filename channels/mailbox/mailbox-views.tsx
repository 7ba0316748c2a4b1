// The mayor's mailbox pages, rendered on the server so they work on any phone without
// JavaScript: the form (with the resident's input and errors beside each field), the receipt,
// and the refusals (too many submissions, too large).
import type { Child, FC } from 'hono/jsx';
import { stylesheet } from '../../dashboard/stylesheets';
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

export const mailboxLimits = {
  title: 100,
  content: 5000,
  contentMin: 5,
  location: 200,
  name: 50,
  phone: 20,
  email: 200,
} as const;

// A backslash at a line's end continues the rule on the next line (no newline in the stylesheet).
const mailboxStyles = stylesheet(
  'mailbox',
  `
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;\
font-size:17px;line-height:1.6;color:#1f2328;background:#f4f5f7}
header{background:#b71c1c;color:#fff;padding:14px 16px}
header h1{margin:0;font-size:1.25rem}
header p{margin:2px 0 0;font-size:.9rem;opacity:.9}
main{max-width:640px;margin:0 auto;padding:16px}
form,.card{background:#fff;border-radius:8px;padding:16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.field{margin-bottom:16px}
label{display:block;font-weight:600;margin-bottom:4px}
.hint{font-weight:400;color:#57606a;font-size:.88rem}
input[type=text],input[type=tel],input[type=email],textarea,select{\
width:100%;font-size:1rem;padding:10px;border:1px solid #8c959f;border-radius:6px;background:#fff;color:inherit}
textarea{min-height:10em;resize:vertical}
.invalid input,.invalid textarea,.invalid select{border-color:#cf222e;border-width:2px}
.error{color:#cf222e;font-size:.92rem;margin-top:4px}
.form-error{background:#ffebe9;border:1px solid #cf222e;border-radius:6px;padding:10px;margin-bottom:16px;color:#82071e}
.check label{display:flex;gap:8px;align-items:flex-start;font-weight:400}
.check input{width:22px;height:22px;margin-top:2px;flex:none}
button{width:100%;font-size:1.1rem;padding:12px;border:0;border-radius:6px;\
background:#b71c1c;color:#fff;font-weight:600}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.receipt dt{color:#57606a}
.receipt dd{margin:0 0 12px;font-size:1.4rem;font-weight:700;letter-spacing:.05em;word-break:break-all}
a{color:#0550ae}
footer{text-align:center;color:#57606a;font-size:.85rem;padding:16px}
`,
);

export const MailboxLayout: FC<{ title: string; children?: Child }> = ({ title, children }) => (
  <html lang="zh-CN">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{title} - 12345 市长信箱</title>
      <link rel="stylesheet" href={mailboxStyles.href} />
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

type FieldKey = keyof MailboxFormValues;

const FieldError: FC<{ id: string; message?: string }> = ({ id, message }) =>
  message ? (
    <div class="error" id={`${id}-error`} role="alert">
      {message}
    </div>
  ) : null;

/** What a screen reader reads with the control: its hint (when `hinted`) and its error. */
const ariaFor = (id: FieldKey, errors: MailboxFieldErrors, hinted = false) => ({
  'aria-invalid': errors[id] ? 'true' : undefined,
  'aria-describedby':
    [hinted ? `${id}-hint` : '', errors[id] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined,
});

type FieldFrame = { id: FieldKey; label: string; hint?: Child; hinted?: boolean; errors: MailboxFieldErrors };

/** A labelled field: the label with its hint, the control, the error beside it. */
const Field: FC<FieldFrame & { children?: Child }> = ({ id, label, hint, hinted, errors, children }) => (
  <div class={errors[id] ? 'field invalid' : 'field'}>
    <label for={id}>
      {label}
      {hint ? ' ' : null}
      {hint ? (
        <span class="hint" id={hinted ? `${id}-hint` : undefined}>
          {hint}
        </span>
      ) : null}
    </label>
    {children}
    <FieldError id={id} message={errors[id]} />
  </div>
);

type TextFieldSpec = Omit<FieldFrame, 'id' | 'errors'> & {
  id: 'title' | 'location' | 'name' | 'phone' | 'email';
  maxlength: number;
  type?: 'text' | 'tel' | 'email';
  autocomplete?: string;
  inputmode?: 'tel';
  required?: boolean;
};

type TextFieldProps = TextFieldSpec & { errors: MailboxFieldErrors; value: string };

/** An input with its label; what is not the field's frame goes onto the input as attributes. */
const TextField: FC<TextFieldProps> = ({ id, label, hint, hinted, errors, type = 'text', ...input }) => (
  <Field id={id} label={label} hint={hint} hinted={hinted} errors={errors}>
    <input id={id} name={id} type={type} {...input} {...ariaFor(id, errors, hinted)} />
  </Field>
);

/** After the letter itself: where it happened and who wrote it (phone or e-mail for the answer). */
const whereAndWhoFields: TextFieldSpec[] = [
  { id: 'location', label: '发生地点', hint: '（选填，如：某区某街道某小区）', maxlength: mailboxLimits.location },
  { id: 'name', label: '姓名', hint: '（选填，可匿名）', maxlength: mailboxLimits.name, autocomplete: 'name' },
  {
    id: 'phone',
    label: '手机或电话',
    hint: '（手机号码与电子邮箱至少填一项，用于告知办理结果）',
    hinted: true,
    maxlength: mailboxLimits.phone,
    type: 'tel',
    inputmode: 'tel',
    autocomplete: 'tel',
  },
  { id: 'email', label: '电子邮箱', maxlength: mailboxLimits.email, type: 'email', autocomplete: 'email' },
];

/** Said plainly: what is published if the resident agrees, and that it can be changed (政务公开). */
export const consentLabel =
  '同意在政务公开栏目公开我的来信内容和部门的答复（姓名、电话、身份证号、门牌号等个人信息隐去后公开）';
const consentHint = '不勾选则不公开。提交后可凭工单号和查询码在“工单查询”页随时更改。';

export const MailboxForm: FC<{ values: MailboxFormValues; errors: MailboxFieldErrors; nonce: string }> = ({
  values,
  errors,
  nonce,
}) => (
  <MailboxLayout title="写信">
    <form method="post" action="/mailbox" accept-charset="utf-8" novalidate>
      {errors.form ? (
        <div class="form-error" role="alert">
          {errors.form}
        </div>
      ) : null}
      <input type="hidden" name="nonce" value={nonce} />
      <Field id="type" label="来信类型" hint="（选填，不确定可由我们判断）" hinted errors={errors}>
        <select id="type" name="type" {...ariaFor('type', errors, true)}>
          <option value="" selected={values.type === ''}>
            由我们判断
          </option>
          {ticketTypes.map((t) => (
            <option value={t} selected={values.type === t}>
              {t}
            </option>
          ))}
        </select>
      </Field>
      <TextField
        id="title"
        label="标题"
        errors={errors}
        value={values.title}
        maxlength={mailboxLimits.title}
        required
      />
      <Field
        id="content"
        label="内容"
        hint={`（请写明时间、地点和具体问题，${mailboxLimits.content} 字以内）`}
        hinted
        errors={errors}
      >
        <textarea
          id="content"
          name="content"
          required
          maxlength={mailboxLimits.content}
          {...ariaFor('content', errors, true)}
        >
          {values.content}
        </textarea>
      </Field>
      {whereAndWhoFields.map((f) => (
        <TextField {...f} errors={errors} value={values[f.id]} />
      ))}
      <div class="hp" aria-hidden="true">
        <label for="website">网站（请勿填写此项）</label>
        <input id="website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
      </div>
      <div class="field check">
        <label>
          <input type="checkbox" name="consent" value="yes" checked={values.consent} aria-describedby="consent-hint" />
          <span>{consentLabel}</span>
        </label>
        <p id="consent-hint" class="hint">
          {consentHint}
        </p>
      </div>
      <button type="submit">提交</button>
    </form>
  </MailboxLayout>
);

const emergencies = { '110': '110 报警', '119': '119 火警', '120': '120 急救' } as const;

export const MailboxReceipt: FC<{
  ticketNo: string;
  queryCode: string;
  trackUrl: string;
  referral?: '110' | '119' | '120';
}> = (p) => (
  <MailboxLayout title="提交成功">
    {p.referral ? (
      <div class="card form-error" role="alert">
        <strong>如有人身危险，请立即拨打 {emergencies[p.referral]}！</strong>网上来信不能代替紧急求助。
      </div>
    ) : null}
    <div class="card receipt">
      <h2>您的来信已受理</h2>
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

/**
 * The answer to the same form sent again: the ticket's number, never its query code (the nonce
 * that brought this page may be a copy from a log or a shared computer).
 */
export const MailboxRepeatReceipt: FC<{ ticketNo: string }> = ({ ticketNo }) => (
  <MailboxLayout title="已经收到">
    <div class="card receipt">
      <h2>这封信已经收到</h2>
      <p>
        这封信已经收到，工单号 {ticketNo}，无需再次提交。查询码已在第一次提交后显示，受理通知（短信或电子邮件）中也有；
        如未记下，请拨打 12345 查询。
      </p>
      <dl>
        <dt>工单号</dt>
        <dd>{ticketNo}</dd>
      </dl>
      <p>
        <a href="/track">查询办理进度</a>
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
