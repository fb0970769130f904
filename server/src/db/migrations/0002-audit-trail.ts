import { type Kysely, sql } from 'kysely'

/**
 * The tamper-evident audit trail (AUD-2). Events stay as written; a sealer
 * gives committed events consecutive sequence numbers and chain hashes in
 * audit_seals, and signs checkpoints. All three tables are append-only:
 * UPDATE, DELETE and TRUNCATE are refused by triggers. The one exception is
 * pruning whole sealed ranges past retention, through audit_prune(), which
 * refuses anything younger than six months (Cybersecurity Law minimum).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_pending')
    .addColumn('event_id', 'bigint', (c) => c.primaryKey())
    .execute()

  await db.schema
    .createTable('audit_seals')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('event_id', 'bigint', (c) => c.notNull().unique())
    .addColumn('chain_hash', 'bytea', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('size', 'bigint', (c) => c.primaryKey())
    .addColumn('chain_hash', 'bytea', (c) => c.notNull())
    .addColumn('signed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'bytea', (c) => c.notNull())
    .execute()

  // Every new event waits in audit_pending until the sealer takes it.
  await sql`
    create function audit_enqueue() returns trigger language plpgsql as $$
    begin
      insert into audit_pending (event_id) values (new.id);
      return null;
    end $$`.execute(db)
  await sql`create trigger audit_events_enqueue after insert on audit_events
    for each row execute function audit_enqueue()`.execute(db)

  await sql`
    create function audit_refuse_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('custodia.audit_prune', true) = 'on' then
        return old;
      end if;
      raise exception 'the audit trail is append-only: % on % is not allowed', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
    end $$`.execute(db)
  for (const table of ['audit_events', 'audit_seals', 'audit_checkpoints']) {
    await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function audit_refuse_change()`.execute(db)
    await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function audit_refuse_change()`.execute(db)
  }

  // Removes the sealed prefix up to a checkpoint older than the floor; the
  // checkpoints stay, so what remains still verifies from that checkpoint.
  await sql`
    create function audit_prune(upto bigint, floor_days integer) returns bigint
    language plpgsql security definer as $$
    declare
      removed bigint;
      signed timestamptz;
    begin
      if floor_days < 183 then
        raise exception 'audit retention cannot be shorter than six months';
      end if;
      select signed_at into signed from audit_checkpoints where size = upto;
      if signed is null then
        raise exception 'pruning must end at a checkpoint';
      end if;
      if signed > now() - make_interval(days => floor_days) then
        raise exception 'that checkpoint is younger than the retention period';
      end if;
      perform set_config('custodia.audit_prune', 'on', true);
      with gone as (delete from audit_seals where seq <= upto returning event_id)
      delete from audit_events where id in (select event_id from gone);
      get diagnostics removed = row_count;
      perform set_config('custodia.audit_prune', 'off', true);
      return removed;
    end $$`.execute(db)

  await createAlertTables(db)
}

/** AUD-3: alert rules (data, seeded with defaults), the alerts they raise, and how far they have read. */
async function createAlertTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alert_rules')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('enabled', 'boolean', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('rule', 'text', (c) => c.notNull().references('alert_rules.code'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open', 'acknowledged', 'closed')`),
    )
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('source_ip', 'text')
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('first_event_id', 'bigint', (c) => c.notNull())
    .addColumn('last_event_id', 'bigint', (c) => c.notNull())
    .addColumn('first_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('handled_by', 'text')
    .addColumn('note', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('alerts_status_idx')
    .on('alerts')
    .columns(['status', 'last_seen_at'])
    .execute()
  await db.schema
    .createIndex('alerts_subject_idx')
    .on('alerts')
    .columns(['rule', 'subject', 'status'])
    .execute()

  await db.schema
    .createTable('alert_cursor')
    .addColumn('id', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .execute()
  await sql`insert into alert_cursor (id, last_seq) values (true, 0)`.execute(db)

  const rules: [string, Record<string, unknown>][] = [
    [
      'bulk_access',
      {
        threshold: 20,
        windowMinutes: 10,
        actions: ['customer.revealed', 'customer.exported', 'audit.exported'],
      },
    ],
    [
      'off_hours',
      {
        timeZone: 'Asia/Shanghai',
        workdays: [1, 2, 3, 4, 5],
        startHour: 8,
        endHour: 20,
        actions: [
          'auth.sign_in',
          'customer.viewed',
          'customer.listed',
          'customer.revealed',
          'customer.exported',
        ],
      },
    ],
    ['repeated_denials', { threshold: 5, windowMinutes: 10 }],
    ['out_of_scope', { reasonPrefix: 'out_of_scope' }],
  ]
  for (const [code, params] of rules) {
    await sql`insert into alert_rules (code, enabled, params) values (${code}, true, ${JSON.stringify(params)}::jsonb)`.execute(
      db,
    )
  }
  for (const [role, permission] of [
    ['secadmin', 'alerts.read'],
    ['secadmin', 'alerts.manage'],
    ['compliance', 'alerts.manage'],
  ]) {
    await sql`insert into role_permissions (role, permission) values (${role}, ${permission})`.execute(
      db,
    )
  }
}
