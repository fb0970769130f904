import { type Kysely, sql } from 'kysely'

/**
 * Issue 17, CUS-7, feedback (客户信息反馈管理): forms per customer type,
 * satisfaction surveys and improvement items (改善方案).
 *
 * - `feedback_forms`: one version of a feedback form (客户信息反馈表): its
 *   name, the customer grade it is for (null: every grade), its typed
 *   fields as JSON (choice with options, scale 1–5, text, date). Versions of
 *   one form share `series_id`; a revision inserts the next version and
 *   marks the one before `superseded`, so a response always points at the
 *   version it answered.
 * - `feedback_surveys`: a satisfaction survey (满意度调查): a form version,
 *   a channel and, once the selection is made, the customers left out and
 *   why (counts only).
 * - `feedback_invitations`: one customer invited to a survey (never
 *   contacted by the server: there is no gateway; the invitation is the
 *   record that they may be).
 * - `feedback_responses`: one customer's answers to a form version, staff
 *   recording them: the scale answers as plain numbers (a score alone names
 *   nobody; the survey's averages are computed from them in SQL), every
 *   other answer sealed under the customer's key.
 * - `improvement_items`: a suggestion or complaint about the service
 *   environment made into an item with an owner, a due day and a status,
 *   optionally pointing at the response it came from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('feedback_forms')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('series_id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.check(sql`grade in ('important', 'general')`))
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('current').check(sql`status in ('current', 'superseded')`),
    )
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('feedback_forms_series_version_key', ['series_id', 'version'])
    .execute()

  await db.schema
    .createTable('feedback_surveys')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('form_id', 'uuid', (c) => c.notNull().references('feedback_forms.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('sms', 'email', 'phone')`),
    )
    .addColumn('excluded', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('feedback_invitations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('survey_id', 'uuid', (c) => c.notNull().references('feedback_surveys.id'))
    .addColumn('customer_id', 'uuid', (c) => c.references('customers.id'))
    .addColumn('invited_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('feedback_invitations_survey_customer_key', ['survey_id', 'customer_id'])
    .execute()
  await db.schema
    .createIndex('feedback_invitations_customer_idx')
    .on('feedback_invitations')
    .column('customer_id')
    .execute()

  await db.schema
    .createTable('feedback_responses')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('form_id', 'uuid', (c) => c.notNull().references('feedback_forms.id'))
    .addColumn('survey_id', 'uuid', (c) => c.references('feedback_surveys.id'))
    .addColumn('customer_id', 'uuid', (c) => c.references('customers.id'))
    .addColumn('scores', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('sealed', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('recorded_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('feedback_responses_customer_idx')
    .on('feedback_responses')
    .column('customer_id')
    .execute()
  await db.schema
    .createIndex('feedback_responses_survey_idx')
    .on('feedback_responses')
    .column('survey_id')
    .execute()

  await db.schema
    .createTable('improvement_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('suggestion', 'complaint')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('plan', 'text')
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'in_progress', 'done', 'dropped')`),
    )
    .addColumn('response_id', 'uuid', (c) => c.references('feedback_responses.id'))
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute()
}
