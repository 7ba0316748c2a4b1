import { describe, expect, it } from 'vitest';
import { correctionExample } from './corrections';
import { demoCategoryDepartments } from './demo-data';
import { type RoutingContext, routeMessage } from './route-message';
import { demoRoutingContext } from './shipped-model';

const context = demoRoutingContext();
const wages = '公司拖欠我们农民工三个月工资，老板电话不接，请劳动监察大队帮忙讨薪，要求依法支付工资和社保。';

describe('routeMessage', () => {
  it('routes a clear message to the label’s department with its explanation', () => {
    const d = routeMessage({ channel: 'mailbox', title: '拖欠工资', text: wages }, context);
    expect(d.category).toBe('劳动和社会保障');
    expect(d.departmentCode).toBe('rsj');
    expect(d.dispatch).toBe('auto');
    expect(d.assignedTo).toBe('rsj');
    expect(d.confidence).toBeGreaterThanOrEqual(context.threshold);
    expect(d.candidates).toHaveLength(3);
    expect(d.candidates[0]).toMatchObject({ label: '劳动和社会保障', departmentCode: 'rsj' });
    expect(d.candidates[0]!.score).toBeGreaterThanOrEqual(d.candidates[1]!.score);
    expect(d.normalisedText.startsWith('拖欠工资\n')).toBe(true);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('sends the ticket to the manual queue below the threshold', () => {
    // A message that says nothing about its subject: the model spreads its probability.
    const vague = '我想反映一个问题，希望有关部门重视一下，尽快给个答复，谢谢。';
    const d = routeMessage({ channel: 'mailbox', text: vague }, context);
    expect(d.confidence).toBeLessThan(context.threshold);
    expect(d.departmentCode).toBeNull();
    expect(d.dispatch).toBe('manual');
    expect(d.assignedTo).toBe('centre');
    expect(d.explanation).toContain('转人工派单');
    // The same clear message is dispatched or queued depending only on the threshold.
    const clear = routeMessage({ channel: 'mailbox', text: wages }, context);
    expect(clear.departmentCode).toBe('rsj');
    const strict = routeMessage(
      { channel: 'mailbox', text: wages },
      { ...context, threshold: clear.confidence + 0.0001 },
    );
    expect(strict.departmentCode).toBeNull();
    // The model's guess is still shown to the dispatcher.
    expect(strict.category).toBe('劳动和社会保障');
    // A message with no content at all is never dispatched automatically.
    expect(routeMessage({ channel: 'phone', text: '嗯' }, context).departmentCode).toBeNull();
  });

  it('lets a force rule override the model', () => {
    const text = '我们小区从昨天开始停水，到现在还没有来水，物业说不清楚原因。';
    const d = routeMessage({ channel: 'wechat', text }, context);
    expect(d.departmentCode).toBe('water');
    expect(d.category).toBe('供水');
    expect(d.rulesFired).toContain('force:utility-water');
    expect(d.keywords).toContain('停水');
    const noRules = routeMessage({ channel: 'wechat', text }, { ...context, rules: [] });
    expect(noRules.departmentCode).not.toBe('water');
    // A disabled rule does nothing.
    const disabled = context.rules.map((r) => ({ ...r, enabled: false }));
    expect(routeMessage({ channel: 'wechat', text }, { ...context, rules: disabled }).departmentCode).toBe(
      noRules.departmentCode,
    );
  });

  it('lets a boost rule lift a department into first place', () => {
    const text = '我在网上买的保健品是假冒伪劣产品，商家还虚假宣传，要求退款。';
    const withBoost: RoutingContext = {
      ...context,
      rules: [
        {
          id: 'fake-goods',
          pattern: ['假冒伪劣'],
          action: 'boost',
          category: '市场监管',
          departmentCode: 'scjgj',
          weight: 1,
          enabled: true,
        },
      ],
    };
    const d = routeMessage({ channel: 'mailbox', text }, withBoost);
    expect(d.candidates[0]).toMatchObject({ label: '市场监管', departmentCode: 'scjgj', score: 1 });
    expect(d.departmentCode).toBe('scjgj');
    expect(d.rulesFired).toEqual(['boost:fake-goods']);
  });

  it('ignores a rule with an invalid regular expression instead of failing', () => {
    const broken: RoutingContext = {
      ...context,
      rules: [{ id: 'broken', pattern: '(停水', action: 'force', departmentCode: 'water', enabled: true }],
    };
    expect(routeMessage({ channel: 'mailbox', text: wages }, broken).departmentCode).toBe('rsj');
  });

  it('applies the territorial principle to location-bound categories', () => {
    const text = 'A5区洞井街道某小区物业公司乱收停车费，业主多次反映，物业服务质量差，小区管理混乱。';
    // A threshold this message clears (the model gives 城乡建设 0.84), so the test is about
    // the territorial principle alone.
    const lowered: RoutingContext = { ...context, threshold: 0.5 };
    const d = routeMessage({ channel: 'mailbox', text }, lowered);
    expect(d.category).toBe('城乡建设');
    expect(d.place).toMatchObject({ code: 'A05-001', level: 'street', source: 'text' });
    expect(d.departmentCode).toBe('A05-001');
    expect(d.rulesFired).toContain('territorial:A05-001');
    // Without the street as a department, the district government answers.
    const districtsOnly: RoutingContext = {
      ...lowered,
      departments: context.departments.filter((x) => x.kind !== 'street'),
    };
    expect(routeMessage({ channel: 'mailbox', text }, districtsOnly).departmentCode).toBe('A05');
    // A category that is not territorial stays with the city department.
    const w = routeMessage({ channel: 'mailbox', text: `A5区洞井街道${wages}` }, context);
    expect(w.departmentCode).toBe('rsj');
    expect(w.place?.code).toBe('A05-001');
  });

  it('prefers the location the resident gave over places in the text', () => {
    const text = '小区物业乱收停车费，物业服务质量差，小区管理混乱，业主意见很大。';
    // A threshold this message clears, so the test is about the place alone.
    const d = routeMessage(
      { channel: 'open311', text, location: { address: 'A7县泉塘街道泉星社区' } },
      { ...context, threshold: 0.5 },
    );
    expect(d.place).toMatchObject({ code: 'A07-001-001', level: 'community', source: 'location' });
    expect(d.departmentCode).toBe('A07-001');
  });

  it('marks emergencies and follows the agent’s urgency and type hints', () => {
    const d = routeMessage({ channel: 'phone', text: '嗯，A3区学士街道有栋楼着火了，里面还有人被困' }, context);
    expect(d).toMatchObject({ urgency: 'urgent', lifeDanger: true, referral: '119' });
    expect(d.explanation).toContain('119');
    const h = routeMessage({ channel: 'phone', text: wages, hints: { urgency: 'urgent', type: '求助' } }, context);
    expect(h.urgency).toBe('urgent');
    expect(h.type).toBe('求助');
    expect(h.lifeDanger).toBe(false);
  });

  it('returns entities with offsets into the normalised text, and a signature', () => {
    const d = routeMessage({ channel: 'mailbox', text: '联系电话１３８１２３４５６７８，拖欠工资三个月' }, context);
    const phone = d.entities.phones[0]!;
    expect(d.normalisedText.slice(phone.start, phone.end)).toBe('13812345678');
    expect(d.signature).toMatch(/^[0-9a-f]{512}$/);
    expect(d.signatureBands).toHaveLength(32);
  });
});

describe('correctionExample', () => {
  const labels = context.model.labels;

  it('turns a re-dispatch to another bureau into a labelled example', () => {
    expect(
      correctionExample(
        { ticketId: 'T9', text: '学校乱收补课费', departmentCode: 'jyj' },
        demoCategoryDepartments,
        labels,
        '商贸旅游',
      ),
    ).toEqual({
      id: 'correction:T9',
      text: '学校乱收补课费',
      label: '教育文体',
      source: 'correction',
    });
  });

  it('learns nothing from a territorial or unchanged re-dispatch', () => {
    expect(
      correctionExample({ ticketId: 'T9', text: 'x', departmentCode: 'A05' }, demoCategoryDepartments, labels),
    ).toBeNull();
    expect(
      correctionExample(
        { ticketId: 'T9', text: 'x', category: '教育文体' },
        demoCategoryDepartments,
        labels,
        '教育文体',
      ),
    ).toBeNull();
  });
});
