// Measured by scripts/bench/deadlines.mjs.
import calendarCn from '../../db/seed/calendar-cn.json';
import { createCalendar, shanghaiTime } from '../../routing/calendar';
import {
  computeDeadline,
  defaultSlaPolicies,
  findSlaPolicy,
  remainingMinutes,
  resumeDeadline,
} from '../../routing/sla';

const calendar = createCalendar(calendarCn as Array<{ date: string; kind: 'holiday' | 'workday' }>);
const policy = findSlaPolicy(defaultSlaPolicies, '依申请公开', 'normal');
const n = 20_000;
const start = shanghaiTime('2026-01-01', 9);
let sink = 0;
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  const dispatched = start + ((i * 7_919_000) % (300 * 86_400_000));
  const deadline = computeDeadline(calendar, policy, dispatched);
  const left = remainingMinutes(calendar, 'working', dispatched + 86_400_000, deadline);
  sink += resumeDeadline(calendar, 'working', dispatched + 3 * 86_400_000, left);
}
const ms = performance.now() - t0;
if (sink === 0) throw new Error('unreachable');
const at = new Date().toISOString();
console.log(JSON.stringify([{ name: 'deadline.dispatch_pause_resume', value: (n / ms) * 1000, unit: 'ops/s', n, at }]));
