// Urgency: emergencies are dispatched at once, and danger to life is flagged for referral to
// 110 (police), 119 (fire and rescue) or 120 (ambulance). Keyword patterns over the normalised
// text, with the negative contexts citizens use in ordinary complaints ("存在火灾隐患",
// "以防发生火灾") excluded, because a hazard report is not an emergency.

export type Urgency = 'normal' | 'urgent';
export type Referral = '110' | '119' | '120';
export type UrgencyAssessment = { urgency: Urgency; lifeDanger: boolean; referral?: Referral; keywords: string[] };

type Signal = { pattern: RegExp; words: string; lifeDanger: boolean; referral?: Referral };

// Words after an emergency keyword that turn it into a hazard or a hypothetical.
const HAZARD_AFTER = '(?!隐患|风险|危险|通道|设施|器材|演练|安全|检查|预案|事故的发生|的可能)';
// Words before it that make it hypothetical or past: 防止火灾, 一旦发生火灾, 预防溺水.
const HYPOTHETICAL_BEFORE =
  '(?<!防止|预防|以防|以免|避免|防范|一旦|万一|如果|若|担心|担忧|害怕|造成|引发|导致|易发生|可能|防|会)';

function signal(words: string, lifeDanger: boolean, referral?: Referral): Signal {
  return {
    pattern: new RegExp(`${HYPOTHETICAL_BEFORE}(?:${words})${HAZARD_AFTER}`, 'gu'),
    words,
    lifeDanger,
    referral,
  };
}

const SIGNALS: Signal[] = [
  // Fire and explosions.
  signal('着火了|起火了|失火了|发生火灾|火灾现场|大火|浓烟滚滚|烧起来了|爆炸了|发生爆炸', true, '119'),
  // Gas: a smell or leak now.
  signal(
    '燃气泄漏|煤气泄漏|天然气泄漏|燃气管道破裂|闻到(?:很大的|浓烈的|一股)?(?:煤气|燃气|天然气)味|漏气了',
    true,
    '119',
  ),
  // Structures giving way.
  signal(
    '倒塌了|坍塌了|垮塌了|塌方了|房屋倒塌|楼房倒塌|墙体倒塌|围墙倒塌|发生坍塌|发生塌方|山体滑坡|路面塌陷',
    true,
    '119',
  ),
  // People trapped: lifts, water, rubble.
  signal('被困|困在电梯|电梯困人|关在电梯|卡在电梯', true, '119'),
  // Flooding now.
  signal('被淹了|水淹|淹了|洪水|内涝严重|积水齐腰|积水已?没过|倒灌进|进水了', false),
  // Violence and threats to safety.
  signal('持刀|砍人|杀人|行凶|绑架|劫持|正在打人|殴打|威胁要杀|扬言要杀|报复社会', true, '110'),
  signal('要跳楼|想跳楼|准备跳楼|要自杀|想自杀|要轻生|想轻生|不想活了|活不下去了', true, '110'),
  // Medical emergencies.
  signal('昏迷|晕倒|休克|大出血|呼吸困难|心脏骤停|中毒了|食物中毒|触电|溺水|生命垂危|生命危险', true, '120'),
  // Hazards happening now, without danger to life stated.
  signal('电线掉落|电线断落|高压线断|井盖丢失|井盖被偷|窨井盖缺失|水管爆裂|爆管|大树倒伏|树倒了', false),
];

// A water or power outage becomes urgent when many households are cut off.
const OUTAGE = /(停水|断水|没水|停电|断电|没电|停气)/u;
const MANY_HOUSEHOLDS =
  /(整栋|整个小区|全小区|整个片区|全村|整个村|几栋|多栋|上百户|数百户|几百户|上千户|\d{2,}户|[几数十百千]+户|多户|全体居民|所有住户|家家户户)/u;
const OUTAGE_LONG = /(停水|停电|断水|断电)(已经?|已有|长达|超过)?[一二两三四五六七八九十\d]+(天|日)/u;

// Every signal needs one of its words: one scan for any of them lets the great majority of
// messages, which name no emergency, skip the signals' lookbehinds (tried at every position).
const ANY_SIGNAL_WORD = new RegExp(SIGNALS.map((s) => s.words).join('|'), 'u');

/** Urgency, danger to life and referral of a normalised message. */
export function assessUrgency(text: string): UrgencyAssessment {
  const keywords = new Set<string>();
  let urgent = false;
  let lifeDanger = false;
  let referral: Referral | undefined;
  for (const s of ANY_SIGNAL_WORD.test(text) ? SIGNALS : []) {
    for (const m of text.matchAll(s.pattern)) {
      keywords.add(m[0]);
      urgent = true;
      if (s.lifeDanger) {
        lifeDanger = true;
        // The first life-threatening signal names the service; 110 outranks the rest when
        // someone threatens violence, as the police must secure the scene first.
        if (!referral || s.referral === '110') referral = s.referral;
      }
    }
  }
  const outage = OUTAGE.exec(text);
  if (outage) {
    const many = MANY_HOUSEHOLDS.exec(text);
    const long = OUTAGE_LONG.exec(text);
    if (many || long) {
      urgent = true;
      keywords.add(outage[0]);
      if (many) keywords.add(many[0]);
      if (long) keywords.add(long[0]);
    }
  }
  return {
    urgency: urgent ? 'urgent' : 'normal',
    lifeDanger,
    ...(referral ? { referral } : {}),
    keywords: [...keywords],
  };
}
