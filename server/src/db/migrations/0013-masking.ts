import { type Kysely, sql } from 'kysely'

/**
 * CLS-4: free text is masked until revealed. `notes` and `needs` hold what
 * staff write about a person — health, family, money — in any words, so no
 * rule can mask part of them: they are shown as `***` (the `text` rule) and
 * opened only by a reveal with a purpose. Installations whose catalogue
 * still shows them plain are moved to `text`; a stronger rule set since
 * (`hidden`) is left as it is.
 */
const FREE_TEXT_FIELDS = ['notes', 'needs']

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update field_catalogue set masking = 'text', updated_at = now()
    where field in (${sql.join(FREE_TEXT_FIELDS)}) and masking = 'none'`.execute(db)
}
