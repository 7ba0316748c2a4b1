// Demo-city seed data for routing: the gazetteer of 「A市」 (place names as the anonymised
// training data writes them), the departments, which department answers each model label,
// the categories handled where they happen (属地管理), and a starter set of dispatch rules.
// The integrator seeds D1 from these exports; admins edit them there afterwards.
import type { GazetteerEntry } from './gazetteer';
import type { RoutingRule } from './rules';

export type DepartmentKind = 'city' | 'district' | 'street' | 'functional' | 'centre';
export type Department = { code: string; name: string; kind: DepartmentKind; parentCode: string | null };

/** 「A市」: nine districts and counties, then streets/townships (街道/镇), then communities (社区). */
export const demoGazetteer: GazetteerEntry[] = [
  { code: 'A01', name: 'A1区', level: 'district', parentCode: null },
  { code: 'A02', name: 'A2区', level: 'district', parentCode: null },
  { code: 'A03', name: 'A3区', level: 'district', parentCode: null },
  { code: 'A04', name: 'A4区', level: 'district', parentCode: null },
  { code: 'A05', name: 'A5区', level: 'district', parentCode: null },
  { code: 'A06', name: 'A6区', level: 'district', parentCode: null },
  { code: 'A07', name: 'A7县', level: 'district', parentCode: null },
  { code: 'A08', name: 'A8县', level: 'district', parentCode: null },
  { code: 'A09', name: 'A9市', level: 'district', parentCode: null },

  { code: 'A01-001', name: '马坡岭街道', level: 'street', parentCode: 'A01' },
  { code: 'A01-002', name: '五里牌街道', level: 'street', parentCode: 'A01' },
  { code: 'A01-003', name: '东屯渡街道', level: 'street', parentCode: 'A01' },
  { code: 'A02-001', name: '暮云街道', level: 'street', parentCode: 'A02', aliases: ['幕云街道'] },
  { code: 'A02-002', name: '桂花坪街道', level: 'street', parentCode: 'A02' },
  { code: 'A02-003', name: '南托街道', level: 'street', parentCode: 'A02' },
  { code: 'A03-001', name: '学士街道', level: 'street', parentCode: 'A03' },
  { code: 'A03-002', name: '西湖街道', level: 'street', parentCode: 'A03' },
  { code: 'A03-003', name: '坪塘街道', level: 'street', parentCode: 'A03', aliases: ['坪塘镇'] },
  { code: 'A03-004', name: '雨敞坪镇', level: 'street', parentCode: 'A03' },
  { code: 'A03-005', name: '莲花镇', level: 'street', parentCode: 'A03' },
  { code: 'A04-001', name: '捞刀河街道', level: 'street', parentCode: 'A04', aliases: ['捞刀河镇'] },
  { code: 'A04-002', name: '沙坪街道', level: 'street', parentCode: 'A04' },
  { code: 'A04-003', name: '新港镇', level: 'street', parentCode: 'A04' },
  { code: 'A05-001', name: '洞井街道', level: 'street', parentCode: 'A05' },
  { code: 'A05-002', name: '同升街道', level: 'street', parentCode: 'A05' },
  { code: 'A05-003', name: '黎托街道', level: 'street', parentCode: 'A05' },
  { code: 'A06-001', name: '月亮岛街道', level: 'street', parentCode: 'A06' },
  { code: 'A06-002', name: '茶亭镇', level: 'street', parentCode: 'A06' },
  { code: 'A07-001', name: '泉塘街道', level: 'street', parentCode: 'A07' },
  { code: 'A07-002', name: '榔梨街道', level: 'street', parentCode: 'A07', aliases: ['榔梨镇'] },
  { code: 'A07-003', name: '黄花镇', level: 'street', parentCode: 'A07' },
  { code: 'A07-004', name: '安沙镇', level: 'street', parentCode: 'A07' },
  { code: 'A08-001', name: '玉潭街道', level: 'street', parentCode: 'A08', aliases: ['玉潭镇'] },
  { code: 'A08-002', name: '灰汤镇', level: 'street', parentCode: 'A08' },
  { code: 'A08-003', name: '双凫铺镇', level: 'street', parentCode: 'A08' },
  { code: 'A09-001', name: '太平桥镇', level: 'street', parentCode: 'A09' },
  { code: 'A09-002', name: '龙伏镇', level: 'street', parentCode: 'A09' },
  { code: 'A09-003', name: '官桥镇', level: 'street', parentCode: 'A09' },

  { code: 'A01-001-001', name: '马坡岭社区', level: 'community', parentCode: 'A01-001' },
  { code: 'A01-002-001', name: '八一路社区', level: 'community', parentCode: 'A01-002' },
  { code: 'A02-001-001', name: '云塘社区', level: 'community', parentCode: 'A02-001' },
  { code: 'A02-002-001', name: '桂花园社区', level: 'community', parentCode: 'A02-002' },
  { code: 'A03-001-001', name: '白羊坡社区', level: 'community', parentCode: 'A03-001' },
  { code: 'A03-002-001', name: '杨树塘社区', level: 'community', parentCode: 'A03-002' },
  { code: 'A04-001-001', name: '滨江社区', level: 'community', parentCode: 'A04-001' },
  { code: 'A05-001-001', name: '九华山社区', level: 'community', parentCode: 'A05-001' },
  { code: 'A05-002-001', name: '先锋社区', level: 'community', parentCode: 'A05-002' },
  { code: 'A06-001-001', name: '滨江社区', level: 'community', parentCode: 'A06-001' },
  { code: 'A07-001-001', name: '泉星社区', level: 'community', parentCode: 'A07-001' },
  { code: 'A07-002-001', name: '狮子山社区', level: 'community', parentCode: 'A07-002' },
  { code: 'A08-001-001', name: '七层坡社区', level: 'community', parentCode: 'A08-001' },
  { code: 'A09-001-001', name: '东塔社区', level: 'community', parentCode: 'A09-001' },
];

