// The words around a resident's name in what people write: the cues before it (我是, 居民, 我父亲),
// the words after it (反映, 投诉, 家), and the words that look like a surname and a given name but
// are not one (党员, 车主, 向社区). Kept apart from the patterns so that they can grow with use.
import { surnamePattern } from '../../routing';

export const surname = surnamePattern;

// A given name: one or two characters, as short as the words after it allow.
export const given = String.raw`\p{Script=Han}{1,2}?`;

/** Where a name ends: punctuation, the end of the text, or a word that follows a person. */
const endWords = [
  '于|男|女|系|现|是|出生|身份|电话|手机|联系',
  '反映|投诉|来电|来信|举报|咨询|求助|诉求|致电|说|称|表示',
  '家|的|住|在|今年|现年|等|和|与|及|同志|一家',
].join('|');
export const nameEnd = String.raw`(?=[\s，,。.！!？?、；;：:“”"'（）()【】\[\]\d]|$|${endWords})`;

/** Who introduces themselves or is introduced: 我是张伟, 叫王建国, 我名叫…, 他叫…. */
export const selfCues = ['我是', '我叫', '本人是', '本人叫', '名叫', '叫做', '叫'];

/** Roles a name follows (居民赵六反映, 业主王芳, 联系人：陈明, 投诉人：李四) and staff's contact verbs. */
export const roleCues = [
  '居民',
  '业主',
  '村民',
  '市民',
  '住户',
  '租户',
  '群众',
  '老人',
  '患者',
  '病人',
  '学生',
  '邻居',
  '房东',
  '租客',
  '员工',
  '工人',
  '司机',
  '网友',
  '家属',
  '来电人',
  '来信人',
  '反映人',
  '投诉人',
  '举报人',
  '当事人',
  '申请人',
  '户主',
  '联系人',
  '姓名',
  '署名',
  '落款',
  '签名',
  // What staff write in a reply: 已联系王建国, 电话告知李四, 回访张三.
  '联系',
  '告知',
  '通知',
  '回访',
  '约谈',
  '走访',
  '看望',
  '慰问',
];

/** Family members a resident names: 我父亲张某某, 我儿子王小明, 我爱人李芳. */
export const familyCues = [
  '父亲',
  '母亲',
  '爸爸',
  '妈妈',
  '儿子',
  '女儿',
  '爱人',
  '老伴',
  '妻子',
  '丈夫',
  '老公',
  '老婆',
  '哥哥',
  '姐姐',
  '弟弟',
  '妹妹',
  '爷爷',
  '奶奶',
  '外公',
  '外婆',
  '孙子',
  '孙女',
  '公公',
  '婆婆',
  '岳父',
  '岳母',
  '孩子',
  '小孩',
  '女婿',
  '儿媳',
  '侄子',
  '外甥',
];

/** The verbs that make the name before them the resident: 张三丰反映, 李四投诉. */
export const reportVerbs = ['反映', '投诉', '来电', '来信', '举报', '求助', '诉求', '致电', '咨询'];

/** Titles: 王先生 stays on a public page, and so does any surname with a title. */
export const titles =
  /(?:先生|女士|小姐|阿姨|师傅|老师|同志|大爷|大妈|大姐|大哥|经理|主任|书记|局长|科长|市长|县长|区长|镇长|乡长|村长|厂长|处长|部长|主席|队长|所长|院长|校长|医生|护士|律师|警官|总|工)$/u;

// The first given character that makes it no name: 我是在…, 叫他…, 我父亲今年….
const notGivenWords = [
  '[他她它你您我其即]|在|是|于|的|和|与|电话|手机|住|家|想|要|从|已|也|就|都|现|今|去|被|因|患|生病|年|身',
  '一|不|没|说|给|让|把|对|为|向|跟|到|又|还|才|刚|曾|经常|很|太|最|更|再|能|会|可|应|该|得|着|过|了|们|个',
  '此|这|那|每|各|多|些|等',
].join('|');
export const notGivenStart = new RegExp(`^.(?:${notGivenWords})`, 'u');

// Words that start with a surname character and are no one's name.
export const notNames = new Set([
  '党员',
  '高血压',
  '高龄',
  '高烧',
  '高考',
  '农民',
  '农户',
  '农村',
  '车主',
  '车辆',
  '商户',
  '商家',
  '房东',
  '房主',
  '房客',
  '文员',
  '师生',
  '高中',
  '高三',
  '高二',
  '高一',
  '全家',
  '全体',
  '安置',
  '关于',
  '方面',
  '明年',
  '明天',
  '时间',
  '万元',
  '成都',
  '江西',
  '湖南',
  '武汉',
  '长沙',
  '社区',
  '物业',
  '政府',
  '程序',
  '向社区',
  '向政府',
  '向物业',
  '向市长',
  '向领导',
  '和物业',
  '和社区',
]);

// A name does not end like a place, an office or a group of people.
export const notNameEnding = /[人员户主们队局委所办院站厅部处科司会区市县镇村乡路街道桥楼园店厂场馆校行段组群府门]$/u;

// Surnames that are also everyday words (向, 和, 于, 高, 文, 房, 车…): after one of them, a given
// name that is itself a word (向记者, 和小孩, 于平台) or that makes a word with it (文化宫, 高温退)
// is read as the word.
export const wordlikeSurnames = new Set([...'向和于时应成尤单全方安关明文高路施钱辛严曾车房连申符易游解费']);
