// The choices of the public list's filter form: departments (as the tree, a department's filter
// takes in those under it), districts of the gazetteer, and the categories that have published
// replies. Statements only: the page sends them in the same batch as the list.
import { and, asc, eq, isNotNull } from 'drizzle-orm';
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
    db
      .selectDistinct({ category: publications.category })
      .from(publications)
      .where(and(eq(publications.status, 'published'), isNotNull(publications.category)))
      .orderBy(asc(publications.category)),
  ] as const;
}
