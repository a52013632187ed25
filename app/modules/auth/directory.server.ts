import { and, asc, eq, inArray, isNull, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { db, type DbOrTx } from "~/db/client.server";
import { users } from "~/db/schema/auth";

/*
 * The people directory: what other modules may know about accounts. Only auth reads the users
 * table; everyone else asks here. A page that lists things with their authors keeps its one SQL
 * statement by selecting `displayNameOf(table.authorId)` (a lookup by primary key inside the
 * statement) instead of joining the table.
 */

// Inside the fragments below the users table goes by a name of its own, so that it never clashes
// with the caller's tables, and every column is written out qualified: drizzle drops the table
// from the top-level columns of a single-table select, which would make "id" mean the wrong table.
const PERSON = sql.identifier("directory_person");
const person = sql`${users} as ${PERSON}`;
const col = (column: AnyPgColumn) => sql`${PERSON}.${sql.identifier(column.name)}`;
const of = (id: SQLWrapper) => sql`${id}`;

const activeCabMember = and(eq(users.role, "cab_member"), isNull(users.deactivatedAt));

/**
 * Board members: every active (not deactivated) account with the cab_member role, by name. They
 * receive briefs, are invited to meetings, count for quorum and may vote.
 */
export async function activeCabMembers(tx: DbOrTx = db) {
  return tx
    .select({ id: users.id, displayName: users.displayName, locale: users.locale })
    .from(users)
    .where(activeCabMember)
    .orderBy(asc(users.displayName), asc(users.id));
}

export async function activeCabMemberIds(tx: DbOrTx = db) {
  const rows = await tx.select({ id: users.id }).from(users).where(activeCabMember);
  return rows.map((r) => r.id);
}

export async function activeCabMemberCount(tx: DbOrTx = db) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(activeCabMember);
  return row?.n ?? 0;
}

/**
 * The active board members as a subquery (columns id, displayName, locale), for a page that
 * lists every member beside its own rows in one statement: `from(cab).leftJoin(mine, …)`.
 */
export function activeCabMembersSubquery(name = "cab_members") {
  return db.select({ id: users.id, displayName: users.displayName, locale: users.locale }).from(users).where(activeCabMember).as(name);
}

/** SQL: whether the account with this id (a column or expression) is an active board member. */
export function isActiveCabMember(id: SQLWrapper): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${person} where ${col(users.id)} = ${of(id)} and ${col(users.role)} = 'cab_member' and ${col(users.deactivatedAt)} is null)`;
}

/** SQL: whether the account with this id exists and is not deactivated. */
export function isActiveAccount(id: SQLWrapper): SQL<boolean> {
  return sql<boolean>`exists (select 1 from ${person} where ${col(users.id)} = ${of(id)} and ${col(users.deactivatedAt)} is null)`;
}

/**
 * SQL: the display name of the account whose id is in `id` (null when there is none). Type it
 * `displayNameOf<string>(…)` where the id column is required and the account cannot be gone.
 */
export function displayNameOf<T extends string | null = string | null>(id: SQLWrapper): SQL<T> {
  return sql<T>`(select ${col(users.displayName)} from ${person} where ${col(users.id)} = ${of(id)})`;
}

/** SQL: the email address of the account whose id is in `id` (null when there is none). */
export function emailOf<T extends string | null = string | null>(id: SQLWrapper): SQL<T> {
  return sql<T>`(select ${col(users.email)} from ${person} where ${col(users.id)} = ${of(id)})`;
}

/** SQL: the language of the account whose id is in `id` (null when there is none). */
export function localeOf<T extends string | null = string | null>(id: SQLWrapper): SQL<T> {
  return sql<T>`(select ${col(users.locale)} from ${person} where ${col(users.id)} = ${of(id)})`;
}

/** Whom to tell, and how: address, language and whether the account is deactivated. */
export async function contactsOf(tx: DbOrTx, ids: string[]) {
  if (!ids.length) return [];
  return tx
    .select({ id: users.id, email: users.email, locale: users.locale, displayName: users.displayName, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(inArray(users.id, ids));
}

/** Whether an account with this id exists (`active`: and is not deactivated). */
export async function accountExists(tx: DbOrTx, id: string, { active = false } = {}) {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(active ? and(eq(users.id, id), isNull(users.deactivatedAt)) : eq(users.id, id));
  return Boolean(row);
}
