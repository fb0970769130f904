import { type Kysely, sql } from 'kysely'

/**
 * UI-1: the English name of 客户类型 is "Customer type", not "Tenure" — only
 * where an installation still has the name it was given at set-up (a name a
 * security administrator changed is theirs).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update field_catalogue set label_en = 'Customer type'
    where field = 'tenure' and label_en = 'Tenure'`.execute(db)
}
