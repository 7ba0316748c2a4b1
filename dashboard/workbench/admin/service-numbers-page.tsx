// GET /workbench/admin/service-numbers: the city's official service numbers (公开服务电话) that
// redaction leaves unmasked in published replies, a form to add one or change its label, and a
// button per number to remove it. The national lines (12345, 110…) are built in and listed apart.
// Every change goes through the API's own saveServiceNumber / deleteServiceNumber and schemas.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { openDb } from '../../../db/client';
import { HubError } from '../../../tickets/hub-error';
import { nationalServiceNumbers } from '../../../tickets/redaction/non-personal';
import { readFormFields, sessionCsrfToken } from '../../../worker/middleware/csrf';
import {
  deleteServiceNumber,
  listServiceNumbers,
  saveServiceNumber,
  serviceNumberInput,
  serviceNumberParam,
} from '../../../worker/routes/service-numbers';
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
  TextField,
} from './form-parts';
import { AdminBack } from './index-page';

const LIST = '/workbench/admin/service-numbers';
const notices: Record<string, string> = {
  saved: '服务号码已保存，公开答复中不再隐去该号码。',
  removed: '服务号码已删除，此后公开答复中按个人号码隐去。',
};
const pageInput = serviceNumberInput.extend({ number: serviceNumberParam });

async function renderList(c: AdminContext, state: FormState | null, status = 200) {
  const rows = await listServiceNumbers(openDb(c.env.DB));
  const csrf = sessionCsrfToken(c);
  return c.html(
    <StaffPage title="公开服务电话" staff={c.get('staff')} csrf={csrf}>
      <AdminBack />
      <h1>公开服务电话</h1>
      <p class="muted">这些号码是政府部门对外公布的服务电话，公开答复时保留原样，不按个人号码隐去。</p>
      <Flash text={state ? undefined : doneNotice(c, notices)} />
      <section class="card">
        <h2>本地号码</h2>
        {rows.length === 0 ? <p>还没有本地号码。</p> : null}
        <ul class="tickets">
          {rows.map((r) => (
            <li>
              <strong>{r.number}</strong> {r.label}
              <form method="post" action={`${LIST}/${encodeURIComponent(r.number)}/remove`}>
                <Csrf token={csrf} />
                <button type="submit">删除</button>
              </form>
            </li>
          ))}
        </ul>
      </section>
      <form method="post" action={LIST} class="card" id="save" aria-label="添加或修改服务号码" novalidate>
        <h2>添加或修改</h2>
        <FormError state={state} form="save" />
        <Csrf token={csrf} />
        <TextField state={state} form="save" name="number" label="号码（数字和短横线，如 0731-12345）" />
        <TextField state={state} form="save" name="label" label="名称（如 市住建局服务热线）" />
        <button type="submit">保存</button>
      </form>
      <section class="card">
        <h2>全国统一号码（内置）</h2>
        <p class="muted">{nationalServiceNumbers.join('、')}</p>
      </section>
    </StaffPage>,
    status as ContentfulStatusCode,
  );
}

export const showServiceNumbers = (c: AdminContext) => renderList(c, null);

export async function saveServiceNumberOnPage(c: AdminContext) {
  const form = await readFormFields(c);
  const parsed = parseInput(pageInput, filledFields(form, ['number', 'label']));
  if (!parsed.ok) return renderList(c, { form: 'save', values: form, errors: parsed.errors }, 422);
  const { number, ...body } = parsed.value;
  await saveServiceNumber(openDb(c.env.DB), number, body);
  return c.redirect(`${LIST}?done=saved`, 303);
}

export async function removeServiceNumberOnPage(c: AdminContext) {
  const number = c.req.param('number') ?? '';
  if (!serviceNumberParam.safeParse(number).success) throw new HubError('not_found', `服务号码不存在：${number}`);
  await deleteServiceNumber(openDb(c.env.DB), number);
  return c.redirect(`${LIST}?done=removed`, 303);
}
