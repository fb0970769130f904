import { type Kysely, sql } from 'kysely'

/**
 * ACC-4 / ACC-5: the two-factor reset of an account that reads
 * customer data or the audit trail, or authorises access, waits for a second
 * person. The 安全管理员 decides it; the 合规负责人 may decide a 安全管理员's
 * own (the only one an installation may have). The request raises the
 * credential_reset alert, as the reset itself did.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [role, permission] of [
    ['secadmin', 'two-factor-resets.approve'],
    ['compliance', 'two-factor-resets.approve'],
    // The queue's routes (also granted with protected classification; harmless twice).
    ['secadmin', 'approvals.review'],
    ['compliance', 'approvals.review'],
  ]) {
    await sql`insert into role_permissions (role, permission) values (${role}, ${permission}) on conflict do nothing`.execute(
      db,
    )
  }
  await sql`update alert_rules
    set params = jsonb_set(params, '{actions}', (params -> 'actions') || '["account.totp_reset_requested"]'::jsonb)
    where code = 'credential_reset'
      and jsonb_typeof(params -> 'actions') = 'array'
      and not (params -> 'actions') @> '["account.totp_reset_requested"]'::jsonb`.execute(db)
}
