import type { Selectable } from 'kysely';
import type { DB } from './generated/db-types.js';

/**
 * Rows as PostgreSQL returns them through pg, from the types generated from prisma/schema.prisma:
 * a statement's row type names its table and columns, so a column renamed or retyped in the schema
 * fails the typecheck of every statement reading it. (bigint columns are strings, as pg returns
 * them; json columns are unknown until a reader narrows them.)
 */
export type Row<T extends keyof DB, C extends keyof Selectable<DB[T]>> = Pick<Selectable<DB[T]>, C>;

/** The type of one column's value as read. */
export type Column<T extends keyof DB, C extends keyof Selectable<DB[T]>> = Selectable<DB[T]>[C];

export type { DB };
