// Demo-city seed data for routing: the gazetteer of 「A市」 (place names as the anonymised
// training data writes them), the departments, which department answers each model label,
// the categories handled where they happen (属地管理), and a starter set of dispatch rules.
// The integrator seeds D1 from these exports; admins edit them there afterwards.
import type { GazetteerEntry } from './gazetteer';
import type { RoutingRule } from './rules';

export type DepartmentKind = 'city' | 'district' | 'street' | 'functional' | 'centre';
export type Department = { code: string; name: string; kind: DepartmentKind; parentCode: string | null };

/** 「A市」's nine districts and counties with their streets/townships (街道/镇), in code order. */
const districtStreets: [district: string, streets: string[]][] = [
  ['A1区', ['马坡岭街道', '五里牌街道', '东屯渡街道']],
  ['A2区', ['暮云街道', '桂花坪街道', '南托街道']],
  ['A3区', ['学士街道', '西湖街道', '坪塘街道', '雨敞坪镇', '莲花镇']],
  ['A4区', ['捞刀河街道', '沙坪街道', '新港镇']],
  ['A5区', ['洞井街道', '同升街道', '黎托街道']],
  ['A6区', ['月亮岛街道', '茶亭镇']],
  ['A7县', ['泉塘街道', '榔梨街道', '黄花镇', '安沙镇']],
  ['A8县', ['玉潭街道', '灰汤镇', '双凫铺镇']],
  ['A9市', ['太平桥镇', '龙伏镇', '官桥镇']],
];

/** Other spellings residents use: a misspelling, or the 镇 a 街道 was before it was renamed. */
const streetAliases: Record<string, string[]> = {
  暮云街道: ['幕云街道'],
  坪塘街道: ['坪塘镇'],
  捞刀河街道: ['捞刀河镇'],
  榔梨街道: ['榔梨镇'],
  玉潭街道: ['玉潭镇'],
};

/** The demo's communities (社区), one under each of these streets, keyed by the street's code. */
const streetCommunities: Record<string, string> = {
  'A01-001': '马坡岭社区',
  'A01-002': '八一路社区',
  'A02-001': '云塘社区',
  'A02-002': '桂花园社区',
  'A03-001': '白羊坡社区',
  'A03-002': '杨树塘社区',
  'A04-001': '滨江社区',
  'A05-001': '九华山社区',
  'A05-002': '先锋社区',
  'A06-001': '滨江社区',
  'A07-001': '泉星社区',
  'A07-002': '狮子山社区',
  'A08-001': '七层坡社区',
  'A09-001': '东塔社区',
};

const districtCode = (i: number) => `A${String(i + 1).padStart(2, '0')}`;
const streetCode = (i: number, j: number) => `${districtCode(i)}-${String(j + 1).padStart(3, '0')}`;

/** 「A市」: the districts, then the streets/townships, then the communities (A01, A01-001, A01-001-001). */
export const demoGazetteer: GazetteerEntry[] = [
  ...districtStreets.map(
    ([name], i): GazetteerEntry => ({ code: districtCode(i), name, level: 'district', parentCode: null }),
  ),
  ...districtStreets.flatMap(([, streets], i) =>
    streets.map((name, j): GazetteerEntry => {
      const aliases = streetAliases[name];
      return {
        code: streetCode(i, j),
        name,
        level: 'street',
        parentCode: districtCode(i),
        ...(aliases ? { aliases } : {}),
      };
    }),
  ),
  ...Object.entries(streetCommunities).map(
    ([street, name]): GazetteerEntry => ({ code: `${street}-001`, name, level: 'community', parentCode: street }),
  ),
];

/** City functional departments and utilities, by code. */
const functionalDepartments: Record<string, string> = {
  zjj: '市住房和城乡建设局',
  rsj: '市人力资源和社会保障局',
  jyj: '市教育局',
  swj: '市商务局',
  sthjj: '市生态环境局',
  wjw: '市卫生健康委员会',
  jtj: '市交通运输局',
  gaj: '市公安局',
  scjgj: '市市场监督管理局',
  cgj: '市城市管理局',
  zrzyj: '市自然资源和规划局',
  mzj: '市民政局',
  ybj: '市医疗保障局',
  water: '市供水有限公司',
  power: '国网A市供电公司',
  gas: '市燃气有限公司',
  heat: '市热力有限公司',
};

/** The departments routing can name (city functional departments, utilities, governments, the centre). */
export const demoDepartments: Department[] = [
  { code: 'centre', name: 'A市12345政务服务便民热线中心', kind: 'centre', parentCode: null },
  ...Object.entries(functionalDepartments).map(
    ([code, name]): Department => ({ code, name, kind: 'functional', parentCode: null }),
  ),
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

/** Keywords (any one matches), written as one space-separated line. */
const words = (line: string) => line.split(' ');

/** A rule that sends matching messages to the department whatever the model says (utilities). */
function forceRule(id: string, category: string, departmentCode: string, pattern: string[] | string): RoutingRule {
  return { id, pattern, action: 'force', category, departmentCode, enabled: true };
}

/** A rule that adds `weight` to the department's score, leaving the decision to the model. */
function boostRule(
  id: string,
  category: string,
  departmentCode: string,
  weight: number,
  pattern: string[],
): RoutingRule {
  return { id, pattern, action: 'boost', category, departmentCode, weight, enabled: true };
}

/** Starter rules; admins add, edit and disable rules in the workbench. */
export const demoRules: RoutingRule[] = [
  forceRule('utility-water', '供水', 'water', words('停水 自来水 水压低 水管爆裂 水表')),
  forceRule('utility-power', '供电', 'power', words('停电 断电 电压不稳 跳闸 电表')),
  forceRule('utility-gas', '燃气', 'gas', '(燃气|天然气|煤气)(泄漏|漏气|管道|停气|开户|表)'),
  forceRule('utility-heat', '供暖', 'heat', words('暖气不热 供暖 暖气片')),
  boostRule('police-fraud', '治安', 'gaj', 0.35, words('诈骗 传销 盗窃 被偷 打架斗殴 赌博')),
  boostRule(
    'market-food',
    '市场监管',
    'scjgj',
    0.3,
    words('食品安全 过期食品 假冒伪劣 虚假宣传 价格欺诈 缺斤少两 消费者权益'),
  ),
  boostRule('city-management', '城市管理', 'cgj', 0.3, words('占道经营 违章搭建 违法建筑 乱搭乱建 渣土 流动摊贩')),
  boostRule('medical-insurance', '医疗保障', 'ybj', 0.3, words('医保报销 医疗保险 医保卡 异地就医')),
  boostRule('civil-affairs', '民政', 'mzj', 0.3, words('低保 养老院 残疾人补贴 特困 殡葬')),
];
