// The leaders' pages' rules: mobile first; from 1400 px wide (a wall screen) the page uses the
// whole width and the numbers grow to be read across a room. Print: black on white, no header.
import { stylesheet } from '../stylesheets';

export const leadersStyles = stylesheet(
  'leaders',
  `
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
header nav{margin-left:auto;display:flex;gap:.75rem;align-items:center;font-size:.9rem}
header nav form{margin:0}header nav button{margin:0;padding:.25rem .75rem;background:#fff;color:#b71c1c}
main.wide{max-width:80rem}
h1{font-size:1.4rem;line-height:1.3;margin:.25rem 0}h2{font-size:1.15rem;margin:0 0 .5rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.period-text{display:block;font-size:1rem;font-weight:400;color:#57606a}
.tabs{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 .75rem;padding:0;list-style:none}
.tabs a{display:inline-block;padding:.3rem .9rem;border-radius:1rem;background:#fff;color:#1f2328;
text-decoration:none;border:1px solid #d0d7de}
.tabs a[aria-current=page]{background:#b71c1c;color:#fff;border-color:#b71c1c}
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:0 .75rem;align-items:end}
.filters button{width:100%}
.kpis ul{list-style:none;padding:0;margin:0 0 1rem;display:grid;gap:.6rem;
grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr))}
.kpi{background:#fff;border-radius:.5rem;padding:.6rem .8rem;box-shadow:0 1px 2px rgba(0,0,0,.08);
border-top:4px solid #1a4fb4;display:flex;flex-direction:column;min-width:0}
.kpi.warn{border-top-color:#cf222e}.kpi.rate{border-top-color:#2da44e}.kpi.score{border-top-color:#b71c1c}
.kpi-label{color:#57606a;font-size:.95rem}
.kpi-value{font-size:2rem;font-weight:700;line-height:1.2;color:#1f2328;text-decoration:none;
font-variant-numeric:tabular-nums}
a.kpi-value:hover{text-decoration:underline}.kpi-value small{font-size:.5em;margin-left:.15em}
.kpi.warn .kpi-value{color:#a40e26}
.kpi-note{font-size:.8rem;color:#57606a}
.chart{margin:0 0 .5rem;min-width:0}.chart figcaption{font-weight:600;margin:0 0 .25rem}
.chart-box{width:100%;overflow:hidden}.chart-box svg{width:100%;height:auto;display:block}
.chart-pair,.breakdowns{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,24rem),1fr))}
.breakdowns>.card{margin:0}.breakdowns{margin:0 0 1rem}
.table-scroll{overflow-x:auto}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.ranking th,table.ranking td{white-space:nowrap}
th a{color:inherit}th[aria-sort] a{text-decoration:none}th[aria-sort] a::after{content:" ▼"}
caption{text-align:left;caption-side:top;padding:.25rem 0;font-weight:600}
a.csv{font-size:.85rem;font-weight:400;margin-left:.5rem}
#unranked{margin-top:1rem}
.pager{display:flex;gap:1rem;margin:1rem 0}
@media (min-width:1400px){
main.wide{max-width:none;padding:1rem 2rem}
body{font-size:18px}h1{font-size:2rem}h2{font-size:1.5rem}
.kpis ul.kpi-counts{grid-template-columns:repeat(7,1fr)}
.kpis ul.kpi-rates{grid-template-columns:repeat(7,1fr)}
.kpi-value{font-size:3.2rem}.kpi-label{font-size:1.15rem}.kpi-note{font-size:.95rem}
.breakdowns{grid-template-columns:repeat(4,1fr)}
.dashboard-head{display:flex;align-items:baseline;gap:2rem}.dashboard-head .period-text{display:inline;margin-left:1rem}
}
@media print{
header,nav,.period,.tabs,a.csv,.no-print{display:none!important}
body{background:#fff;color:#000}a{color:#000;text-decoration:none}
.card{box-shadow:none;padding:0;margin:0 0 1rem}main,main.wide{max-width:none;padding:0}
}
`,
);
