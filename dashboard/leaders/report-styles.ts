// The 通报 on screen as a sheet of paper, and printed on A4: black on white, no header, tables that
// repeat their heads on each page and rows that are never split across two.
import { stylesheet } from '../stylesheets';

export const reportStyles = stylesheet(
  'leaders-report',
  `
article.report{background:#fff;max-width:210mm;margin:0 auto;padding:18mm;color:#000;
box-shadow:0 1px 3px rgba(0,0,0,.15);font-family:"SimSun","Songti SC","Noto Serif CJK SC",serif}
article.report h1{text-align:center;font-size:1.6rem;color:#b71c1c;margin:0 0 .5rem}
article.report h2{font-size:1.15rem;margin:1.25rem 0 .5rem}article.report h3{font-size:1rem;margin:1rem 0 .4rem}
article.report .issued{text-align:center;color:#333}
article.report .summary{text-indent:2em;line-height:1.9}
article.report table{font-size:.9rem;margin:0 0 .5rem;width:100%}
article.report table.ranking th,article.report table.ranking td{white-space:normal}
article.report th,article.report td{border:1px solid #888;padding:.25rem .4rem}
article.report thead th{background:#f2f2f2}
article.report .note{font-size:.85rem;color:#333}
article.report a{color:inherit}
@page{size:A4;margin:18mm}
@media print{
body{background:#fff}main.wide{padding:0}
article.report{box-shadow:none;padding:0;max-width:none;margin:0}
article.report h1{color:#000}
article.report thead{display:table-header-group}
article.report tr,article.report h3{break-inside:avoid;page-break-inside:avoid}
article.report h2,article.report h3{break-after:avoid;page-break-after:avoid}
article.report thead th{background:#fff}
}
@media (max-width:860px){main.wide{padding:0}article.report{padding:1rem}article.report table{font-size:.8rem}}
@media (max-width:600px){article.report th,article.report td{padding:.2rem}}
`,
);
