// GET /workbench/admin/users/{username}: one account, with a form each to disable or enable it,
// reset its password, and change its role and department. Every form becomes the same patch
// the API takes and goes through the API's own changeStaffAccount, so the rules (an admin may
// not lock themselves out, a role's department, sessions ended on a reset) are one set.
import { eq } from 'drizzle-orm';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { openDb } from '../../../db/client';
import { staff } from '../../../db/schema';
import { formatShanghai } from '../../../routing/calendar';
import { HubError } from '../../../tickets/hub-error';
import { roleLabels } from '../../../tickets/views';
import { readFormFields, sessionCsrfToken } from '../../../worker/middleware/csrf';
import { changeStaffAccount, type StaffRow, staffAccountPatch } from '../../../worker/routes/staff-accounts';
import { StaffPage } from '../staff-frame';
import { type DepartmentOption, departmentOptions } from './departments-list';
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
  TextField,
} from './form-parts';
import { PlacementFields } from './users-page';

const notices: Record<string, string> = {
  created: '账号已创建，可用初始密码登录。',
  disabled: '账号已停用，其登录已全部失效。',
  enabled: '账号已启用。',
  password: '密码已重置，该账号原有的登录已全部失效。',
  placement: '角色和部门已修改，下一次请求起生效。',
};

type Props = { row: StaffRow; depts: DepartmentOption[]; state: FormState | null; csrf: string };

const pathOf = (row: StaffRow) => `/workbench/admin/users/${encodeURIComponent(row.username)}`;

const ActiveForm = ({ row, state, csrf }: Props) => (
  <form method="post" action={`${pathOf(row)}/active`} class="card" id="active" aria-label="停用或启用">
    <h2>{row.active ? '停用账号' : '启用账号'}</h2>
    <p class="muted">{row.active ? '停用后该账号立即无法登录，已登录的页面也随即失效。' : '启用后可用原密码登录。'}</p>
    <FormError state={state} form="active" />
    <Csrf token={csrf} />
    <input type="hidden" name="active" value={row.active ? 'false' : 'true'} />
    <button type="submit">{row.active ? '停用' : '启用'}</button>
  </form>
);

const PasswordForm = ({ row, state, csrf }: Props) => (
  <form method="post" action={`${pathOf(row)}/password`} class="card" id="password" aria-label="重置密码" novalidate>
    <h2>重置密码</h2>
    <FormError state={state} form="password" />
    <Csrf token={csrf} />
    <TextField state={state} form="password" name="password" label="新密码（至少10个字符）" type="password" />
    <button type="submit">重置密码</button>
  </form>
);

const PlacementForm = ({ row, depts, state, csrf }: Props) => (
  <form
    method="post"
    action={`${pathOf(row)}/placement`}
    class="card"
    id="placement"
    aria-label="角色和部门"
    novalidate
  >
    <h2>角色和部门</h2>
    <FormError state={state} form="placement" />
    <Csrf token={csrf} />
    <PlacementFields state={state} form="placement" depts={depts} row={row} />
    <button type="submit">保存</button>
  </form>
);

async function loadAccount(c: AdminContext): Promise<StaffRow> {
  const username = c.req.param('username') ?? '';
  const row = await openDb(c.env.DB).query.staff.findFirst({ where: eq(staff.username, username) });
  if (!row) throw new HubError('not_found', `用户不存在：${username}`);
  return row;
}

async function renderUser(c: AdminContext, state: FormState | null, status = 200) {
  const row = await loadAccount(c);
  const depts = await departmentOptions(openDb(c.env.DB));
  const csrf = sessionCsrfToken(c);
  const props = { row, depts, state, csrf };
  const deptName = depts.find((d) => d.code === row.departmentCode)?.name ?? row.departmentCode;
  return c.html(
    <StaffPage title={`账号 ${row.username}`} staff={c.get('staff')} csrf={csrf}>
      <p>
        <a href="/workbench/admin/users">← 返回用户管理</a>
      </p>
      <Flash text={state ? undefined : doneNotice(c, notices)} />
      <h1>
        {row.displayName}（{row.username}）
      </h1>
      <section class="card">
        <dl class="facts">
          <dt>角色</dt>
          <dd>{roleLabels[row.role] ?? row.role}</dd>
          <dt>部门</dt>
          <dd>{deptName}</dd>
          <dt>状态</dt>
          <dd>{row.active ? '启用' : '已停用'}</dd>
          <dt>电话</dt>
          <dd>{row.phone ?? '—'}</dd>
          <dt>邮箱</dt>
          <dd>{row.email ?? '—'}</dd>
          <dt>创建时间</dt>
          <dd>{formatShanghai(row.createdAt)}</dd>
        </dl>
      </section>
      <div class="actions">
        <PlacementForm {...props} />
        <PasswordForm {...props} />
        <ActiveForm {...props} />
      </div>
    </StaffPage>,
    status as ContentfulStatusCode,
  );
}

export const showUser = (c: AdminContext) => renderUser(c, null);

/** Each form's fields, the patch they make, and the notice after it is saved. */
const changes = {
  active: (form: Record<string, string>) => ({
    patch: { active: form.active === 'true' ? true : form.active === 'false' ? false : form.active },
    done: form.active === 'true' ? 'enabled' : 'disabled',
  }),
  password: (form: Record<string, string>) => ({ patch: { password: form.password }, done: 'password' }),
  placement: (form: Record<string, string>) => ({
    patch: { role: form.role, departmentCode: form.departmentCode },
    done: 'placement',
  }),
} as const;

export async function changeUser(c: AdminContext) {
  const which = c.req.param('change') as keyof typeof changes;
  if (!Object.hasOwn(changes, which)) throw new HubError('not_found', '没有这个操作');
  const form = await readFormFields(c);
  // A password is taken as typed (spaces are part of it); the other fields are trimmed.
  const fields = { ...filledFields(form, ['active', 'role', 'departmentCode']), password: form.password?.[0] ?? '' };
  const { patch, done } = changes[which](fields);
  const parsed = parseInput(staffAccountPatch, patch);
  if (!parsed.ok) return renderUser(c, { form: which, values: form, errors: parsed.errors }, 422);
  const username = c.req.param('username') ?? '';
  try {
    await changeStaffAccount(openDb(c.env.DB), c.get('staff').sub, username, parsed.value);
  } catch (err) {
    // The disable button has no field to put an error beside: its refusal goes on top.
    const errors = refusalFields(err, which === 'active' ? [] : Object.keys(patch));
    if (!errors) throw err;
    return renderUser(c, { form: which, values: form, errors }, (err as HubError).status);
  }
  return c.redirect(`/workbench/admin/users/${encodeURIComponent(username)}?done=${done}`, 303);
}
