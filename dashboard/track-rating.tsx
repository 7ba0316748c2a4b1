// The tracking page's rating parts (回访): the form for the current answer, which works without
// script, and the ratings the resident gave earlier answers (one per round: 0 before 重办).
import { type RatingInput, satisfactionLabels } from '../tickets/lifecycle/rate-ticket';
import type { TicketBundle } from '../tickets/views';

export interface RatingFormState {
  /** What the resident chose, kept when the form comes back with an error. */
  values: { resolved?: string; satisfaction?: string; comment?: string };
  /** By field; `form` is the refusal of the whole rating (the page shows it above the ticket). */
  errors: { resolved?: string; satisfaction?: string; comment?: string; form?: string };
}

const satisfactionChoices = Object.entries(satisfactionLabels) as [RatingInput['satisfaction'], string][];

function FieldError({ text }: { text?: string }) {
  return text ? <p class="error">{text}</p> : null;
}

export function RatingForm(props: { ticketNo: string; code: string; state: RatingFormState }) {
  const { values, errors } = props.state;
  const { satisfaction } = values;
  return (
    <form method="post" action="/track/rating" class="card" aria-label="评价">
      <h2>请评价本次办理</h2>
      <input type="hidden" name="no" value={props.ticketNo} />
      <input type="hidden" name="code" value={props.code} />
      <fieldset>
        <legend>解决了吗？</legend>
        {[
          ['yes', '已解决'],
          ['no', '未解决'],
        ].map(([value, label]) => (
          <label>
            <input type="radio" name="resolved" value={value} checked={values.resolved === value} required /> {label}
          </label>
        ))}
        <FieldError text={errors.resolved} />
      </fieldset>
      <fieldset>
        <legend>满意度</legend>
        {satisfactionChoices.map(([value, label]) => (
          <label>
            <input type="radio" name="satisfaction" value={value} checked={satisfaction === value} required /> {label}
          </label>
        ))}
        <FieldError text={errors.satisfaction} />
      </fieldset>
      <label for="comment">意见建议（选填）</label>
      <textarea id="comment" name="comment" maxlength={500} rows={3}>
        {values.comment ?? ''}
      </textarea>
      <FieldError text={errors.comment} />
      <button type="submit">提交评价</button>
    </form>
  );
}

/** Every round's rating: an earlier answer's is marked as such, so a reopened ticket shows both. */
export function RatingHistory(props: { ratings: TicketBundle['ratings']; current: number }) {
  if (props.ratings.length === 0) return null;
  return (
    <section class="card" aria-label="评价记录">
      <h3>评价记录</h3>
      <ul>
        {props.ratings.map((r) => (
          <li>
            {r.round < props.current ? `第${r.round + 1}次答复（已重办）：` : '本次答复：'}
            {r.resolved ? '已解决' : '未解决'}，{satisfactionLabels[r.satisfaction]}
            {r.comment ? `。意见：${r.comment}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
