import type pg from 'pg';

/**
 * A typed SQL statement over node-postgres: written once with named parameters, compiled once to
 * positional `$n` text, and run as a named prepared statement (PostgreSQL parses and plans it once
 * per connection). What a call costs over a bare `pool.query` is one array of its values.
 *
 *   const FIND = statement<{ tenantId: string; phone: string }, { id: string }>('sigillo-find', (p) =>
 *     sql`SELECT id FROM consents WHERE tenant_id = ${p.tenantId} AND phone = ${p.phone}`);
 *   const rows = await FIND.rows(pool, { tenantId, phone });
 */

/** Where a named parameter goes; `T` is the type its value must have. */
export interface Param<T> {
  readonly param: string;
  /** Type only: never set. */
  readonly __type?: T;
}

/** A piece of SQL text with parameters, composable into a larger one. */
export class SqlFragment {
  constructor(readonly chunks: readonly (string | Param<unknown>)[]) {}
}

/** Anything that runs a query: the pool, or a transaction (see withTransaction). */
export interface Queryable {
  query<R extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>>;
}

/** The parameter slots of a statement, one per field of its parameter object. */
export type Params<P> = { readonly [K in keyof P]-?: Param<P[K]> };

/**
 * SQL text whose `${…}` are parameters (`p.name`), fragments (`sql\`…\``) or verbatim text
 * (`verbatim(…)`: constants of our own code, never input).
 */
export function sql(strings: TemplateStringsArray, ...parts: (Param<unknown> | SqlFragment | Verbatim)[]): SqlFragment {
  const chunks: (string | Param<unknown>)[] = [strings[0]];
  parts.forEach((part, i) => {
    if (part instanceof SqlFragment) chunks.push(...part.chunks);
    else if (part instanceof Verbatim) chunks.push(part.text);
    else chunks.push(part);
    chunks.push(strings[i + 1]);
  });
  return new SqlFragment(chunks);
}

class Verbatim {
  constructor(readonly text: string) {}
}

/** SQL text of our own (a CASE built from a constant table), spliced as it is. Never input. */
export function verbatim(text: string): Verbatim {
  return new Verbatim(text);
}

/** Text and parameter order of a fragment: each name becomes `$n` at its first use, and keeps it. */
export function compile(fragment: SqlFragment): { text: string; names: string[] } {
  const names: string[] = [];
  let text = '';
  for (const chunk of fragment.chunks) {
    if (typeof chunk === 'string') {
      text += chunk;
      continue;
    }
    let at = names.indexOf(chunk.param);
    if (at < 0) at = names.push(chunk.param) - 1;
    text += `$${at + 1}`;
  }
  return { text, names };
}

// A prepared statement's name stands for its text on every connection that prepared it: one name
// with two texts would run the wrong statement (pg refuses it only on a connection that has both).
const texts = new Map<string, string>();

export class Statement<P, R extends object> {
  readonly text: string;
  private readonly names: (keyof P)[];

  constructor(
    readonly name: string,
    fragment: SqlFragment,
    private readonly prepared = true,
  ) {
    const compiled = compile(fragment);
    const known = texts.get(name);
    if (known !== undefined && known !== compiled.text) throw new Error(`statement name ${name} is already used for another text`);
    texts.set(name, compiled.text);
    this.text = compiled.text;
    this.names = compiled.names as (keyof P)[];
  }

  /** The positional values of a call, in the order of the compiled text. */
  values(params: P): unknown[] {
    const values = new Array<unknown>(this.names.length);
    for (let i = 0; i < this.names.length; i++) values[i] = params[this.names[i]];
    return values;
  }

  async rows(db: Queryable, params: P): Promise<R[]> {
    const result = await db.query<R & pg.QueryResultRow>(this.config(params));
    return result.rows;
  }

  /** Runs it for its effect: how many rows it changed (or returned). */
  async run(db: Queryable, params: P): Promise<number> {
    const result = await db.query(this.config(params));
    return result.rowCount ?? 0;
  }

  /** What pg is asked to run: the statement by name, unless it is planned afresh on each call. */
  config(params: P): pg.QueryConfig {
    const values = this.values(params);
    return this.prepared ? { name: this.name, text: this.text, values } : { text: this.text, values };
  }
}

const slots = new Proxy({} as Record<string, Param<unknown>>, {
  get: (_target, key) => {
    if (typeof key !== 'string') throw new Error('statement parameters are named by strings');
    return { param: key };
  },
});

/**
 * A named prepared statement with parameters `P` and rows `R`. `build` receives one slot per
 * field of `P`; a slot used twice is one parameter.
 *
 * `prepared: false` sends it unnamed, planned for each call's values: for a statement whose best
 * plan depends on them (`$1 IS NULL OR col = $1`), where a prepared statement's generic plan,
 * chosen after five calls, would serve every call with one plan.
 */
export function statement<P extends object, R extends object = Record<string, never>>(
  name: string,
  build: (p: Params<P>) => SqlFragment,
  options: { prepared?: boolean } = {},
): Statement<P, R> {
  return new Statement<P, R>(name, build(slots as unknown as Params<P>), options.prepared ?? true);
}
