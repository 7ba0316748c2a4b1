// GET /workbench/admin/canned-replies: the canned replies (常用答复) by category, a form to add
// one, and per reply an edit page and a button to withdraw it or bring it back. Every change goes
// through the API's own addCannedReply / changeCannedReply with the API's schemas.
import { eq } from 'drizzle-orm';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { openDb } from '../../../db/client';
import { cannedReplies } from '../../../db/schema';
import { HubError } from '../../../tickets/hub-error';
import { readFormFields, sessionCsrfToken } from '../../../worker/middleware/csrf';
import {
  addCannedReply,
  type CannedReplyRow,
  cannedReplyInput,
  cannedReplyPatch,
  changeCannedReply,
  listCannedReplies,
} from '../../../worker/routes/canned-replies';
import { StaffPage } from '../staff-frame';
import {
  type AdminContext,
  Csrf,
  doneNotice,
  Flash,
  FormError,
  type FormState,
  filledFields,
  parseInput,
  refusalFields,
  TextAreaField,
  TextField,
} from './form-parts';
import { AdminBack } from './index-page';

const LIST = '/workbench/admin/canned-replies';
const notices: Record<string, string> = {
  created: '常用答复已添加。',
  saved: '常用答复已保存。',
  withdrawn: '常用答复已停用，不再出现在答复表单中。',
  restored: '常用答复已重新启用。',
};
const GENERAL = '通用（不限分类）';

function byCategory(rows: CannedReplyRow[]): Array<[string, CannedReplyRow[]]> {
  const groups = new Map<string, CannedReplyRow[]>();
  for (const r of rows) groups.set(r.category ?? GENERAL, [...(groups.get(r.category ?? GENERAL) ?? []), r]);
  return [...groups];
}

const ActiveButton = ({ r, csrf }: { r: CannedReplyRow; csrf: string }) => (
  <form method="post" action={`${LIST}/${encodeURIComponent(r.id)}/active`}>
    <Csrf token={csrf} />
    <input type="hidden" name="active" value={r.active ? 'false' : 'true'} />
    <button type="submit">{r.active ? '停用' : '启用'}</button>
  </form>
);

const ReplyFields = ({ state, form, r }: { state: FormState | null; form: string; r?: CannedReplyRow }) => (
  <>
    <TextField state={state} form={form} name="category" label="分类（留空为通用）" value={r?.category} />
    <TextField state={state} form={form} name="title" label="标题" value={r?.title} />
    <TextAreaField state={state} form={form} name="text" label="答复内容" rows={6} value={r?.text} />
  </>
);

async function renderList(c: AdminContext, state: FormState | null, status = 200) {
  const rows = await listCannedReplies(openDb(c.env.DB), {});
  const csrf = sessionCsrfToken(c);
  return c.html(
    <StaffPage title="常用答复" staff={c.get('staff')} csrf={csrf}>
      <AdminBack />
      <h1>常用答复</h1>
      <Flash text={state ? undefined : doneNotice(c, notices)} />
      {rows.length === 0 ? <p class="card">还没有常用答复。</p> : null}
      {byCategory(rows).map(([category, items]) => (
        <section class="card">
          <h2>{category}</h2>
          <ul class="tickets">
            {items.map((r) => (
              <li>
                <a href={`${LIST}/${encodeURIComponent(r.id)}`}>{r.title}</a>{' '}
                {r.active ? null : <span class="status">已停用</span>}
                <div class="muted">{r.text.length > 80 ? `${r.text.slice(0, 80)}…` : r.text}</div>
                <ActiveButton r={r} csrf={csrf} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <form method="post" action={LIST} class="card" id="create" aria-label="添加常用答复" novalidate>
        <h2>添加常用答复</h2>
        <FormError state={state} form="create" />
        <Csrf token={csrf} />
        <ReplyFields state={state} form="create" />
        <button type="submit">添加</button>
      </form>
    </StaffPage>,
    status as ContentfulStatusCode,
  );
}

async function renderEdit(c: AdminContext, state: FormState | null, status = 200) {
  const id = c.req.param('id') ?? '';
  const r = await openDb(c.env.DB).query.cannedReplies.findFirst({ where: eq(cannedReplies.id, id) });
  if (!r) throw new HubError('not_found', `常用答复不存在：${id}`);
  const csrf = sessionCsrfToken(c);
  return c.html(
    <StaffPage title={`常用答复 ${r.title}`} staff={c.get('staff')} csrf={csrf}>
      <p>
        <a href={LIST}>← 返回常用答复</a>
      </p>
      <Flash text={state ? undefined : doneNotice(c, notices)} />
      <form method="post" action={`${LIST}/${encodeURIComponent(r.id)}`} class="card" id="edit" novalidate>
        <h1>修改常用答复</h1>
        <FormError state={state} form="edit" />
        <Csrf token={csrf} />
        <ReplyFields state={state} form="edit" r={r} />
        <button type="submit">保存</button>
      </form>
      <section class="card">
        <h2>{r.active ? '停用' : '启用'}</h2>
        <ActiveButton r={r} csrf={csrf} />
      </section>
    </StaffPage>,
    status as ContentfulStatusCode,
  );
}

export const showCannedReplies = (c: AdminContext) => renderList(c, null);
export const showCannedReply = (c: AdminContext) => renderEdit(c, null);

const replyFields = ['category', 'title', 'text'] as const;

export async function createCannedReply(c: AdminContext) {
  const form = await readFormFields(c);
  const parsed = parseInput(cannedReplyInput, filledFields(form, replyFields));
  if (!parsed.ok) return renderList(c, { form: 'create', values: form, errors: parsed.errors }, 422);
  await addCannedReply(openDb(c.env.DB), parsed.value);
  return c.redirect(`${LIST}?done=created`, 303);
}

async function saveChange(c: AdminContext, patch: Record<string, unknown>, done: string, back: string) {
  const form = await readFormFields(c);
  const parsed = parseInput(cannedReplyPatch, patch);
  if (!parsed.ok) return renderEdit(c, { form: 'edit', values: form, errors: parsed.errors }, 422);
  try {
    await changeCannedReply(openDb(c.env.DB), c.req.param('id') ?? '', parsed.value);
  } catch (err) {
    const errors = refusalFields(err, replyFields);
    if (!errors) throw err;
    return renderEdit(c, { form: 'edit', values: form, errors }, (err as HubError).status);
  }
  return c.redirect(`${back}?done=${done}`, 303);
}

export async function editCannedReply(c: AdminContext) {
  const form = await readFormFields(c);
  // An emptied category makes the reply general, as the API's null does.
  const { category = null, ...rest } = filledFields(form, replyFields);
  return saveChange(
    c,
    { category, title: '', text: '', ...rest },
    'saved',
    `${LIST}/${encodeURIComponent(c.req.param('id') ?? '')}`,
  );
}

export async function setCannedReplyActive(c: AdminContext) {
  const active = (await readFormFields(c)).active?.[0];
  const patch = { active: active === 'true' ? true : active === 'false' ? false : active };
  return saveChange(c, patch, active === 'true' ? 'restored' : 'withdrawn', LIST);
}
