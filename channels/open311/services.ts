// The Open311 service list: the seven first-level categories of the routing model (the
// departments that answer), plus a few problems that are always about a place, which city
// Open311 clients (map apps) mostly report. Each maps to a routing category passed as a hint.
// The list is a table: one row a service, keywords as one space-separated string, list
// attributes as key → name; the builders below give them the GeoReport shape.

export type AttributeDatatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export interface ServiceAttribute {
  code: string;
  description: string;
  datatype: AttributeDatatype;
  required: boolean;
  datatypeDescription?: string;
  order: number;
  values?: { key: string; name: string }[];
}

export interface Open311Service {
  code: string;
  name: string;
  description: string;
  group: string;
  keywords: string[];
  /** realtime: handled one by one (GeoReport "type"). */
  type: 'realtime' | 'batch' | 'blackbox';
  /** The routing category (one of the model's seven) sent as a hint with the ticket. */
  routingCategory: string;
  attributes: ServiceAttribute[];
}

type Values = Record<string, string>;

/** A single-choice attribute; its order is its place in the service's row. */
function choice(code: string, description: string, required: boolean, values: Values): Omit<ServiceAttribute, 'order'> {
  const list = Object.entries(values).map(([key, name]) => ({ key, name }));
  return { code, description, datatype: 'singlevaluelist', required, values: list };
}

/** A free-text attribute residents may leave empty. */
function optionalText(code: string, description: string): Omit<ServiceAttribute, 'order'> {
  return { code, description, datatype: 'string', required: false };
}

type Row = [code: string, name: string, description: string, keywords: string, ...Omit<ServiceAttribute, 'order'>[]];

/** A department category routes to itself; a street problem routes to 城乡建设. */
function services(group: '部门类别' | '街面问题', rows: Row[]): Open311Service[] {
  return rows.map(([code, name, description, keywords, ...attributes]) => ({
    code,
    name,
    description,
    group,
    keywords: keywords.split(' '),
    type: 'realtime',
    routingCategory: group === '部门类别' ? name : '城乡建设',
    attributes: attributes.map((a, i) => ({ ...a, order: i + 1 })),
  }));
}

const pollutionKinds = { noise: '噪声', fumes: '油烟', air: '废气', water: '污水', other: '其他' };
const sanitationIssues = { garbage: '垃圾堆积', street_dirty: '道路不洁', toilet: '公厕问题', graffiti: '乱贴乱画' };
const lightFaults = { dark: '不亮', always_on: '白天常亮', flicker: '闪烁', pole_damaged: '灯杆损坏' };
const timesOfDay = { morning: '早上', daytime: '白天', evening: '晚上', all_day: '全天' };

export const open311Services: Open311Service[] = [
  ...services('部门类别', [
    [
      'urban_construction',
      '城乡建设',
      '住房、物业、房屋质量、城市规划与建设、拆迁安置等问题',
      '住房 物业 小区 拆迁 工地',
    ],
    [
      'labour_social_security',
      '劳动和社会保障',
      '工资拖欠、社保、医保、养老、就业与劳动合同等问题',
      '工资 社保 医保 养老 就业',
    ],
    ['education_culture_sports', '教育文体', '入学、学校管理、培训机构、文化和体育设施等问题', '学校 入学 培训 体育'],
    ['commerce_tourism', '商贸旅游', '消费纠纷、市场经营、景区与旅游服务等问题', '消费 商家 景区 旅游'],
    [
      'environmental_protection',
      '环境保护',
      '噪声、油烟、废气、污水、垃圾焚烧等环境污染问题',
      '噪声 油烟 污染 排污',
      choice('pollution_kind', '污染类型', false, pollutionKinds),
    ],
    ['health_family_planning', '卫生计生', '医疗服务、医院管理、疫苗接种、计划生育与母婴保健等问题', '医院 医疗 疫苗'],
    ['transport', '交通运输', '公交、出租车、道路运输、交通设施等问题', '公交 出租车 道路 交通'],
  ]),
  ...services('街面问题', [
    [
      'city_sanitation',
      '市容环卫',
      '垃圾清运不及时、道路不洁、公厕问题、乱贴乱画',
      '垃圾 保洁 公厕',
      choice('issue', '问题类型', true, sanitationIssues),
    ],
    [
      'street_light',
      '路灯',
      '路灯不亮、白天常亮、灯杆损坏',
      '路灯 照明',
      choice('fault', '故障类型', true, lightFaults),
      optionalText('pole_number', '灯杆编号（杆身上的编号，可不填）'),
    ],
    [
      'street_vending',
      '占道经营',
      '流动摊贩、店外经营占用人行道或车行道',
      '摊贩 占道 夜市',
      choice('time_of_day', '经常出现的时段', false, timesOfDay),
    ],
  ]),
];

export const open311ServiceByCode = new Map(open311Services.map((s) => [s.code, s]));
export const open311ServiceByName = new Map(open311Services.map((s) => [s.name, s]));
