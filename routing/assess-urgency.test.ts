import { describe, expect, it } from 'vitest';
import { assessUrgency } from './assess-urgency';
import { classifyType } from './classify-type';

describe('assessUrgency', () => {
  it('flags a gas leak as urgent, life-threatening, for 119', () => {
    const r = assessUrgency('我家楼道里闻到很浓的煤气味，好像是燃气泄漏，请马上派人');
    expect(r).toMatchObject({ urgency: 'urgent', lifeDanger: true, referral: '119' });
    expect(r.keywords).toContain('燃气泄漏');
  });

  it('flags fire, collapse and people trapped', () => {
    expect(assessUrgency('对面楼着火了，浓烟很大').referral).toBe('119');
    expect(assessUrgency('工地围墙倒塌了，压住了路过的人').lifeDanger).toBe(true);
    expect(assessUrgency('有人被困在电梯里半个小时了')).toMatchObject({
      urgency: 'urgent',
      lifeDanger: true,
      referral: '119',
    });
  });

  it('refers violence and self-harm to 110 and medical emergencies to 120', () => {
    expect(assessUrgency('邻居持刀在楼下威胁要砍人').referral).toBe('110');
    expect(assessUrgency('我被拖欠工资半年，真的不想活了').referral).toBe('110');
    expect(assessUrgency('路边有位老人晕倒了，没有人管').referral).toBe('120');
  });

  it('makes an outage urgent only when many households or days are affected', () => {
    expect(assessUrgency('整个小区停水两天了，几百户居民没水做饭').urgency).toBe('urgent');
    expect(assessUrgency('我们村停电已经3天了').urgency).toBe('urgent');
    const one = assessUrgency('我家昨天停电了一会儿，想问问原因');
    expect(one).toEqual({ urgency: 'normal', lifeDanger: false, keywords: [] });
  });

  it('treats flooding as urgent without a referral unless someone is in danger', () => {
    const r = assessUrgency('暴雨后地下车库进水了，车都被淹了');
    expect(r.urgency).toBe('urgent');
    expect(r.lifeDanger).toBe(false);
    expect(r.referral).toBeUndefined();
  });

  it('does not treat hazard reports and hypotheticals as emergencies', () => {
    expect(assessUrgency('楼道堆满杂物，存在火灾隐患，一旦发生火灾后果不堪设想').urgency).toBe('normal');
    expect(assessUrgency('小区消防通道被占用，希望整改以防发生火灾').urgency).toBe('normal');
    expect(assessUrgency('建议学校加强防溺水教育，预防溺水').urgency).toBe('normal');
  });
});

describe('classifyType', () => {
  it('reads what residents say they are doing', () => {
    expect(classifyType('我要投诉A5区某物业公司乱收费').type).toBe('投诉');
    expect(classifyType('实名举报某工厂夜间偷排污水').type).toBe('举报');
    expect(classifyType('建议在学校门口增设红绿灯').type).toBe('建议');
    expect(classifyType('特别感谢社区网格员，为他们点个赞').type).toBe('表扬');
    expect(classifyType('本人申请政府信息公开：2019年某地块征收补偿方案').type).toBe('依申请公开');
    expect(classifyType('请问新生儿医保怎么办理？需要什么材料？').type).toBe('咨询');
    expect(classifyType('家里老人生病无人照顾，生活困难，恳请帮忙').type).toBe('求助');
  });

  it('does not take praise words in a complaint as praise', () => {
    expect(classifyType('感谢你们的回复，但是拖欠工资的问题仍未解决，我要投诉').type).toBe('投诉');
  });

  it('reports the keywords that decided', () => {
    expect(classifyType('实名举报某工厂夜间偷排污水').keywords).toEqual(['实名举报', '偷排']);
  });

  it('follows the hint when one is given', () => {
    expect(classifyType('我要投诉', '咨询')).toEqual({ type: '咨询', keywords: [] });
  });
});
