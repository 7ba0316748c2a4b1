// The call the phone tests start from: a resident reporting a broken street light, with the ASR
// noise a real transcript carries ([噪音], <unk>, （静音）) and the agent's lines in between.
// Tests override what they are about (the id always, the start time where it is checked).

export function phoneCall(callId: string, extra: Record<string, unknown> = {}) {
  return {
    callId,
    caller: '138-0013-8000',
    called: '12345',
    startedAt: new Date().toISOString(),
    durationS: 184,
    agentId: 'A1024',
    transcript: [
      { speaker: 'agent', text: '您好，12345热线，请问有什么可以帮您？', startMs: 0 },
      { speaker: 'caller', text: '喂[噪音]你好，我要反映一下我们小区门口的路灯', startMs: 3200 },
      { speaker: 'caller', text: '<unk>已经坏了一个多星期了（静音）', startMs: 7800 },
      { speaker: 'agent', text: '请问具体在什么位置？', startMs: 12000 },
      { speaker: 'caller', text: '就在滨江区长河街道江南春堤小区东门！', startMs: 14500 },
    ],
    summary: '长河街道江南春堤小区东门路灯损坏',
    type: '求助',
    location: '滨江区长河街道江南春堤小区东门',
    ...extra,
  };
}
