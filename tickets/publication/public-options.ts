// The choices of the public list's filter form: departments (as the tree, a department's filter
// takes in those under it), districts of the gazetteer, and the categories that have published
// replies. Statements only: the page sends them in the same batch as the list.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { departments, gazetteerPlaces, publications } from '../../db/schema';

export function filterOptionStatements(db: Db) {
  return [
    db.select().from(departments).where(eq(departments.active, true)),
    db
      .select({ code: gazetteerPlaces.code, name: gazetteerPlaces.name })
      .from(gazetteerPlaces)
      .where(eq(gazetteerPlaces.level, 'district'))
      .orderBy(asc(gazetteerPlaces.code)),
    publishedCategories(db),
  ] as const;
}

/**
 * The categories with published replies, in order. A plain DISTINCT reads every published row
 * (600 ms at 100,000 replies, `npm run bench -- public`); this walks the (status, category) index
 * from one category to the next, one seek each, whatever the number of replies.
 */
function publishedCategories(db: Db) {
  const next = (after: ReturnType<typeof sql>) =>
    sql`(select min(${publications.category}) from ${publications}
      where ${publications.status} = 'published' and ${publications.category} > ${after})`;
  return db.all<{ category: string }>(sql`with recursive c(category) as (
      select ${next(sql`''`)}
      union all select ${next(sql`c.category`)} from c where c.category is not null)
    select category from c where category is not null`);
}
