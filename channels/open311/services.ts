// The Open311 service list: the seven first-level categories of the routing model (the
// departments that answer), plus a few problems that are always about a place, which city
// Open311 clients (map apps) mostly report. Each maps to a routing category passed as a hint.

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

export const open311Services: Open311Service[] = [
  {
    code: 'urban_construction',
    name: '城乡建设',
    description: '住房、物业、房屋质量、城市规划与建设、拆迁安置等问题',
    group: '部门类别',
    keywords: ['住房', '物业', '小区', '拆迁', '工地'],
    type: 'realtime',
    routingCategory: '城乡建设',
    attributes: [],
  },
  {
    code: 'labour_social_security',
    name: '劳动和社会保障',
    description: '工资拖欠、社保、医保、养老、就业与劳动合同等问题',
    group: '部门类别',
    keywords: ['工资', '社保', '医保', '养老', '就业'],
    type: 'realtime',
    routingCategory: '劳动和社会保障',
    attributes: [],
  },
  {
    code: 'education_culture_sports',
    name: '教育文体',
    description: '入学、学校管理、培训机构、文化和体育设施等问题',
    group: '部门类别',
    keywords: ['学校', '入学', '培训', '体育'],
    type: 'realtime',
    routingCategory: '教育文体',
    attributes: [],
  },
  {
    code: 'commerce_tourism',
    name: '商贸旅游',
    description: '消费纠纷、市场经营、景区与旅游服务等问题',
    group: '部门类别',
    keywords: ['消费', '商家', '景区', '旅游'],
    type: 'realtime',
    routingCategory: '商贸旅游',
    attributes: [],
  },
  {
    code: 'environmental_protection',
    name: '环境保护',
    description: '噪声、油烟、废气、污水、垃圾焚烧等环境污染问题',
    group: '部门类别',
    keywords: ['噪声', '油烟', '污染', '排污'],
    type: 'realtime',
    routingCategory: '环境保护',
    attributes: [
      {
        code: 'pollution_kind',
        description: '污染类型',
        datatype: 'singlevaluelist',
        required: false,
        order: 1,
        values: [
          { key: 'noise', name: '噪声' },
          { key: 'fumes', name: '油烟' },
          { key: 'air', name: '废气' },
          { key: 'water', name: '污水' },
          { key: 'other', name: '其他' },
        ],
      },
    ],
  },
  {
    code: 'health_family_planning',
    name: '卫生计生',
    description: '医疗服务、医院管理、疫苗接种、计划生育与母婴保健等问题',
    group: '部门类别',
    keywords: ['医院', '医疗', '疫苗'],
    type: 'realtime',
    routingCategory: '卫生计生',
    attributes: [],
  },
  {
    code: 'transport',
    name: '交通运输',
    description: '公交、出租车、道路运输、交通设施等问题',
    group: '部门类别',
    keywords: ['公交', '出租车', '道路', '交通'],
    type: 'realtime',
    routingCategory: '交通运输',
    attributes: [],
  },
  {
    code: 'city_sanitation',
    name: '市容环卫',
    description: '垃圾清运不及时、道路不洁、公厕问题、乱贴乱画',
    group: '街面问题',
    keywords: ['垃圾', '保洁', '公厕'],
    type: 'realtime',
    routingCategory: '城乡建设',
    attributes: [
      {
        code: 'issue',
        description: '问题类型',
        datatype: 'singlevaluelist',
        required: true,
        order: 1,
        values: [
          { key: 'garbage', name: '垃圾堆积' },
          { key: 'street_dirty', name: '道路不洁' },
          { key: 'toilet', name: '公厕问题' },
          { key: 'graffiti', name: '乱贴乱画' },
        ],
      },
    ],
  },
  {
    code: 'street_light',
    name: '路灯',
    description: '路灯不亮、白天常亮、灯杆损坏',
    group: '街面问题',
    keywords: ['路灯', '照明'],
    type: 'realtime',
    routingCategory: '城乡建设',
    attributes: [
      {
        code: 'fault',
        description: '故障类型',
        datatype: 'singlevaluelist',
        required: true,
        order: 1,
        values: [
          { key: 'dark', name: '不亮' },
          { key: 'always_on', name: '白天常亮' },
          { key: 'flicker', name: '闪烁' },
          { key: 'pole_damaged', name: '灯杆损坏' },
        ],
      },
      {
        code: 'pole_number',
        description: '灯杆编号（杆身上的编号，可不填）',
        datatype: 'string',
        required: false,
        order: 2,
      },
    ],
  },
  {
    code: 'street_vending',
    name: '占道经营',
    description: '流动摊贩、店外经营占用人行道或车行道',
    group: '街面问题',
    keywords: ['摊贩', '占道', '夜市'],
    type: 'realtime',
    routingCategory: '城乡建设',
    attributes: [
      {
        code: 'time_of_day',
        description: '经常出现的时段',
        datatype: 'singlevaluelist',
        required: false,
        order: 1,
        values: [
          { key: 'morning', name: '早上' },
          { key: 'daytime', name: '白天' },
          { key: 'evening', name: '晚上' },
          { key: 'all_day', name: '全天' },
        ],
      },
    ],
  },
];

export const open311ServiceByCode = new Map(open311Services.map((s) => [s.code, s]));
export const open311ServiceByName = new Map(open311Services.map((s) => [s.name, s]));
