// The parts of a figures report the monthly and the annual page share: the overview, the chart
// with the table by department beside it (the same numbers, for screen readers and for print),
// the 依申请公开 table in the annual report's shape, and the notes on how each figure is counted.
import { raw } from 'hono/html';
import type { FC } from 'hono/jsx';
import { applicantKinds, type DisclosureTable } from '../../tickets/publication/disclosure-table';
import type { DepartmentFigures } from '../../tickets/publication/monthly-figures-departments';
import { stylesheet } from '../stylesheets';
import { receivedRepliedChart } from './chart';

export const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
export const days = (value: number | null) => (value === null ? '—' : value.toFixed(1));

/** The report's styles: tables scroll sideways on a phone and the page prints on A4. */
export const reportStyles = stylesheet(
  'figures-report',
  `
.report h1{font-size:1.35rem;text-align:center;margin:.5rem 0}.report h2{font-size:1.1rem}
.period-nav{display:flex;flex-wrap:wrap;gap:.5rem 1rem;justify-content:center;margin:0 0 1rem}
.plain-list{list-style:none;padding:0}
.summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(8rem,1fr));gap:.5rem;margin:0}
.summary div{background:#f6f7f9;border-radius:.375rem;padding:.5rem}.summary dt{color:#57606a;font-size:.85rem}
.summary dd{margin:0;font-size:1.3rem;font-weight:600}
.table-scroll{overflow-x:auto}.table-scroll th,.table-scroll td{white-space:nowrap;vertical-align:baseline}
/* The caption is as wide as its table: held to the screen's width so a phone reads it whole. */
.table-scroll caption{position:sticky;left:0;max-width:calc(100vw - 4rem);text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tr.total th,tr.total td{font-weight:700;border-top:2px solid #1f2328}
figure{margin:0 0 1rem}figure svg{width:100%;height:auto;max-width:36rem;display:block;margin:0 auto}
table.gk th,table.gk td{border:1px solid #c8ccd1;text-align:center}table.gk th[scope=row]{text-align:left}
table.gk .d1{padding-left:1.5rem}table.gk .d2{padding-left:3rem;font-weight:400}
table.gk th{white-space:normal}table.gk th[scope=row]{min-width:11rem}table.gk td{min-width:3.5rem}
@media print{@page{size:A4;margin:15mm}body{background:#fff;font-size:10.5pt}header,.period-nav{display:none}
main,main.wide{max-width:none;padding:0}.card{box-shadow:none;padding:0}
.table-scroll{overflow:visible}.table-scroll th,.table-scroll td{white-space:normal}
section{break-inside:avoid-page}figure{break-inside:avoid}}
`,
);

export const Overview: FC<{ total: DepartmentFigures; periodWord: string }> = ({ total, periodWord }) => (
  <dl class="summary">
    {(
      [
        [`${periodWord}受理`, `${total.received} 件`],
        [`${periodWord}答复`, `${total.replied} 件`],
        ['按时办结率', percent(total.onTimeRate)],
        ['平均办理用时', total.avgWorkingDays === null ? '—' : `${days(total.avgWorkingDays)} 个工作日`],
        ['满意率', percent(total.satisfactionRate)],
      ] as const
    ).map(([term, value]) => (
      <div>
        <dt>{term}</dt>
        <dd>{value}</dd>
      </div>
    ))}
  </dl>
);

const FigureCells: FC<{ d: DepartmentFigures }> = ({ d }) => (
  <>
    <td class="n">{d.received}</td>
    <td class="n">{d.replied}</td>
    <td class="n">{d.onTime}</td>
    <td class="n">{d.overdue}</td>
    <td class="n">{percent(d.onTimeRate)}</td>
    <td class="n">{days(d.avgWorkingDays)}</td>
    <td class="n">{d.rated}</td>
    <td class="n">{percent(d.satisfactionRate)}</td>
  </>
);

