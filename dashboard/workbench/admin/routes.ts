// The admins' workbench pages (mounted at /workbench/admin, behind the workbench's session, origin
// and CSRF checks): admins only, every other role a 403 page. Each page calls the same functions
// as its /api/v1/admin/… route, so a rule is kept in one place.
import { Hono } from 'hono';
import { requireStaff, type StaffVariables } from '../../../worker/auth/session';
import { adminErrorPage } from './admin-error';
import { showAudit } from './audit-page';
import { removeCalendarDay, saveCalendarDay, showCalendar } from './calendar-page';
import {
  createCannedReply,
  editCannedReply,
  setCannedReplyActive,
  showCannedReplies,
  showCannedReply,
} from './canned-replies-page';
import { resendDeadLetter, showDeadLetters } from './dead-letters-page';
import { changeDepartmentOnPage, showDepartments } from './departments-page';
import { showAdminIndex } from './index-page';
import { showRoutingRules, switchRoutingRule } from './routing-rules-page';
import { removeServiceNumberOnPage, saveServiceNumberOnPage, showServiceNumbers } from './service-numbers-page';
import { saveSlaPolicyOnPage, showSlaPolicies } from './sla-policies-page';
import { changeUser, showUser } from './user-page';
import { createUser, showUsers } from './users-page';

export const adminPages = new Hono<{ Bindings: Env; Variables: StaffVariables }>();

adminPages.onError(adminErrorPage);
adminPages.use('*', requireStaff('admin'));

adminPages.get('/', showAdminIndex);
adminPages.get('/users', showUsers);
adminPages.post('/users', createUser);
adminPages.get('/users/:username', showUser);
adminPages.post('/users/:username/:change', changeUser);
adminPages.get('/dead-letters', showDeadLetters);
adminPages.post('/dead-letters/:id/resend', resendDeadLetter);
adminPages.get('/canned-replies', showCannedReplies);
adminPages.post('/canned-replies', createCannedReply);
adminPages.get('/canned-replies/:id', showCannedReply);
adminPages.post('/canned-replies/:id', editCannedReply);
adminPages.post('/canned-replies/:id/active', setCannedReplyActive);
adminPages.get('/departments', showDepartments);
adminPages.post('/departments/:code/:change', changeDepartmentOnPage);
adminPages.get('/sla-policies', showSlaPolicies);
adminPages.post('/sla-policies/:type/:urgency', saveSlaPolicyOnPage);
adminPages.get('/calendar', showCalendar);
adminPages.post('/calendar', saveCalendarDay);
adminPages.post('/calendar/:date/remove', removeCalendarDay);
adminPages.get('/routing-rules', showRoutingRules);
adminPages.post('/routing-rules/:id/enabled', switchRoutingRule);
adminPages.get('/service-numbers', showServiceNumbers);
adminPages.post('/service-numbers', saveServiceNumberOnPage);
adminPages.post('/service-numbers/:number/remove', removeServiceNumberOnPage);
adminPages.get('/audit', showAudit);
