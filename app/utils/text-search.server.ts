// Search boxes find what was typed, literally. Prisma's `contains` puts the
// term into LIKE unescaped, so "%" or "_" would match everyone (and on
// PostgreSQL a "\" nothing), and SQLite's LIKE has no escape character unless
// the query names one. A term holding any of them is therefore looked up with
// LIKE … ESCAPE '\' here; every other term is exact with `contains`.
import { db, Prisma } from "./db.server.ts";

const LIKE_SPECIAL = /[\\%_]/g;

export const needsLikeEscape = (term: string) => /[\\%_]/.test(term);

/** The term with LIKE's wildcards and the escape character itself escaped by "\". */
export function escapeLike(term: string): string {
  return term.replace(LIKE_SPECIAL, (c) => `\\${c}`);
}

/** Where a text column lives: a model's table, the id to return, the columns to search. */
export type TextSource = { table: string; id: string; columns: readonly string[] };

const identifier = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Not a column name: ${name}`);
  return Prisma.raw(`"${name}"`);
};

/** Ids (from every source) whose columns contain `term`, ignoring case; the same on SQLite and PostgreSQL. */
export async function idsContaining(term: string, sources: readonly TextSource[]): Promise<string[]> {
  const pattern = `%${escapeLike(term.toLowerCase())}%`;
  const selects = sources.map(
    (source) =>
      Prisma.sql`SELECT ${identifier(source.id)} AS id FROM ${identifier(source.table)} WHERE ${Prisma.join(
        source.columns.map((column) => Prisma.sql`LOWER(${identifier(column)}) LIKE ${pattern} ESCAPE '\\'`),
        " OR ",
      )}`,
  );
  const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`${Prisma.join(selects, " UNION ")}`);
  return rows.map((row) => row.id);
}

/** A person's name, mobile, e-mail and, for trainees, company: the people search, the roster and the audit log search these. */
export async function personTextFilter(term: string, fields: { company?: boolean } = {}): Promise<Prisma.PersonWhereInput> {
  if (needsLikeEscape(term)) {
    const sources: TextSource[] = [{ table: "Person", id: "id", columns: ["name", "mobile", "email"] }];
    if (fields.company) sources.push({ table: "TraineeProfile", id: "personId", columns: ["company"] });
    return { id: { in: await idsContaining(term, sources) } };
  }
  return {
    OR: [
      { name: { contains: term } },
      { mobile: { contains: term } },
      { email: { contains: term.toLowerCase() } },
      ...(fields.company ? [{ trainee: { company: { contains: term } } }] : []),
    ],
  };
}
