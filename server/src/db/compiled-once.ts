import { type Compilable, CompiledQuery, type Kysely } from 'kysely'

/**
 * A query whose shape never changes, built and compiled by Kysely once; each
 * call only binds its arguments. Building and compiling a select of a few
 * joins costs tens of microseconds of the server's thread, paid on every
 * request of a hot read (issue 15's profile: 6 % of a customer get).
 *
 * `build` is called once, with a placeholder for each argument; each
 * placeholder must come out as a parameter of the compiled query (not inside
 * its text), and every other parameter is a constant of the shape.
 */
export function compiledOnce<Schema, Row, Args extends string[]>(
  build: (db: Kysely<Schema>, ...args: Args) => Compilable<Row>,
): (db: Kysely<Schema>, ...args: Args) => Promise<Row[]> {
  let compiled: { sql: string; parameters: readonly unknown[]; slots: number[][] } | undefined
  return async (db, ...args) => {
    compiled ??= compile(db, build, args.length)
    const parameters = [...compiled.parameters]
    compiled.slots.forEach((slots, a) => {
      for (const k of slots) parameters[k] = args[a]
    })
    return (await db.executeQuery(CompiledQuery.raw(compiled.sql, parameters))).rows as Row[]
  }
}

function compile<Schema, Args extends string[]>(
  db: Kysely<Schema>,
  build: (db: Kysely<Schema>, ...args: Args) => Compilable<unknown>,
  arity: number,
): { sql: string; parameters: readonly unknown[]; slots: number[][] } {
  // Placeholders no caller's value can be: a NUL is refused in any text input.
  const placeholders = Array.from({ length: arity }, (_, a) => `\u0000argument ${a}\u0000`)
  const query = build(db, ...(placeholders as Args)).compile()
  const slots = placeholders.map((placeholder, a) => {
    if (query.sql.includes(placeholder)) {
      throw new Error(`compiledOnce: argument ${a} is in the query's text`)
    }
    const found = query.parameters.flatMap((value, k) => (value === placeholder ? [k] : []))
    if (found.length === 0) throw new Error(`compiledOnce: argument ${a} is not a parameter`)
    return found
  })
  return { sql: query.sql, parameters: query.parameters, slots }
}
