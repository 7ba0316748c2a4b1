// GET /workbench/admin: where an admin finds the pages that keep the hub's accounts and settings.
import type { FC } from 'hono/jsx';
import { sessionCsrfToken } from '../../../worker/middleware/csrf';
import { StaffPage } from '../staff-frame';
import type { AdminContext } from './form-parts';

/** The admin pages, in the order an admin reaches for them. */
export const adminSections: Array<{ href: string; title: string; about: string }> = [
  { href: '/workbench/admin/users', title: '用户管理', about: '新建账号，停用或启用，重置密码，调整角色和部门' },
  { href: '/workbench/admin/departments', title: '部门管理', about: '部门树；核对历史导入的部门，改名或停用' },
  { href: '/workbench/admin/sla-policies', title: '办理时限', about: '各类工单的办理时限和延期上限' },
  { href: '/workbench/admin/calendar', title: '工作日历', about: '节假日和调休上班日，办理时限按此计算' },
  { href: '/workbench/admin/routing-rules', title: '分拨规则', about: '按关键词直接派单或优先推荐的规则，启用或停用' },
  { href: '/workbench/admin/canned-replies', title: '常用答复', about: '按分类维护咨询类工单的常用答复' },
  {
    href: '/workbench/admin/service-numbers',
    title: '公开服务电话',
    about: '部门对外公布的服务电话，公开答复时不隐去',
  },
  { href: '/workbench/admin/dead-letters', title: '投递失败的消息', about: '重试用尽仍未送达群众的消息，可重新发送' },
  { href: '/workbench/admin/audit', title: '联系方式查阅记录', about: '谁在何时查看了哪张工单的群众联系方式' },
];

export const AdminBack: FC = () => (
  <p>
    <a href="/workbench/admin">← 返回系统管理</a>
  </p>
);

export function showAdminIndex(c: AdminContext) {
  return c.html(
    <StaffPage title="系统管理" staff={c.get('staff')} csrf={sessionCsrfToken(c)}>
      <h1>系统管理</h1>
      <ul class="tickets">
        {adminSections.map((s) => (
          <li>
            <a href={s.href}>{s.title}</a>
            <div class="muted">{s.about}</div>
          </li>
        ))}
      </ul>
    </StaffPage>,
  );
}
