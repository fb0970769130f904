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
}
