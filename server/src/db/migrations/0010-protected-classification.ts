import { type Kysely, sql } from 'kysely'

/**
 * CLS-1, ACC-5: protected classification.
 *
 * 1. The fields the law calls sensitive personal information (a copy of
 *    modules/catalogue/legally-sensitive.ts as it was written: a migration
 *    imports nothing from the modules) are repaired where an installation
 *    had weakened them — sensitive again, masked at least by their own
 *    rule, and their values moved back into the sensitive store (CLS-3) —
 *    and a constraint keeps the table so, even against a direct UPDATE.
 * 2. Changes that lower protection wait for a second person of the other
 *    function (approvals kinds `catalogue_change`, `purpose_change`):
 *    `secadmin` and `compliance` both approve them (each the other's), and
 *    `compliance` opens the approvals queue.
 */
const FLOORS: Record<string, string> = {
  idNumber: 'id-number',
  bankAccounts: 'bank-account',
  bankCards: 'bank-card',
  income: 'amount',
  assets: 'amount',
  investments: 'text',
}
const HIDE_ALL = ['amount', 'text', 'hidden']

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [field, floor] of Object.entries(FLOORS)) {
    const allowed = [floor, ...HIDE_ALL]
    await sql`update field_catalogue
      set sensitive = true,
          masking = case when masking in (${sql.join(allowed)}) then masking else ${floor} end,
          updated_at = now()
      where field = ${field} and (not sensitive or masking not in (${sql.join(allowed)}))`.execute(
      db,
    )
    // A sensitive field lives in the sensitive store: move back what a weakening moved out.
    await sql`insert into customer_sensitive (customer_id, sealed)
      select customer_id, jsonb_build_object(${field}::text, sealed -> ${field}::text)
      from customer_personal where jsonb_exists(sealed, ${field}::text)
      on conflict (customer_id) do update set sealed = customer_sensitive.sealed || excluded.sealed`.execute(
      db,
    )
    await sql`update customer_personal set sealed = sealed - ${field}::text
      where jsonb_exists(sealed, ${field}::text)`.execute(db)
  }

  const conditions = Object.entries(FLOORS).map(
    ([field, floor]) =>
      sql`when ${sql.lit(field)} then sensitive and masking in (${sql.join(
        [floor, ...HIDE_ALL].map((rule) => sql.lit(rule)),
      )})`,
  )
  await sql`alter table field_catalogue add constraint field_catalogue_legally_sensitive
    check (case field ${sql.join(conditions, sql` `)} else true end)`.execute(db)

  for (const [role, permission] of [
    ['secadmin', 'classification.approve'],
    ['compliance', 'classification.approve'],
    ['compliance', 'approvals.review'],
  ]) {
    await sql`insert into role_permissions (role, permission) values (${role}, ${permission}) on conflict do nothing`.execute(
      db,
    )
  }
}
