// GET /workbench/admin/departments: the department tree, indented, every department a history
// import created marked 导入 (it waits for a proper name), each with a rename form and a button to
// deactivate or re-activate it. Changes go through the API's own changeDepartment.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { openDb } from '../../../db/client';
import { departments } from '../../../db/schema';
import { HubError } from '../../../tickets/hub-error';
import { readFormFields, sessionCsrfToken } from '../../../worker/middleware/csrf';
import { changeDepartment, type DepartmentRow, departmentPatch } from '../../../worker/routes/department-changes';
import { departmentTree } from '../../../worker/routes/department-tree';
import { StaffPage } from '../staff-frame';
import {
  type AdminContext,
  Csrf,
  doneNotice,
  Flash,
  FormError,
  type FormState,
  filledFields,
  keptValue,
  parseInput,
  refusalFields,
} from './form-parts';
import { AdminBack } from './index-page';

const LIST = '/workbench/admin/departments';
const notices: Record<string, string> = {
  renamed: '部门已改名。',
  deactivated: '部门已停用，不再出现在派单和账号的部门选项中。',
  activated: '部门已重新启用。',
};
const kindLabels: Record<DepartmentRow['kind'], string> = {
  city: '市政府',
  district: '区县',
  street: '街道',
  functional: '市直部门',
  utility: '公用事业单位',
  centre: '12345热线中心',
};

type Row = DepartmentRow & { depth: number };

const RenameForm = ({ d, state, csrf }: { d: Row; state: FormState | null; csrf: string }) => {
  const form = `rename-${d.code}`;
  const error = state?.form === form ? (state.errors.name ?? state.errors.form) : undefined;
  return (
    <form
      method="post"
      action={`${LIST}/${encodeURIComponent(d.code)}/name`}
      id={form}
      class={error ? 'invalid' : undefined}
    >
      <Csrf token={csrf} />
      <label for={`${form}-name`} class="muted">
        名称
      </label>
      <input id={`${form}-name`} name="name" value={keptValue({ state, form, name: 'name' }, d.name)} />
      {error ? (
        <p class="error" id={`${form}-name-error`}>
          {error}
        </p>
      ) : null}
      <button type="submit">改名</button>
    </form>
  );
};

const ActiveForm = ({ d, state, csrf }: { d: Row; state: FormState | null; csrf: string }) => (
  <form method="post" action={`${LIST}/${encodeURIComponent(d.code)}/active`}>
    <FormError state={state} form={`active-${d.code}`} />
    <Csrf token={csrf} />
    <input type="hidden" name="active" value={d.active ? 'false' : 'true'} />
    <button type="submit">{d.active ? '停用' : '启用'}</button>
  </form>
);

const DepartmentItem = (p: { d: Row; state: FormState | null; csrf: string }) => (
  <li id={`dept-${p.d.code}`} class={`depth-${Math.min(p.d.depth, 4)}`}>
    <strong>{p.d.name}</strong> <span class="muted">{p.d.code}</span>{' '}
    <span class="status">{kindLabels[p.d.kind] ?? p.d.kind}</span>{' '}
    {p.d.origin === 'import' ? <span class="light yellow">导入</span> : null}{' '}
    {p.d.active ? null : <span class="status overdue">已停用</span>}
    <details open={p.state?.form.endsWith(`-${p.d.code}`)}>
      <summary>修改</summary>
      <RenameForm {...p} />
      <ActiveForm {...p} />
    </details>
  </li>
);

async function renderDepartments(c: AdminContext, state: FormState | null, status = 200) {
  const rows = departmentTree(await openDb(c.env.DB).select().from(departments));
  const imported = rows.filter((d) => d.origin === 'import').length;
  const csrf = sessionCsrfToken(c);
  return c.html(
    <StaffPage title="部门管理" staff={c.get('staff')} csrf={csrf}>
      <AdminBack />
      <h1>部门管理</h1>
      <Flash text={state ? undefined : doneNotice(c, notices)} />
      {imported ? (
        <p class="muted">标有「导入」的 {imported} 个部门由历史数据导入时新建，请核对后改为正式名称。</p>
      ) : null}
      <ul class="tickets card">
        {rows.map((d) => (
          <DepartmentItem d={d} state={state} csrf={csrf} />
        ))}
      </ul>
    </StaffPage>,
    status as ContentfulStatusCode,
  );
}

export const showDepartments = (c: AdminContext) => renderDepartments(c, null);

const changes = {
  name: (form: Record<string, string>) => ({ patch: { name: form.name ?? '' }, done: 'renamed' }),
  active: (form: Record<string, string>) => ({
    patch: { active: form.active === 'true' ? true : form.active === 'false' ? false : form.active },
    done: form.active === 'true' ? 'activated' : 'deactivated',
  }),
} as const;

export async function changeDepartmentOnPage(c: AdminContext) {
  const which = c.req.param('change') as keyof typeof changes;
  if (!Object.hasOwn(changes, which)) throw new HubError('not_found', '没有这个操作');
  const code = c.req.param('code') ?? '';
  const form = await readFormFields(c);
  const { patch, done } = changes[which](filledFields(form, ['name', 'active']));
  const formId = `${which === 'name' ? 'rename' : 'active'}-${code}`;
  const parsed = parseInput(departmentPatch, patch);
  if (!parsed.ok) return renderDepartments(c, { form: formId, values: form, errors: parsed.errors }, 422);
  try {
    await changeDepartment(openDb(c.env.DB), code, parsed.value);
  } catch (err) {
    // The active button has no field of its own: its refusal (still staffed, say) goes on top.
    const errors = refusalFields(err, which === 'name' ? ['name'] : []);
    if (!errors) throw err;
    return renderDepartments(c, { form: formId, values: form, errors }, (err as HubError).status);
  }
  return c.redirect(`${LIST}?done=${done}#dept-${encodeURIComponent(code)}`, 303);
}
