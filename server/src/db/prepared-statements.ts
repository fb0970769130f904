import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'
import type pg from 'pg'

/**
 * PostgreSQL parses and plans an unnamed statement afresh every time it
 * runs. The customer read, a join of four tables, spent more time being
 * planned than run: the same query answered 1,600 times a second unnamed
 * and 4,000 named on the two-core benchmark machine (issue 15,
 * docs/benchmarks.md). So a statement the server runs again and again is
 * sent named: each connection parses it once, and PostgreSQL settles on a
 * generic plan after five runs when that plan is no worse.
 *
 * Only statements with parameters are named (they already use the
 * extended protocol; one without may be several commands, which a prepared
 * statement cannot be), only data statements (never DDL), and at most
 * MAX_NAMED texts per process: a text beyond that, say a list of a new
 * length, runs unnamed as before.
 */
const MAX_NAMED = 2000
const MAX_TEXT = 8000
const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i

/**
 * "cached plan must not change result type": a table a named `select *`
 * reads gained a column (another server migrated). The statement gets a
 * new name, so each connection prepares it again.
 */
const PLAN_CHANGED = '0A000'

export function withPreparedStatements(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>()
  let counter = 0
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text)
    if (known) return known
    if (names.size >= MAX_NAMED || text.length > MAX_TEXT || !DATA_STATEMENT.test(text)) {
      return undefined
    }
    counter += 1
    const name = `custodia_${counter}`
    names.set(text, name)
    return name
  }
  const renamed = (text: string) => {
    counter += 1
    names.set(text, `custodia_${counter}`)
  }

  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect()
      let inTransaction = false
      const run = async (text: string, values: unknown[]) => {
        const name = values.length > 0 ? nameOf(text) : undefined
        if (!name) return client.query(text, values)
        try {
          return await client.query({ name, text, values })
        } catch (error) {
          if ((error as { code?: string }).code !== PLAN_CHANGED) throw error
          renamed(text)
          // Inside a transaction the failed statement has aborted it: the caller sees the error.
          if (inTransaction) throw error
          return client.query({ name: names.get(text) as string, text, values })
        }
      }
      return {
        query: ((textOrCursor: string | PostgresCursor<unknown>, values?: readonly unknown[]) => {
          if (typeof textOrCursor !== 'string') return client.query(textOrCursor as never)
          if (/^\s*(begin|start transaction)\b/i.test(textOrCursor)) inTransaction = true
          if (/^\s*(commit|rollback)\b/i.test(textOrCursor)) inTransaction = false
          return run(textOrCursor, [...(values ?? [])]) as Promise<PostgresQueryResult<unknown>>
        }) as PostgresPoolClient['query'],
        release: () => client.release(),
      }
    },
    end: () => pool.end(),
  }
}
