// The page frame every server-rendered page shares: Chinese, mobile first, no script needed.
import type { Child } from 'hono/jsx';
import { type Stylesheet, stylesheet } from './stylesheets';

// The system's own Chinese faces first: no web font to download on a phone.
const fontStack = 'system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif';

const css = `
*{box-sizing:border-box}body{margin:0;font:16px/1.6 ${fontStack};color:#1f2328;background:#f6f7f9}
header{background:#b71c1c;color:#fff;padding:.75rem 1rem}header a{color:#fff;text-decoration:none;font-weight:600}
main{max-width:46rem;margin:0 auto;padding:1rem}main.wide{max-width:72rem}
.card{background:#fff;border-radius:.5rem;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,select,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #c8ccd1;border-radius:.375rem}
button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:.375rem;background:#b71c1c;color:#fff;margin-top:1rem}
.error{color:#b42318;font-size:.9rem}.muted{color:#57606a;font-size:.9rem}
ol.timeline{list-style:none;padding:0}ol.timeline li{border-left:3px solid #d0d7de;padding:0 0 .75rem .75rem}
.status{display:inline-block;padding:.1rem .5rem;border-radius:1rem;background:#e8f0fe;color:#1a4fb4;font-size:.9rem}
.overdue{background:#fde8e8;color:#b42318}
table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #eaecef;padding:.4rem;text-align:left;vertical-align:top}
.card.answer{background:#f0f7f0}.card.done{background:#dafbe1}.centered{text-align:center}
`;

const hubSheet = stylesheet('hub', css);

export interface LayoutProps {
  title: string;
  children: Child;
  /** Links and the sign-out button at the right of the header (staff pages). */
  nav?: Child;
  /** Where the header's name leads (the workbench's own home for staff). */
  home?: string;
  /** A page's own rules after the shared ones (dashboard/stylesheets.ts). */
  styles?: readonly Stylesheet[];
  /** Lists and tables want more than a letter's width on a laptop. */
  wide?: boolean;
  /** More of the head after the styles (the dashboard's refresh without script). */
  head?: Child;
}

export function Layout(props: LayoutProps) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} · 12345政务服务便民热线</title>
        {[hubSheet, ...(props.styles ?? [])].map((sheet) => (
          <link rel="stylesheet" href={sheet.href} />
        ))}
        {props.head ?? null}
      </head>
      <body>
        <header>
          <a href={props.home ?? '/'}>12345政务服务便民热线</a>
          {props.nav ?? null}
        </header>
        <main class={props.wide ? 'wide' : undefined}>{props.children}</main>
      </body>
    </html>
  );
}
