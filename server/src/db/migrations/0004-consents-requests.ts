import { type Kysely, sql } from 'kysely'
import { CALENDAR_DAYS, CONSENT_PURPOSES, PURPOSE_LEVELS } from './0004-consents-requests.data.js'

/**
 * Notice and consent, customer requests (CON-1, CON-2, DSR-1).
 *
 * - `notices`: versioned privacy notices; a version, once published, is
 *   never changed.
 * - `consents`: the append-only ledger of grants and withdrawals; free text
 *   that may name people (evidence, a guardian) is sealed under the
 *   customer's data key, so it goes when the customer's key goes.
 * - `calendar_days`: holidays and make-up working days, shipped with the
 *   PRC calendar of 2026. Days are ISO text (`YYYY-MM-DD`): a calendar day
 *   has no time zone, and drivers would give a `date` one.
 * - `data_requests` and their operation log `data_request_events`.
 * - Purposes reach fields up to a level, or only the fields they name; the
 *   purposes that only a consent can open (marketing per channel and the
 *   separate consents of PIPL Art. 23, 25, 29 and 39); the front-line roles
 *   may record consents.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notices')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('purposes', sql`text[]`, (c) => c.notNull())
    .addColumn('published_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('consents')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('purpose', 'text', (c) => c.notNull().references('purposes.code'))
    .addColumn('granted', 'boolean', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('notice_version', 'integer', (c) => c.references('notices.version'))
    .addColumn('recipient', 'text')
    .addColumn('by_guardian', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('sealed', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute()
  // The latest record per customer and purpose decides (a withdrawal takes effect at once).
  await sql`create index consents_latest_idx on consents (customer_id, purpose, id desc)`.execute(
    db,
  )
  await sql`create index consents_purpose_idx on consents (purpose, customer_id, id desc)`.execute(
    db,
  )
  await sql`
    create function consents_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'the consent ledger is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
    end $$`.execute(db)
  await sql`create trigger consents_append_only before update or delete on consents
    for each row execute function consents_refuse_change()`.execute(db)

  await db.schema
    .createTable('calendar_days')
    .addColumn('day', 'text', (c) =>
      c.primaryKey().check(sql`day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`),
    )
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday', 'workday')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute()
  await (db as Kysely<Record<string, Record<string, unknown>>>)
    .insertInto('calendar_days')
    .values(CALENDAR_DAYS)
    .execute()

  await db.schema
    .createTable('data_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('type', 'text', (c) =>
      c
        .notNull()
        .check(sql`type in ('access', 'correct', 'delete', 'restrict', 'withdraw', 'portability')`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status in ('received', 'in_progress', 'completed', 'refused', 'awaiting_destruction')`,
        ),
    )
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('purposes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('sealed', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('assignee_id', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('identity_method', 'text')
    .addColumn('identity_verified_by', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('identity_verified_at', 'timestamptz')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_day', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('warned_at', 'timestamptz')
    .addColumn('overdue_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .execute()
  await sql`create index data_requests_open_idx on data_requests (due_at) where closed_at is null`.execute(
    db,
  )
  await sql`create index data_requests_customer_idx on data_requests (customer_id, received_at desc)`.execute(
    db,
  )

  await db.schema
    .createTable('data_request_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('data_requests.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'uuid', (c) => c.references('accounts.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute()
  await sql`create index data_request_events_idx on data_request_events (request_id, id)`.execute(
    db,
  )

  // DSR-1: an unanswered request past its due date raises an alert.
  await sql`insert into alert_rules (code, enabled, params) values ('request_overdue', true, '{}'::jsonb)`.execute(
    db,
  )

  // ACC-2: each purpose reaches fields up to a level, or only the fields it names.
  await db.schema
    .alterTable('purposes')
    .addColumn('max_level', 'smallint', (c) =>
      c.notNull().defaultTo(3).check(sql`max_level between 1 and 3`),
    )
    .addColumn('fields', sql`text[]`)
    .execute()
  for (const [code, maxLevel] of Object.entries(PURPOSE_LEVELS)) {
    await sql`update purposes set max_level = ${maxLevel} where code = ${code}`.execute(db)
  }

  const seed = db as Kysely<Record<string, Record<string, unknown>>>
  await seed.insertInto('purposes').values(CONSENT_PURPOSES).execute()
  await seed
    .insertInto('role_permissions')
    .values(['manager', 'agent', 'sales'].map((role) => ({ role, permission: 'consents.manage' })))
    .onConflict((c) => c.doNothing())
    .execute()
}
