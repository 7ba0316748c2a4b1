// GET /workbench/admin/calendar?year=: the year's exceptions to the Monday–Friday week (holidays
// and 调休 working days), each with a button to remove it, and a form to add or change a day.
// Changes go through the API's own markCalendarDay / clearCalendarDay.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { openDb } from '../../../db/client';
import { formatShanghai } from '../../../routing/calendar';
import { HubError } from '../../../tickets/hub-error';
import { readFormFields, sessionCsrfToken } from '../../../worker/middleware/csrf';
import {
  type CalendarDay,
  calendarDate,
  calendarDayInput,
  clearCalendarDay,
  listCalendarYear,
  markCalendarDay,
} from '../../../worker/routes/calendar-days';
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
  SelectField,
  TextField,
} from './form-parts';
import { AdminBack } from './index-page';

const LIST = '/workbench/admin/calendar';
const kindLabels: Record<CalendarDay['kind'], string> = { holiday: '节假日（休息）', workday: '调休（上班）' };
const sourceLabels: Record<CalendarDay['source'], string> = {
  official: '国务院公布',
  statutory: '法定节日',
  admin: '管理员设定',
};
const notices: Record<string, string> = { saved: '日期已保存，期限计算随即生效。', removed: '已恢复为普通工作周。' };

const thisYear = () => Number(formatShanghai(Date.now()).slice(0, 4));
const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).catch(thisYear) });
const dayForm = calendarDayInput.extend({ date: calendarDate });

const DayRow = ({ d, year, csrf }: { d: CalendarDay; year: number; csrf: string }) => (
  <tr>
    <td>{d.date}</td>
    <td>{kindLabels[d.kind]}</td>
    <td>{d.name}</td>
    <td class="muted">{sourceLabels[d.source] ?? d.source}</td>
    <td>
      <form method="post" action={`${LIST}/${d.date}/remove?year=${year}`}>
        <Csrf token={csrf} />
        <button type="submit">删除</button>
      </form>
    </td>
  </tr>
);

async function renderCalendar(c: AdminContext, state: FormState | null, status = 200) {
  const { year } = yearQuery.parse({ year: c.req.query('year') ?? thisYear() });
  const days = await listCalendarYear(openDb(c.env.DB), year);
  const csrf = sessionCsrfToken(c);
  return c.html(
    <StaffPage title={`${year}年工作日历`} staff={c.get('staff')} csrf={csrf}>
      <AdminBack />
      <h1>{year}年工作日历</h1>
      <Flash text={state ? undefined : doneNotice(c, notices)} />
      <p>
        <a href={`${LIST}?year=${year - 1}`}>← {year - 1}年</a> ·{' '}
        <a href={`${LIST}?year=${year + 1}`}>{year + 1}年 →</a>
      </p>
      <p class="muted">只列出与“周一至周五上班”不同的日子。</p>
      {days.length === 0 ? (
        <p class="card">这一年还没有节假日或调休日。</p>
      ) : (
        <div class="card table-scroll">
          <table>
            <thead>
              <tr>
                <th>日期</th>
                <th>类别</th>
                <th>名称</th>
                <th>来源</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <DayRow d={d} year={year} csrf={csrf} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form method="post" action={`${LIST}?year=${year}`} class="card" id="day" aria-label="添加日期" novalidate>
        <h2>添加或修改日期</h2>
        <FormError state={state} form="day" />
        <Csrf token={csrf} />
        <TextField state={state} form="day" name="date" label="日期" type="date" />
        <SelectField state={state} form="day" name="kind" label="类别" options={Object.entries(kindLabels)} />
        <TextField state={state} form="day" name="name" label="名称（如 春节、国庆节调休）" />
        <button type="submit">保存</button>
      </form>
    </StaffPage>,
    status as ContentfulStatusCode,
  );
}

export const showCalendar = (c: AdminContext) => renderCalendar(c, null);

export async function saveCalendarDay(c: AdminContext) {
  const form = await readFormFields(c);
  const parsed = parseInput(dayForm, filledFields(form, ['date', 'kind', 'name']));
  if (!parsed.ok) return renderCalendar(c, { form: 'day', values: form, errors: parsed.errors }, 422);
  const { date, ...day } = parsed.value;
  await markCalendarDay(openDb(c.env.DB), date, day);
  return c.redirect(`${LIST}?year=${date.slice(0, 4)}&done=saved`, 303);
}

/** A day that is not in the calendar (removed meanwhile, say) is the 404 page with its date. */
export async function removeCalendarDay(c: AdminContext) {
  const date = calendarDate.safeParse(c.req.param('date'));
  if (!date.success) throw new HubError('not_found', '日期格式不正确');
  await clearCalendarDay(openDb(c.env.DB), date.data);
  const year = yearQuery.parse({ year: c.req.query('year') ?? thisYear() }).year;
  return c.redirect(`${LIST}?year=${year}&done=removed`, 303);
}
