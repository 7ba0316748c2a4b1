// One text of a publication draft as the reviewer checks it: the original with every mask
// highlighted (<mark>, the kind as its title; a mask taken off is struck through), the text as the
// public would read it beside it, and a box per automatic mask to take it off.
import type { FC } from 'hono/jsx';
import type { Mask, MaskKind, PublicField } from '../../tickets/redaction/types';

export const fieldLabels: Record<PublicField, string> = {
  title: '标题',
  question: '诉求内容',
  reply: '答复内容',
  address: '地址',
};

export const maskKindLabels: Record<MaskKind, string> = {
  contact: '群众本人联系方式',
  name: '姓名',
  phone: '手机号码',
  landline: '固定电话',
  id_card: '身份证号',
  bank_card: '银行卡号',
  email: '电子邮箱',
  plate: '车牌号',
  wechat_id: '微信号',
  qq: 'QQ号',
  address: '门牌、楼栋、房号',
  number: '其他号码',
  reviewer: '审核人隐去',
};

export type OfferedMask = Mask & { removed: boolean };

/** The text cut at its masks: plain runs and marked spans, overlapping masks skipped. */
function segments(text: string, masks: readonly OfferedMask[]) {
  const out: Array<{ text: string; mask?: OfferedMask }> = [];
  let at = 0;
  for (const m of [...masks].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (m.start < at || m.end > text.length) continue;
    if (m.start > at) out.push({ text: text.slice(at, m.start) });
    out.push({ text: text.slice(m.start, m.end), mask: m });
    at = m.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

const Marked: FC<{ text: string; masks: readonly OfferedMask[] }> = ({ text, masks }) => (
  <pre>
    {segments(text, masks).map((s) =>
      s.mask ? (
        <mark
          title={maskKindLabels[s.mask.kind] ?? s.mask.kind}
          data-kind={s.mask.kind}
          class={s.mask.removed ? 'removed' : undefined}
        >
          {s.text}
        </mark>
      ) : (
        s.text
      ),
    )}
  </pre>
);

export const DraftText: FC<{
  field: PublicField;
  original: string;
  redacted: string;
  masks: readonly OfferedMask[];
}> = (p) => {
  const own = p.masks.filter((m) => m.field === p.field);
  const auto = own.filter((m) => m.source === 'auto');
  return (
    <section class="card draft-text" aria-label={fieldLabels[p.field]}>
      <h3>{fieldLabels[p.field]}</h3>
      <div class="side-by-side">
        <div>
          <p class="muted">原文（隐去部分已标出）</p>
          {p.original ? <Marked text={p.original} masks={own} /> : <p class="muted">（无）</p>}
        </div>
        <div>
          <p class="muted">公开文本</p>
          {p.redacted ? <pre class="public-text">{p.redacted}</pre> : <p class="muted">（无）</p>}
        </div>
      </div>
      {auto.length ? (
        <fieldset>
          <legend>自动隐去的内容（勾选即取消隐去）</legend>
          {auto.map((m) =>
            // The resident's own contact stays masked whatever the reviewer ticks (redaction
            // refuses it), so no box is offered that would do nothing.
            m.kind === 'contact' ? (
              <p class="check">
                「{p.original.slice(m.start, m.end)}」{maskKindLabels[m.kind] ?? m.kind} → {m.replacement}
                <span class="muted">（不可取消）</span>
              </p>
            ) : (
              <label class="check">
                <input type="checkbox" name="remove" value={m.id} checked={m.removed} />「
                {p.original.slice(m.start, m.end)}」{maskKindLabels[m.kind] ?? m.kind} → {m.replacement}
              </label>
            ),
          )}
        </fieldset>
      ) : null}
    </section>
  );
};