export const DepartmentSection: FC<{ rows: DepartmentFigures[]; total: DepartmentFigures; caption: string }> = (p) => (
  <section class="card" aria-labelledby="by-department">
    <h2 id="by-department">二、各单位办理情况</h2>
    {p.rows.length === 0 ? (
      <p>本期无受理或答复的诉求。</p>
    ) : (
      <>
        <figure aria-labelledby="chart-caption">
          {raw(receivedRepliedChart(p.rows))}
          <figcaption id="chart-caption" class="muted">
            图：{p.caption}各单位受理与答复件数（数据见下表）
          </figcaption>
        </figure>
        <div class="table-scroll">
          <table>
            <caption class="muted">{p.caption}各单位办理情况（街道、下属单位计入其上级单位）</caption>
            <thead>
              <tr>
                <th scope="col">单位</th>
                <th scope="col" class="n">
                  受理
                </th>
                <th scope="col" class="n">
                  答复
                </th>
                <th scope="col" class="n">
                  按时答复
                </th>
                <th scope="col" class="n">
                  逾期未答复
                </th>
                <th scope="col" class="n">
                  按时办结率
                </th>
                <th scope="col" class="n">
                  平均工作日
                </th>
                <th scope="col" class="n">
                  评价
                </th>
                <th scope="col" class="n">
                  满意率
                </th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((d) => (
                <tr>
                  <th scope="row">{d.name}</th>
                  <FigureCells d={d} />
                </tr>
              ))}
              <tr class="total">
                <th scope="row">{p.total.name}</th>
                <FigureCells d={p.total} />
              </tr>
            </tbody>
          </table>
        </div>
      </>
    )}
  </section>
);

const depthClass = ['', 'd1', 'd2'] as const;

export const DisclosureSection: FC<{ table: DisclosureTable; title: string }> = ({ table, title }) => (
  <section class="card" aria-labelledby="disclosure">
    <h2 id="disclosure">三、{title}</h2>
    <div class="table-scroll">
      <table class="gk">
        <caption class="muted">收到和处理政府信息公开申请情况（单位：件）</caption>
        <thead>
          <tr>
            <th rowspan={3} colspan={2} scope="col">
              （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
            </th>
            <th colspan={7} scope="colgroup">
              申请人情况
            </th>
          </tr>
          <tr>
            <th rowspan={2} scope="col">
              {applicantKinds[0].label}
            </th>
            <th colspan={5} scope="colgroup">
              法人或其他组织
            </th>
            <th rowspan={2} scope="col">
              总计
            </th>
          </tr>
          <tr>
            {applicantKinds.slice(1).map((k) => (
              <th scope="col">{k.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr>
              <th scope="row" colspan={2} class={depthClass[r.depth] || undefined}>
                {r.number}
                {r.label}
              </th>
              {[...applicantKinds.map((k) => r.counts?.[k.code]), r.counts?.total].map((n) => (
                <td class="n">{n ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <p class="muted">
      注：本平台受理的政府信息公开申请均由群众个人提交，平台未登记申请人是否为法人或其他组织，故全部计入“自然人”一栏。
    </p>
  </section>
);

export const CountingNotes: FC = () => (
  <section class="card" aria-labelledby="notes">
    <h2 id="notes">统计说明</h2>
    <ul class="muted">
      <li>受理：统计期内登记的诉求；合并的重复诉求只计一次。</li>
      <li>答复：统计期内经审核通过的答复，按答复时间统计；按时答复指在办理时限（含批准的延期）内答复。</li>
      <li>超期：办理时限在统计期内届满，逾期答复或至今仍未答复的诉求，按时限届满之日统计。</li>
      <li>按时办结率＝按时答复件数 ÷（答复件数＋超期仍未答复件数）。</li>
      <li>
        平均工作日：从派单到承办单位答复（未派单的从受理起）的工作时间，按法定节假日、调休和每日 7 小时办公时间计算；24
        小时办理的紧急诉求按自然时间计算。
      </li>
      <li>满意率＝（满意＋基本满意）÷ 参与评价件数，按评价时间统计，计入被评价答复的承办单位。</li>
      <li>以上口径与本热线对各承办单位的考核统计一致。</li>
      <li>时间均为北京时间；数据按诉求当前状态统计，重办后的诉求按新的答复计入。</li>
    </ul>
  </section>
);
