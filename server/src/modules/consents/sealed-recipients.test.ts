import { type Kysely, Migrator, sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { CANARY_RECIPIENT, createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import { createDepartment, publishPrivacyNotice, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { openPGlite } from '../../db/database.js'
import * as foundation from '../../db/migrations/0001-foundation.js'
import * as auditTrail from '../../db/migrations/0002-audit-trail.js'
import * as customers from '../../db/migrations/0003-customers.js'
import * as consentsRequests from '../../db/migrations/0004-consents-requests.js'
import * as destruction from '../../db/migrations/0005-destruction.js'
import * as retention from '../../db/migrations/0006-retention.js'
import * as backupRuns from '../../db/migrations/0007-backup-runs.js'
import * as sealedRecipients from '../../db/migrations/0009-sealed-recipients.js'
import { shred } from '../destruction/destruction.service.js'
import { sealLegacyRecipients } from './seal-legacy-recipients.js'

/**
 * CLS-2, RET-2: a consent's recipient was stored in plain
 * text and outlived the customer's destruction. Now it is sealed under the
 * customer's key; recipients an older version stored are sealed when the
 * server starts; the API still shows it to whoever may see the consents.
 */
let t: TestApp
let manager: string
let officer: string
let customer: string

beforeAll(async () => {
  t = await createTestApp()
  // Consents rest on a published notice (CON-1).
  await publishPrivacyNotice(t.app, t.deps)
  const dept = await createDepartment(t.deps, '零售业务部')
  manager = await signedIn(t.app, t.deps, 'manager', dept)
  officer = await signedIn(t.app, t.deps, 'compliance')
  customer = await createCustomerAs(t.app, manager, individual())
})

const consents = (id: string) =>
  call(t.app, { method: 'GET', url: `/api/v1/customers/${id}/consents`, cookie: manager })

/** Every row of every table, as the database prints it. */
async function wholeDatabase(): Promise<string> {
  const { rows: tables } = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = 'public'`.execute(t.deps.db)
  let text = ''
  for (const { name } of tables) {
    const { rows } = await sql<{ row: string }>`
      select t::text as row from ${sql.table(name)} t`.execute(t.deps.db)
    text += rows.map((r) => r.row).join('\n')
  }
  return text
}

describe('a consent’s recipient is sealed with the customer’s key (CLS-2)', () => {
  it('stores it sealed — nowhere in the database in plain text — and shows it to callers in scope', async () => {
    const recorded = await call(t.app, {
      method: 'POST',
      url: `/api/v1/customers/${customer}/consents`,
      cookie: officer,
      payload: {
        purpose: 'cross_border',
        granted: true,
        channel: 'paper',
        recipient: CANARY_RECIPIENT,
      },
    })
    expect(recorded.statusCode, recorded.body).toBe(201)
    const dump = await wholeDatabase()
    expect(dump).toContain(customer)
    expect(dump).not.toContain(CANARY_RECIPIENT)
    const row = await t.deps.db
      .selectFrom('consents')
      .selectAll()
      .where('id', '=', recorded.json().id)
      .executeTakeFirstOrThrow()
    expect(row.legacy_recipient).toBeNull()
    expect(typeof row.sealed.recipient).toBe('string')

    const listed = await consents(customer)
    expect(listed.json().history[0]).toMatchObject({
      purpose: 'cross_border',
      recipient: CANARY_RECIPIENT,
    })
    expect(
      listed.json().states.find((s: { purpose: string }) => s.purpose === 'cross_border'),
    ).toMatchObject({ recipient: CANARY_RECIPIENT })
  })

  it('seals at start what an older version stored in plain text, and drops a destroyed customer’s', async () => {
    const destroyed = await createCustomerAs(
      t.app,
      manager,
      individual({ mobile: '13800000002', idNumber: '110101199003077774' }),
    )
    await t.deps.db.transaction().execute((trx) => shred(trx, destroyed, t.clock.now()))
    const recorder = await t.deps.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow()
    const legacy = (customerId: string, recipient: string) =>
      t.deps.db
        .insertInto('consents')
        .values({
          customer_id: customerId,
          purpose: 'third_party',
          granted: true,
          channel: 'paper',
          notice_version: null,
          legacy_recipient: recipient,
          by_guardian: false,
          sealed: '{}',
          recorded_by: recorder.id,
          recorded_at: t.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    const kept = await legacy(customer, `${CANARY_RECIPIENT}（旧）`)
    const gone = await legacy(destroyed, `${CANARY_RECIPIENT}（已销毁）`)

    expect(await sealLegacyRecipients(t.deps)).toEqual({ sealed: 1, dropped: 1 })
    expect(await sealLegacyRecipients(t.deps)).toEqual({ sealed: 0, dropped: 0 })
    expect(await wholeDatabase()).not.toContain(CANARY_RECIPIENT)
    const rows = await t.deps.db
      .selectFrom('consents')
      .selectAll()
      .where('id', 'in', [kept.id, gone.id])
      .orderBy('id')
      .execute()
    expect(rows.map((r) => [r.legacy_recipient, 'recipient' in r.sealed])).toEqual([
      [null, true],
      [null, false],
    ])
    const listed = await consents(customer)
    expect(
      listed.json().history.find((h: { id: string }) => h.id === String(kept.id)),
    ).toMatchObject({ recipient: `${CANARY_RECIPIENT}（旧）` })
    const event = await t.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'consent.recipients_sealed')
      .executeTakeFirstOrThrow()
    expect(event.details).toEqual({ sealed: 1, dropped: 1 })
  })

  it('keeps the ledger append-only for every other change', async () => {
    const attempts = [
      sql`update consents set granted = not granted`,
      sql`update consents set legacy_recipient = 'x' where legacy_recipient is null`,
      sql`update consents set sealed = '{}'::jsonb`,
      sql`delete from consents`,
    ]
    for (const attempt of attempts) {
      await expect(attempt.execute(t.deps.db)).rejects.toThrow(/append-only/)
    }
  })
})

describe('migration 0009-sealed-recipients', () => {
  it('moves plain recipients, unchanged, to the column that start-up seals from', async () => {
    const handle = await openPGlite(undefined)
    try {
      const db = handle.db as unknown as Kysely<unknown>
      const migrations = {
        '0001-foundation': foundation,
        '0002-audit-trail': auditTrail,
        '0003-customers': customers,
        '0004-consents-requests': consentsRequests,
        '0005-destruction': destruction,
        '0006-retention': retention,
        '0007-backup-runs': backupRuns,
      }
      const { error } = await new Migrator({
        db,
        provider: { getMigrations: async () => migrations },
      }).migrateToLatest()
      expect(error).toBeUndefined()
      // A ledger row as 0004 stored it (references left out: only the columns matter here).
      await sql`set session_replication_role = replica`.execute(db)
      await sql`insert into consents (customer_id, purpose, granted, channel, recipient, recorded_by, recorded_at)
        values (gen_random_uuid(), 'third_party', true, 'paper', '某保险股份有限公司', gen_random_uuid(), now())`.execute(
        db,
      )
      await sql`set session_replication_role = origin`.execute(db)
      await sealedRecipients.up(db)
      const { rows } = await sql<{
        legacy_recipient: string
      }>`select legacy_recipient from consents`.execute(db)
      expect(rows).toEqual([{ legacy_recipient: '某保险股份有限公司' }])
      const { rows: columns } = await sql<{ column_name: string }>`
        select column_name from information_schema.columns
        where table_name = 'consents' and column_name like '%recipient%'`.execute(db)
      expect(columns.map((c) => c.column_name)).toEqual(['legacy_recipient'])
    } finally {
      await handle.close()
    }
  })
})
