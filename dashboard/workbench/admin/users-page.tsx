// GET /workbench/admin/users: staff accounts, filtered by role, department and whether active,
// with the form that creates one. POST creates it through the API's own createStaffAccount, so
// the page and /api/v1/admin/users keep one set of rules.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { openDb } from '../../../db/client';
import { roleLabels } from '../../../tickets/views';
import { staffRoles } from '../../../worker/auth/staff-placement';
import { readFormFields, sessionCsrfToken } from '../../../worker/middleware/csrf';
import {
  createStaffAccount,
  listStaffAccounts,
  type StaffRow,
  staffAccountInput,
} from '../../../worker/routes/staff-accounts';
import { StaffPage } from '../staff-frame';
import { type DepartmentOption, departmentOptions } from './departments-list';
import {
  type AdminContext,
  Csrf,
  FormError,
  type FormState,
  filledFields,
  parseInput,
  refusalFields,
  SelectField,
  TextField,
} from './form-parts';
import { AdminBack } from './index-page';

export const roleOptions = staffRoles.map((r) => [r, roleLabels[r] ?? r] as [string, string]);

// A filter that does not parse is dropped: the page still lists the accounts.
const filterSchema = z.object({
  role: z.enum(staffRoles).optional().catch(undefined),
  department: z.string().trim().min(1).max(50).optional().catch(undefined),
  active: z.enum(['true', 'false']).optional().catch(undefined),
});

const AccountRows = (p: { rows: StaffRow[]; names: Map<string, string> }) =>
  p.rows.length === 0 ? (
    <p class="muted">没有符合条件的账号。</p>
  ) : (
    <table>
      <thead>
        <tr>
          <th>用户名</th>
          <th>姓名</th>
          <th>角色</th>
          <th>部门</th>
          <th>状态</th>
        </tr>
      </thead>
      <tbody>
        {p.rows.map((r) => (
          <tr>
            <td>
              <a href={`/workbench/admin/users/${encodeURIComponent(r.username)}`}>{r.username}</a>
            </td>
            <td>{r.displayName}</td>
            <td>{roleLabels[r.role] ?? r.role}</td>
            <td>{p.names.get(r.departmentCode) ?? r.departmentCode}</td>
            <td>{r.active ? '启用' : '已停用'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

const Filters = (p: { q: z.output<typeof filterSchema>; depts: DepartmentOption[] }) => (
  <form method="get" action="/workbench/admin/users" class="card filters" aria-label="筛选">
    <SelectField
      state={null}
      form="filter"
      name="role"
      label="角色"
      value={p.q.role ?? ''}
      options={[['', '全部'], ...roleOptions]}
    />
    <SelectField
      state={null}
      form="filter"
      name="department"
      label="部门"
      value={p.q.department ?? ''}
      options={[['', '全部'], ...p.depts.map((d) => [d.code, d.label] as [string, string])]}
    />
    <SelectField
      state={null}
      form="filter"
      name="active"
      label="状态"
      value={p.q.active ?? ''}
      options={[
        ['', '全部'],
        ['true', '启用'],
        ['false', '已停用'],
      ]}
    />
    <div>
      <button type="submit">筛选</button>
    </div>
  </form>
);

export const PlacementFields = (p: {
  state: FormState | null;
  form: string;
  depts: DepartmentOption[];
  row?: StaffRow;
}) => (
  <>
    <SelectField state={p.state} form={p.form} name="role" label="角色" value={p.row?.role} options={roleOptions} />
    <SelectField
      state={p.state}
      form={p.form}
      name="departmentCode"
      label="部门"
      value={p.row?.departmentCode}
      options={[['', '请选择部门'], ...p.depts.map((d) => [d.code, d.label] as [string, string])]}
    />
  </>
);

const CreateForm = (p: { state: FormState | null; depts: DepartmentOption[]; csrf: string }) => (
  <form method="post" action="/workbench/admin/users" class="card" id="create" aria-label="新建账号" novalidate>
    <h2>新建账号</h2>
    <FormError state={p.state} form="create" />
    <Csrf token={p.csrf} />
    <TextField state={p.state} form="create" name="username" label="用户名" />
    <TextField state={p.state} form="create" name="displayName" label="姓名" />
    <PlacementFields state={p.state} form="create" depts={p.depts} />
    <TextField state={p.state} form="create" name="password" label="初始密码（至少10个字符）" type="password" />
    <TextField state={p.state} form="create" name="phone" label="电话（选填）" type="tel" />
    <TextField state={p.state} form="create" name="email" label="邮箱（选填）" type="email" />
    <button type="submit">新建账号</button>
  </form>
);

async function renderUsers(c: AdminContext, state: FormState | null, status = 200) {
  const q = filterSchema.parse(c.req.query());
  const db = openDb(c.env.DB);
  const depts = await departmentOptions(db);
  const rows = await listStaffAccounts(db, {
    role: q.role,
    departmentCode: q.department,
    active: q.active === undefined ? undefined : q.active === 'true',
  });
  const csrf = sessionCsrfToken(c);
  return c.html(
    <StaffPage title="用户管理" staff={c.get('staff')} csrf={csrf}>
      <AdminBack />
      <h1>用户管理</h1>
      <Filters q={q} depts={depts} />
      <section class="card table-scroll" aria-label="账号列表">
        <AccountRows rows={rows} names={new Map(depts.map((d) => [d.code, d.name]))} />
      </section>
      <CreateForm state={state} depts={depts} csrf={csrf} />
    </StaffPage>,
    status as ContentfulStatusCode,
  );
}

export const showUsers = (c: AdminContext) => renderUsers(c, null);

const createFields = ['username', 'displayName', 'role', 'departmentCode', 'phone', 'email'] as const;

export async function createUser(c: AdminContext) {
  const form = await readFormFields(c);
  // A password is taken as typed: spaces in it are part of it.
  const password = form.password?.[0];
  const input = { ...filledFields(form, createFields), ...(password ? { password } : {}) };
  const parsed = parseInput(staffAccountInput, input);
  if (!parsed.ok) return renderUsers(c, { form: 'create', values: form, errors: parsed.errors }, 422);
  try {
    const row = await createStaffAccount(openDb(c.env.DB), parsed.value);
    return c.redirect(`/workbench/admin/users/${encodeURIComponent(row.username)}?done=created`, 303);
  } catch (err) {
    const errors = refusalFields(err, [...createFields, 'password']);
    if (!errors) throw err;
    return renderUsers(c, { form: 'create', values: form, errors }, (err as { status: number }).status);
  }
}
