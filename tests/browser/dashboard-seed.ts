// The history the dashboard's browser test imports (POST /api/v1/import): a few dozen letters
// over October and November with replies, ratings and letters never answered, so the figures
// have something of every kind: ranked and unranked departments, overdue, 满意 and 不满意.
// The expected figures are worked out from these records by the test, not read from the hub.

export interface HistoryRecord {
  externalId: string;
  channel: string;
  receivedAt: string;
  type: string;
  title: string;
  text: string;
  consentToPublish: boolean;
  department: string;
  replies?: Array<{ department: string; at: string; text: string }>;
  rating?: { resolved: boolean; satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied'; at: string };
}

const two = (n: number) => String(n).padStart(2, '0');
const day = (month: number, date: number, hour = 10) => `2026-${two(month)}-${two(date)}T${two(hour)}:00:00+08:00`;

const topics = ['路灯不亮', '井盖松动', '占道经营', '噪音扰民', '垃圾清运不及时', '绿化带破损'];
const channels = ['phone', 'mailbox', 'wechat'];

/** Answered two days on and rated: the first `unhappy` of them 不满意 and not resolved. */
function answered(department: string, n: number, unhappy: number, month: number): HistoryRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const date = 2 + (i % 20);
    return {
      externalId: `dash-${department}-${month}-${i}`,
      channel: channels[i % channels.length] as string,
      receivedAt: day(month, date),
      type: '求助',
      title: `${topics[i % topics.length]}（${department}-${i}）`,
      text: `幸福路第${i + 1}段${topics[i % topics.length]}，请尽快处理。`,
      consentToPublish: false,
      department,
      replies: [{ department, at: day(month, date + 2, 15), text: '经现场核查，已安排处理完毕。' }],
      rating: {
        resolved: i >= unhappy,
        satisfaction: i < unhappy ? 'dissatisfied' : i % 3 === 0 ? 'basically_satisfied' : 'satisfied',
        at: day(month, date + 3, 11),
      },
    };
  });
}

/** Never answered: open past their deadline, red once the cron runs. */
function unanswered(department: string, n: number): HistoryRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    externalId: `dash-open-${department}-${i}`,
    channel: 'phone',
    receivedAt: day(10, 20 + i),
    type: '投诉',
    title: `公交站台损坏（${i}）`,
    text: `人民路公交站台第${i + 1}处顶棚损坏，雨天无法候车。`,
    consentToPublish: false,
    department,
  }));
}

export const dashboardHistory: HistoryRecord[] = [
  ...answered('cgj', 14, 2, 11),
  ...answered('zjj', 11, 1, 11),
  ...answered('sthjj', 4, 0, 10),
  ...unanswered('jtj', 5),
];
