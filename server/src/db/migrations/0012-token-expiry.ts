import { type Kysely, sql } from 'kysely'

/**
 * ACC-4: every API token expires, and a token of an account that
 * must use two-factor sign-in counts only if it was minted with a fresh code.
 *
 * Tokens made without an expiry get one 90 days from this upgrade rather than
 * from their creation, so no integration stops without warning on the day of
 * the upgrade; the token list shows the new date. Expiries beyond the new
 * ceiling of 365 days from creation (the old one was 366) are brought down to
 * it. Tokens minted before this version carry no two-factor mark: those of
 * accounts that must use two-factor stop working and are minted again.
 */
const DEFAULT_DAYS = 90
const MAX_DAYS = 365

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table api_tokens add column minted_with_totp boolean not null default false`.execute(
    db,
  )
  await sql`update api_tokens set expires_at = now() + make_interval(days => ${DEFAULT_DAYS})
    where expires_at is null`.execute(db)
  await sql`update api_tokens set expires_at = created_at + make_interval(days => ${MAX_DAYS})
    where expires_at > created_at + make_interval(days => ${MAX_DAYS})`.execute(db)
  await sql`alter table api_tokens alter column expires_at set not null`.execute(db)
}
