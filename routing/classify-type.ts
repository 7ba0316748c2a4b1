// The ticket type (诉求类型): 咨询, 求助, 投诉, 举报, 建议, 表扬, 依申请公开. Decides the
// deadline class (DESIGN.md, "Time, deadlines and the calendar"), so it leans on what residents
// say they are doing ("我要投诉", "特此举报") and falls back to the shape of the message.

export const ticketTypes = ['咨询', '求助', '投诉', '举报', '建议', '表扬', '依申请公开'] as const;
export type TicketType = (typeof ticketTypes)[number];

export type TypeResult = { type: TicketType; keywords: string[] };

type Cue = { type: TicketType; pattern: RegExp; weight: number };

const cue = (type: TicketType, words: string, weight: number): Cue => ({
  type,
  pattern: new RegExp(words, 'gu'),
  weight,
});

const CUES: Cue[] = [
  // Government-information disclosure is a legal procedure: an explicit request settles it.
  cue('依申请公开', '依申请公开|申请(?:政府)?信息公开|政府信息公开申请|申请公开|信息公开申请', 10),
  cue('举报', '举报|检举|揭发|实名举报', 4),
  cue(
    '举报',
    '偷排|非法(?:经营|营运|采砂|采矿|行医|集资)|无证经营|违法(?:排放|建设|施工|经营)|黑诊所|黑作坊|骗保',
    1.5,
  ),
  cue(
    '投诉',
    '投诉|不作为|乱作为|态度恶劣|态度极差|推诿|乱收费|拖欠|克扣|扰民|强行|霸王条款|欺骗|坑害|严重影响|无人处理|没人管|不予理睬',
    2,
  ),
  cue('投诉', '我要投诉|特此投诉|强烈投诉', 4),
  cue('表扬', '表扬|点赞|赞扬|致谢|锦旗|感谢信|好人好事|为.{1,12}点个赞|衷心感谢|特别感谢', 3),
  cue(
    '建议',
    '建议|提议|倡议|呼吁|希望(?:政府|相关部门|有关部门)?(?:能够?|可以)?(?:增设|增加|修建|开通|设置|规划|出台|考虑)|能否考虑|恳请.{0,10}(?:规划|增设|修建)',
    2,
  ),
  cue('求助', '求助|求求|救救|帮帮|帮忙|请求帮助|走投无路|无家可归|生活困难|急需|怎么办', 2),
  cue(
    '咨询',
    '咨询|请问|想问|问一下|问问|了解一下|是否可以|能不能|可不可以|如何办理|怎么办理|怎样办理|需要什么(?:材料|手续)|在哪里办|什么时候|何时|多久|政策是',
    1.5,
  ),
];

// Praise words also appear in complaints ("感谢…但是…"); a complaint cue outweighs them.
const PRAISE_ONLY_IF_NO = /投诉|举报|不作为|拖欠|恶劣/u;

/**
 * The type of a normalised message. `hint` (the call-centre agent's choice, or the type the
 * resident picked on a form) wins when given: people know what they are asking for.
 */
export function classifyType(text: string, hint?: TicketType | null): TypeResult {
  if (hint && (ticketTypes as readonly string[]).includes(hint)) return { type: hint, keywords: [] };
  const score = new Map<TicketType, number>();
  const keywords: string[] = [];
  for (const c of CUES) {
    for (const m of text.matchAll(c.pattern)) {
      if (c.type === '表扬' && PRAISE_ONLY_IF_NO.test(text)) continue;
      score.set(c.type, (score.get(c.type) ?? 0) + c.weight);
      if (!keywords.includes(m[0])) keywords.push(m[0]);
    }
  }
  // Question marks mark a consultation when nothing stronger is said.
  const questions = (text.match(/[?？]|吗[?？。,，!！]?$/gu) ?? []).length;
  if (questions > 0) score.set('咨询', (score.get('咨询') ?? 0) + 0.5 * Math.min(questions, 3));
  let best: TicketType = '求助';
  let bestScore = 0;
  // Ties go to the earlier, more specific type in this order.
  for (const type of ['依申请公开', '举报', '投诉', '表扬', '建议', '咨询', '求助'] as const) {
    const s = score.get(type) ?? 0;
    if (s > bestScore) {
      best = type;
      bestScore = s;
    }
  }
  return { type: best, keywords };
}