/** The departments routing can name (city functional departments, utilities, governments, the centre). */
export const demoDepartments: Department[] = [
  { code: 'centre', name: 'A市12345政务服务便民热线中心', kind: 'centre', parentCode: null },
  { code: 'zjj', name: '市住房和城乡建设局', kind: 'functional', parentCode: null },
  { code: 'rsj', name: '市人力资源和社会保障局', kind: 'functional', parentCode: null },
  { code: 'jyj', name: '市教育局', kind: 'functional', parentCode: null },
  { code: 'swj', name: '市商务局', kind: 'functional', parentCode: null },
  { code: 'sthjj', name: '市生态环境局', kind: 'functional', parentCode: null },
  { code: 'wjw', name: '市卫生健康委员会', kind: 'functional', parentCode: null },
  { code: 'jtj', name: '市交通运输局', kind: 'functional', parentCode: null },
  { code: 'gaj', name: '市公安局', kind: 'functional', parentCode: null },
  { code: 'scjgj', name: '市市场监督管理局', kind: 'functional', parentCode: null },
  { code: 'cgj', name: '市城市管理局', kind: 'functional', parentCode: null },
  { code: 'zrzyj', name: '市自然资源和规划局', kind: 'functional', parentCode: null },
  { code: 'mzj', name: '市民政局', kind: 'functional', parentCode: null },
  { code: 'ybj', name: '市医疗保障局', kind: 'functional', parentCode: null },
  { code: 'water', name: '市供水有限公司', kind: 'functional', parentCode: null },
  { code: 'power', name: '国网A市供电公司', kind: 'functional', parentCode: null },
  { code: 'gas', name: '市燃气有限公司', kind: 'functional', parentCode: null },
  { code: 'heat', name: '市热力有限公司', kind: 'functional', parentCode: null },
  ...demoGazetteer
    .filter((p) => p.level === 'district')
    .map((p): Department => ({ code: p.code, name: `${p.name}人民政府`, kind: 'district', parentCode: null })),
  ...demoGazetteer
    .filter((p) => p.level === 'street')
    .map(
      (p): Department => ({
        code: p.code,
        name: p.name.endsWith('街道') ? `${p.name}办事处` : `${p.name}人民政府`,
        kind: 'street',
        parentCode: p.parentCode,
      }),
    ),
];

