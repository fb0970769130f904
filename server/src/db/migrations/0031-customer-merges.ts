import { type Kysely, sql } from 'kysely'

/**
 * Issue 18 §3, DQ-1: merging two records of one customer, and its undo.
 *
 * - `customers.status` may be `merged`: the record merged away is a
 *   tombstone — no key, no values, no tokens — whose `merged_into` names
 *   the record it lives on in. A registration it held ends `merged`.
 * - `customer_merges`: one merge — the pair it decided, the survivor and the
 *   record merged away (and the status that record had), who merged and
 *   when, until when it may be undone, the fields whose values the survivor
 *   took from the other record, and what an undo needs until then, every
 *   value sealed under the survivor's key: the survivor's own values of
 *   those fields before (`survivor_before`), all the values of the record
 *   merged away (`merged_values`), which rows of other modules moved to the
 *   survivor or stayed with the tombstone (`rows`, ids only), and the
 *   registration that ended. Once undone, or past its period, the sealed
 *   parts are emptied; the row stays as the proof of what was done.
 * - `merge_settings`: how many days a merge may be undone (30 by default).
 * - The consent ledger stays append-only but for one more change: inside a
 *   merge or its undo (the transaction says so, `custodia.merging`), a
 *   consent moves to the other record of the same person, re-sealed under
 *   its key — `customer_id` and `sealed` change, nothing else.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table customers drop constraint customers_status_check`.execute(db)
  await sql`alter table customers add constraint customers_status_check check (status in
    ('draft', 'submitted', 'rejected', 'active', 'restricted', 'destroyed', 'merged'))`.execute(db)
  await db.schema
    .alterTable('customers')
    .addColumn('merged_into', 'uuid', (c) => c.references('customers.id'))
    .execute()
  await sql`alter table customer_registrations drop constraint customer_registrations_ended_reason_check`.execute(
    db,
  )
  await sql`alter table customer_registrations add constraint customer_registrations_ended_reason_check
    check (ended_reason in ('transferred', 'recycled', 'destroyed', 'merged'))`.execute(db)

  await db.schema
    .createTable('customer_merges')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('pair_id', 'uuid', (c) => c.references('duplicate_pairs.id').onDelete('set null'))
    .addColumn('survivor_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('merged_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('merged_status', 'text', (c) => c.notNull())
    .addColumn('merged_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('merged_at', 'timestamptz', (c) => c.notNull())
    .addColumn('undo_until', 'timestamptz', (c) => c.notNull())
    .addColumn('taken_fields', 'jsonb', (c) => c.notNull())
    .addColumn('survivor_before', 'jsonb')
    .addColumn('merged_values', 'jsonb')
    .addColumn('rows', 'jsonb')
    .addColumn('ended_registration', 'uuid')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('undoable', 'undone', 'final')`),
    )
    .addColumn('undone_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('undone_at', 'timestamptz')
    .execute()
  await db.schema
    .createIndex('customer_merges_survivor_idx')
    .on('customer_merges')
    .column('survivor_id')
    .execute()
  await db.schema
    .createIndex('customer_merges_merged_idx')
    .on('customer_merges')
    .column('merged_id')
    .execute()

  await db.schema
    .createTable('merge_settings')
    .addColumn('id', 'boolean', (c) => c.primaryKey().defaultTo(true).check(sql`id`))
    .addColumn('undo_days', 'integer', (c) => c.notNull().check(sql`undo_days between 1 and 365`))
    .execute()
  await sql`insert into merge_settings (undo_days) values (30)`.execute(db)

  await sql`
    create or replace function consents_refuse_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE'
        and old.legacy_recipient is not null and new.legacy_recipient is null
        and (to_jsonb(new) - 'legacy_recipient' - 'sealed') = (to_jsonb(old) - 'legacy_recipient' - 'sealed')
        and old.sealed -> 'recipient' is null
        and (new.sealed - 'recipient') = old.sealed then
        return new;
      end if;
      if tg_op = 'UPDATE'
        and current_setting('custodia.merging', true) = 'on'
        and (to_jsonb(new) - 'customer_id' - 'sealed') = (to_jsonb(old) - 'customer_id' - 'sealed')
        and (select array_agg(k order by k) from jsonb_object_keys(new.sealed) k)
          is not distinct from (select array_agg(k order by k) from jsonb_object_keys(old.sealed) k) then
        return new;
      end if;
      raise exception 'the consent ledger is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
    end $$`.execute(db)
}
