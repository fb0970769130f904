import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openPGlite } from '../../db/database.js'
import * as foundation from '../../db/migrations/0001-foundation.js'
import * as tokenExpiry from '../../db/migrations/0012-token-expiry.js'
import { DAY } from '../../platform/clock.js'

/** Migration 0012 on tokens made by an older version. */
let handle: Awaited<ReturnType<typeof openPGlite>>
let db: Kysely<unknown>
beforeAll(async () => {
  handle = await openPGlite(undefined)
  db = handle.db as unknown as Kysely<unknown>
  await foundation.up(db)
})
afterAll(async () => handle.close())

type Row = { name: string; expires_at: Date; minted_with_totp: boolean }

describe('migration 0012-token-expiry', () => {
  it('gives every token an expiry of at most 365 days and no two-factor mark', async () => {
    const created = new Date(Date.now() - 200 * DAY)
    const { rows } = await sql<{ id: string }>`
      insert into accounts (username, display_name, status, password_hash, must_change_password, password_changed_at, updated_at)
      values ('old.integration', 'old', 'active', 'x', false, now(), now()) returning id`.execute(
      db,
    )
    const accountId = rows[0]?.id
    const insert = (name: string, expires: Date | null) =>
      sql`insert into api_tokens (account_id, name, token_hash, scopes, created_at, expires_at)
        values (${accountId}, ${name}, ${`hash-${name}`}, ${sql.raw("'{accounts.read}'")}, ${created}, ${expires})`.execute(
        db,
      )
    await insert('never-expiring', null)
    await insert('366-days', new Date(created.getTime() + 366 * DAY))
    await insert('short', new Date(created.getTime() + 10 * DAY))

    await tokenExpiry.up(db)

    const tokens = (
      await sql<Row>`select name, expires_at, minted_with_totp from api_tokens order by name`.execute(
        db,
      )
    ).rows
    const byName = Object.fromEntries(tokens.map((row) => [row.name, row]))
    const now = Date.now()
    // 90 days from the upgrade, not from creation: no integration stops on the day.
    const never = byName['never-expiring']?.expires_at.getTime() ?? 0
    expect(Math.abs(never - (now + 90 * DAY))).toBeLessThan(60_000)
    expect(byName['366-days']?.expires_at.getTime()).toBe(created.getTime() + 365 * DAY)
    expect(byName.short?.expires_at.getTime()).toBe(created.getTime() + 10 * DAY)
    expect(tokens.every((row) => row.minted_with_totp === false)).toBe(true)

    await expect(insert('null-again', null)).rejects.toThrow()
  })
})