/** Which department answers each category (the model's seven labels, plus rule categories). */
export const demoCategoryDepartments: Record<string, string> = {
  城乡建设: 'zjj',
  劳动和社会保障: 'rsj',
  教育文体: 'jyj',
  商贸旅游: 'swj',
  环境保护: 'sthjj',
  卫生计生: 'wjw',
  交通运输: 'jtj',
  供水: 'water',
  供电: 'power',
  燃气: 'gas',
  供暖: 'heat',
  治安: 'gaj',
  市场监管: 'scjgj',
  城市管理: 'cgj',
  医疗保障: 'ybj',
  民政: 'mzj',
};

/**
 * Categories answered by the government where the problem is (属地管理) once a place is known:
 * property management, demolition, building sites and neighbourhood pollution are handled by the
 * district and its streets, not by the city bureau.
 */
export const demoTerritorialCategories: string[] = ['城乡建设', '环境保护', '城市管理'];

/**
 * Below this probability the model does not decide: the ticket waits in the manual queue. On
 * 5-fold cross-validation of the training file (`npm run routing:thresholds`), 0.85 dispatches
 * 88.4% of messages automatically and 95.3% of those are right: the most coverage that keeps
 * auto-dispatch at least 95% right (0.8 would dispatch 90.4% at 94.7%, 0.5 98.0% at 92.4%).
 * A wrong department costs a return and days, a dispatcher's look costs minutes.
 */
export const demoThreshold = 0.85;

export const demoManualQueueDepartment = 'centre';

/** Starter rules; admins add, edit and disable rules in the workbench. */
export const demoRules: RoutingRule[] = [
  {
    id: 'utility-water',
    pattern: ['停水', '自来水', '水压低', '水管爆裂', '水表'],
    action: 'force',
    category: '供水',
    departmentCode: 'water',
    enabled: true,
  },
  {
    id: 'utility-power',
    pattern: ['停电', '断电', '电压不稳', '跳闸', '电表'],
    action: 'force',
    category: '供电',
    departmentCode: 'power',
    enabled: true,
  },
  {
    id: 'utility-gas',
    pattern: '(燃气|天然气|煤气)(泄漏|漏气|管道|停气|开户|表)',
    action: 'force',
    category: '燃气',
    departmentCode: 'gas',
    enabled: true,
  },
  {
    id: 'utility-heat',
    pattern: ['暖气不热', '供暖', '暖气片'],
    action: 'force',
    category: '供暖',
    departmentCode: 'heat',
    enabled: true,
  },
  {
    id: 'police-fraud',
    pattern: ['诈骗', '传销', '盗窃', '被偷', '打架斗殴', '赌博'],
    action: 'boost',
    category: '治安',
    departmentCode: 'gaj',
    weight: 0.35,
    enabled: true,
  },
  {
    id: 'market-food',
    pattern: ['食品安全', '过期食品', '假冒伪劣', '虚假宣传', '价格欺诈', '缺斤少两', '消费者权益'],
    action: 'boost',
    category: '市场监管',
    departmentCode: 'scjgj',
    weight: 0.3,
    enabled: true,
  },
  {
    id: 'city-management',
    pattern: ['占道经营', '违章搭建', '违法建筑', '乱搭乱建', '渣土', '流动摊贩'],
    action: 'boost',
    category: '城市管理',
    departmentCode: 'cgj',
    weight: 0.3,
    enabled: true,
  },
  {
    id: 'medical-insurance',
    pattern: ['医保报销', '医疗保险', '医保卡', '异地就医'],
    action: 'boost',
    category: '医疗保障',
    departmentCode: 'ybj',
    weight: 0.3,
    enabled: true,
  },
  {
    id: 'civil-affairs',
    pattern: ['低保', '养老院', '残疾人补贴', '特困', '殡葬'],
    action: 'boost',
    category: '民政',
    departmentCode: 'mzj',
    weight: 0.3,
    enabled: true,
  },
];
