// The tracking page's consent part (公开意愿): what the resident decided about publishing their
// question and its answer, and a one-button form, working without script, that changes it.

/** Said plainly: what is published, and what is not. */
export const consentTexts = {
  given: '您已同意公开：本工单的诉求和答复将隐去姓名、电话、地址门牌等个人信息后，在政务公开栏目公开。',
  notGiven: '您未同意公开：本工单的诉求和答复不会在政务公开栏目公开。',
  merged: '本工单已合并办理，是否公开以合并后的工单为准。',
  grant: '同意公开（个人信息隐去）',
  withdraw: '不公开（撤回同意）',
  saved: '已记录您的公开意愿。',
};

export function ConsentPanel(props: { ticketNo: string; code: string; consent: boolean; merged: boolean }) {
  return (
    <section class="card" aria-label="公开意愿">
      <h3>公开意愿</h3>
      <p>{props.merged ? consentTexts.merged : props.consent ? consentTexts.given : consentTexts.notGiven}</p>
      {props.merged ? null : (
        <form method="post" action="/track/consent">
          <input type="hidden" name="no" value={props.ticketNo} />
          <input type="hidden" name="code" value={props.code} />
          <input type="hidden" name="consent" value={props.consent ? 'no' : 'yes'} />
          <button type="submit">{props.consent ? consentTexts.withdraw : consentTexts.grant}</button>
        </form>
      )}
    </section>
  );
}
