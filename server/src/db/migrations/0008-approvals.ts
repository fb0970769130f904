import { type Kysely, sql } from 'kysely'

/**
 * ACC-5: second-person approvals. One table for every kind of change that
 * takes effect only when a second authorised person approves it (role
 * grants here; other kinds register in modules/approvals/approval-kinds.ts).
 * The payload names records by id and codes only, never a personal value.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('approvals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('requested_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'approved', 'rejected', 'withdrawn')`),
    )
    .addColumn('decided_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_note', 'text')
    // The requester never decides their own request, whatever the route (ACC-5).
    .addCheckConstraint(
      'approvals_second_person',
      sql`decided_by is null or decided_by <> requested_by`,
    )
    .execute()
  await sql`create index approvals_pending_idx on approvals (kind, requested_at) where status = 'pending'`.execute(
    db,
  )
  await sql`create index approvals_subject_idx on approvals (subject_type, subject_id)`.execute(db)

  // The 安全管理员 authorises access (ACC-5): opens the queue and approves role grants.
  for (const [role, permission] of [
    ['secadmin', 'approvals.review'],
    ['secadmin', 'role-grants.approve'],
  ]) {
    await sql`insert into role_permissions (role, permission) values (${role}, ${permission}) on conflict do nothing`.execute(
      db,
    )
  }

  // AUD-3: a password or two-factor reset of an account that reads customer data or
  // authorises access raises an alert, so a takeover by an administrator is seen.
  await sql`insert into alert_rules (code, enabled, params) values ('credential_reset', true, ${JSON.stringify(
    { actions: ['account.password_reset', 'account.totp_reset'] },
  )}::jsonb) on conflict do nothing`.execute(db)
}
