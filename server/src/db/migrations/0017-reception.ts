import { type Kysely, sql } from 'kysely'

/**
 * Issue 16, 接待管理 (S0 篇五 (二)): walk-ins are received in turn.
 *
 * - `reception_duty`: who is on the desk of a department on a day, in the
 *   order they checked in (`position`); whether they are out on duty
 *   (`away_since`, 因公外出) and how many turns they missed while out, owed
 *   back to them when they return (`owed`, 空几轮，补接几名).
 * - `reception_rotation`: whose turn is next on that desk that day (the
 *   position the next walk-in starts looking from); its row is the lock two
 *   desks assigning at once take in turn.
 * - `reception_visits`: the visitor register (来人登记表): every visit, who
 *   received it and by which rule, who was passed over and why.
 * - `reception_calls`: the call register (来电登记表): every inbound call,
 *   who took it, on which channel, and how it ended.
 * - `reception.override`: a manager may give a walk-in to someone whose
 *   turn it is not, with a reason (the audit trail keeps it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const day = (column: string) => sql.raw(`${column} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`)
  await db.schema
    .createTable('reception_duty')
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('departments.id'))
    .addColumn('day', 'text', (c) => c.notNull().check(day('day')))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('checked_in_at', 'timestamptz', (c) => c.notNull())
    .addColumn('checked_out_at', 'timestamptz')
    .addColumn('away_since', 'timestamptz')
    .addColumn('owed', 'integer', (c) => c.notNull().defaultTo(0).check(sql`owed >= 0`))
    .addPrimaryKeyConstraint('reception_duty_pkey', ['department_id', 'day', 'account_id'])
    .addUniqueConstraint('reception_duty_position_key', ['department_id', 'day', 'position'])
    .execute()

  await db.schema
    .createTable('reception_rotation')
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('departments.id'))
    .addColumn('day', 'text', (c) => c.notNull().check(day('day')))
    .addColumn('next_position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('reception_rotation_pkey', ['department_id', 'day'])
    .execute()

  await db.schema
    .createTable('reception_visits')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('departments.id'))
    .addColumn('day', 'text', (c) => c.notNull().check(day('day')))
    .addColumn('arrived_at', 'timestamptz', (c) => c.notNull())
    .addColumn('received_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('rule', 'text', (c) =>
      c.notNull().check(sql`rule in ('turn', 'make_up', 'named', 'returning', 'override')`),
    )
    .addColumn('customer_id', 'uuid', (c) => c.references('customers.id'))
    .addColumn('passed_over', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('override_reason', 'text')
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .addCheckConstraint(
      'reception_visits_override_reason',
      sql`(rule = 'override') = (override_reason is not null)`,
    )
    .execute()
  await db.schema
    .createIndex('reception_visits_desk_idx')
    .on('reception_visits')
    .columns(['department_id', 'arrived_at desc'])
    .execute()
  // A receiver with an unfinished visit is busy: passed over, their turn taken by the next.
  await db.schema
    .createIndex('reception_visits_open_idx')
    .on('reception_visits')
    .columns(['received_by'])
    .where(sql.ref('finished_at'), 'is', null)
    .execute()

  await db.schema
    .createTable('reception_calls')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('department_id', 'uuid', (c) => c.notNull().references('departments.id'))
    .addColumn('day', 'text', (c) => c.notNull().check(day('day')))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('taken_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('phone', 'wechat', 'online', 'other')`),
    )
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('appointment', 'interested', 'not_interested', 'other')`),
    )
    .addColumn('customer_id', 'uuid', (c) => c.references('customers.id'))
    .execute()
  await db.schema
    .createIndex('reception_calls_desk_idx')
    .on('reception_calls')
    .columns(['department_id', 'received_at desc'])
    .execute()

  await sql`insert into role_permissions (role, permission) values ('manager', 'reception.override')
    on conflict do nothing`.execute(db)
}
