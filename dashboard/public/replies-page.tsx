// GET /public: the published replies, newest first, with a search box and filters as a plain GET
// form (no script), each result's title, department, dates, working days and a snippet, and
// 下一页 by cursor. What is rendered comes from the stored redacted columns only.

import type { departments } from '../../db/schema';
import type { PublicPage, PublicReplyRow } from '../../tickets/publication/public-reads';
import { departmentTree } from '../../worker/routes/department-tree';
import { Layout } from '../layout';
import { publicStyles, ReplyFacts } from './reply-facts';
import { snippetOf } from './reply-snippet';

/** The form's fields as the visitor sent them, to fill the form again. */
export interface ListQuery {
  q?: string;
  department?: string;
  category?: string;
  district?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: string;
}

export interface FilterOptions {
  departments: Array<typeof departments.$inferSelect>;
  districts: Array<{ code: string; name: string }>;
  categories: string[];
}

export function PublicNav() {
  return (
    <nav class="pub-nav" aria-label="政务公开">
      <a href="/public">政务公开</a>
      <a href="/public/feed.atom">订阅（Atom）</a>
    </nav>
  );
}

function Select(props: { name: string; label: string; value?: string; options: Array<[string, string]> }) {
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name}>
        <option value="">全部</option>
        {props.options.map(([value, text]) => (
          <option value={value} selected={value === props.value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

const filtered = (q: ListQuery) => Boolean(q.department || q.category || q.district || q.from || q.to);

function FilterForm({ query, options }: { query: ListQuery; options: FilterOptions }) {
  // Indented by depth: a department's filter takes in those under it, as the tree shows.
  const tree = departmentTree(options.departments).map((d): [string, string] => [
    d.code,
    `${'　'.repeat(d.depth)}${d.name}`,
  ]);
  return (
    <form method="get" action="/public" class="card filters">
      <div class="q">
        <label for="q">搜索标题、来信与答复</label>
        <input id="q" name="q" type="search" value={query.q ?? ''} maxlength={200} placeholder="例如：路灯、噪音扰民" />
      </div>
      {/* Folded, so that on a phone the first result is on the first screen; open while in use. */}
      <details class="q" open={filtered(query)}>
        <summary>筛选：承办单位、类别、区县、答复日期</summary>
        <div class="filters">
          <Select name="department" label="承办单位" value={query.department} options={tree} />
          <Select name="category" label="类别" value={query.category} options={options.categories.map((c) => [c, c])} />
          <Select
            name="district"
            label="区县"
            value={query.district}
            options={options.districts.map((d) => [d.code, d.name])}
          />
          <div>
            <label for="from">答复日期自</label>
            <input id="from" name="from" type="date" value={query.from ?? ''} />
          </div>
          <div>
            <label for="to">至</label>
            <input id="to" name="to" type="date" value={query.to ?? ''} />
          </div>
        </div>
      </details>
      <div class="actions q">
        <button type="submit">查询</button>
        <a href="/public">清除条件</a>
      </div>
    </form>
  );
}

function Result({ row, q }: { row: PublicReplyRow; q?: string }) {
  const s = snippetOf(row, q);
  return (
    <article class="card result">
      <h2>
        <a href={`/public/${row.ticketNo}`}>{row.title}</a>
      </h2>
      <ReplyFacts row={row} />
      <p class="text">
        {s.before}
        {s.match ? <mark>{s.match}</mark> : null}
        {s.after}
      </p>
    </article>
  );
}

/** The list under the same filters, from the start or from a cursor. */
function listLink(query: ListQuery, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v && k !== 'cursor') params.set(k, v);
  if (cursor) params.set('cursor', cursor);
  const search = params.toString();
  return search ? `/public?${search}` : '/public';
}

export function RepliesPage(props: { query: ListQuery; options: FilterOptions; page?: PublicPage; error?: string }) {
  const { query, page } = props;
  return (
    <Layout title="政务公开" home="/" nav={<PublicNav />} styles={[publicStyles]} wide>
      <h1>政务公开 · 答复选登</h1>
      <p class="muted">经来信人同意、承办单位审核并作隐私处理后公开的来信与答复，按答复时间由新到旧排列。</p>
      <FilterForm query={query} options={props.options} />
      {props.error ? (
        <p class="card error" role="alert">
          {props.error}
        </p>
      ) : null}
      {page && page.items.length === 0 ? (
        <section class="card">
          <h2>暂无符合条件的公开答复</h2>
          <p class="muted">可以换个关键词，或减少筛选条件后再试。</p>
        </section>
      ) : null}
      {page?.items.map((row) => (
        <Result row={row} q={query.q} />
      ))}
      {page && (query.cursor || page.next) ? (
        <nav class="pager" aria-label="翻页">
          {query.cursor ? <a href={listLink(query)}>回到第一页</a> : <span />}
          {page.next ? (
            <a href={listLink(query, page.next)} rel="next">
              下一页
            </a>
          ) : null}
        </nav>
      ) : null}
    </Layout>
  );
}
