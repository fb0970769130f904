import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import { createDepartment, publishPrivacyNotice, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { createTestDatabase } from '../../../test/test-database.js'
import type { Database } from '../../db/database.js'
import { TABLE_OWNERS } from '../../db/table-owners.js'
import {
  CUSTOMER_DATA_HOLDERS,
  countCustomerData,
  exportCustomerData,
  registeredCustomerTables,
  shredCustomerData,
} from './customer-data-registry.js'

/**
 * Tables that refer to a customer and are deliberately in no holder: they
 * are not data about the customer, so destruction leaves them and the
 * customer's copy does not carry them. Each says why.
 */
const NOT_CUSTOMER_DATA: Record<string, string> = {
  // The audit trail holds the customer's opaque id as an event's target and
  // no personal value (staff names are staff identity). It is append-only
  // and hash-chained: shredding a row would break the proof of who did
  // what (AUD-2). The copy summarises it (access-export.ts: accessSummary).
  audit_events:
    'the audit trail: opaque ids only, append-only proof; summarised in the copy, never shredded',
  // Second-person approvals name their subject by type and id; today the
  // subjects are accounts, purposes and catalogue fields, never a customer,
  // and the payload holds ids and codes only (ACC-5).
  approvals: 'approvals of staff and configuration changes: never a customer as subject',
}

/**
 * Every table of the live schema that refers to a customer, and why it was
 * taken: a column whose name speaks of a customer, a foreign key to
 * `customers` or to a table already taken (a request's history refers to
 * the request), or a `<x>_type` + `<x>_id` pair that can name any record.
 */
async function tablesReferringToCustomers(db: Database): Promise<Map<string, string>> {
  const found = new Map<string, string>([['customers', 'the customers themselves']])
  const { rows: named } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      and c.column_name like '%customer%'
    order by c.table_name, c.column_name`.execute(db)
  for (const r of named)
    if (!found.has(r.table_name)) found.set(r.table_name, `column ${r.column_name}`)

  const { rows: pairs } = await sql<{ table_name: string; column_name: string }>`
    select a.table_name, a.column_name
    from information_schema.columns a
    join information_schema.columns b
      on b.table_schema = a.table_schema and b.table_name = a.table_name
      and b.column_name = left(a.column_name, -3) || '_type'
    join information_schema.tables t
      on t.table_schema = a.table_schema and t.table_name = a.table_name
    where a.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      and a.column_name like '%\\_id'
    order by a.table_name, a.column_name`.execute(db)
  for (const r of pairs)
    if (!found.has(r.table_name)) found.set(r.table_name, `any record by ${r.column_name}`)

  const { rows: keys } = await sql<{ child: string; parent: string }>`
    select c.relname as child, p.relname as parent
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = current_schema()`.execute(db)
  for (let grew = true; grew; ) {
    grew = false
    for (const { child, parent } of keys) {
      if (found.has(parent) && !found.has(child)) {
        found.set(child, `foreign key to ${parent}`)
        grew = true
      }
    }
  }
  return found
}

/** What the registry misses: tables that refer to a customer, in no holder and not excused. */
async function unregisteredTables(db: Database): Promise<string[]> {
  const registered = new Set<string>(registeredCustomerTables())
  return [...(await tablesReferringToCustomers(db))]
    .filter(([table]) => !registered.has(table) && !(table in NOT_CUSTOMER_DATA))
    .map(([table, why]) => `${table} (${why})`)
    .sort()
}

describe('the registry of customer data covers the schema (DSR-2, RET-2)', () => {
  let db: Database
  let close: () => Promise<void>
  beforeAll(async () => {
    const handle = await createTestDatabase()
    db = handle.db
    close = handle.close
  })
  afterAll(async () => close())

  it('has a holder for every table that refers to a customer, or a stated reason it is not customer data', async () => {
    expect(await unregisteredTables(db)).toEqual([])
  })

  it('names only tables that exist, each in one holder of the module that owns it, and excuses only tables that refer to a customer', async () => {
    const { rows } = await sql<{ name: string }>`
      select tablename as name from pg_tables where schemaname = current_schema()`.execute(db)
    const existing = new Set(rows.map((r) => r.name))
    const registered = registeredCustomerTables()
    expect(registered.filter((table) => !existing.has(table))).toEqual([])
    expect(registered.filter((table, i) => registered.indexOf(table) !== i)).toEqual([])
    // A holder answers for the tables its module owns, so it lives in that module's folder.
    for (const holder of CUSTOMER_DATA_HOLDERS) {
      for (const table of holder.tables) expect(TABLE_OWNERS[table], table).toBe(holder.name)
      // What a merge moves (DQ-1) is the holder's own, keyed by customer_id and id.
      for (const { table } of holder.movable) {
        expect(holder.tables, `${holder.name} moves ${table}`).toContain(table)
        const { rows: columns } = await sql<{ column_name: string }>`
          select column_name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table}`.execute(db)
        expect(columns.map((c) => c.column_name)).toEqual(
          expect.arrayContaining(['id', 'customer_id']),
        )
      }
    }
    const referring = await tablesReferringToCustomers(db)
    for (const table of Object.keys(NOT_CUSTOMER_DATA)) {
      expect(referring.has(table), `${table} is excused but refers to no customer`).toBe(true)
      expect(registered, `${table} is excused and registered`).not.toContain(table)
    }
  })

  it('catches a table that refers to a customer and is in no holder', async () => {
    await sql`create table throwaway_notes (id int primary key, customer_id uuid)`.execute(db)
    await sql`create table throwaway_links (id int primary key,
      holder uuid not null references customers (id))`.execute(db)
    await sql`create table throwaway_request_notes (id int primary key,
      request uuid references data_requests (id))`.execute(db)
    await sql`create table throwaway_attachments (id int primary key,
      owner_type text not null, owner_id text not null)`.execute(db)
    try {
      expect(await unregisteredTables(db)).toEqual([
        'throwaway_attachments (any record by owner_id)',
        'throwaway_links (foreign key to customers)',
        'throwaway_notes (column customer_id)',
        'throwaway_request_notes (foreign key to data_requests)',
      ])
    } finally {
      await sql`drop table throwaway_notes, throwaway_links, throwaway_request_notes,
        throwaway_attachments`.execute(db)
    }
    expect(await unregisteredTables(db)).toEqual([])
  })
})

describe('every holder answers for the tables it names', () => {
  let t: TestApp
  let customer: string
  beforeAll(async () => {
    t = await createTestApp()
    // Consents rest on a published notice (CON-1).
    await publishPrivacyNotice(t.app, t.deps)
    const manager = await signedIn(
      t.app,
      t.deps,
      'manager',
      await createDepartment(t.deps, '零售业务部'),
    )
    customer = await createCustomerAs(t.app, manager, individual())
    const consent = await call(t.app, {
      method: 'POST',
      url: `/api/v1/customers/${customer}/consents`,
      cookie: manager,
      payload: { purpose: 'marketing_sms', granted: true, channel: 'paper', evidence: 'A-1' },
    })
    expect(consent.statusCode, consent.body).toBe(201)
  })

  it('counts each of its tables, and its sections of the copy are its own', async () => {
    const counts = await countCustomerData(t.deps.db, customer)
    for (const holder of CUSTOMER_DATA_HOLDERS) {
      expect(Object.keys(counts[holder.name] ?? {}).sort(), holder.name).toEqual(
        [...holder.tables].sort(),
      )
    }
    expect(counts.customers).toMatchObject({ customers: 1, customer_keys: 1, customer_personal: 1 })
    expect(counts.consents).toEqual({ consents: 1 })

    const key = await t.deps.db
      .selectFrom('customer_keys')
      .selectAll()
      .where('customer_id', '=', customer)
      .executeTakeFirstOrThrow()
    const copy = await exportCustomerData(t.deps.db, customer, {
      vault: t.deps.vault,
      key: await t.deps.vault.openCustomerKey(key),
    })
    expect(Object.keys(copy)).toEqual([
      'customer',
      'consents',
      'requests',
      'interactions',
      'deals',
      'interactionLog',
      'followUps',
      'trackingForm',
      'trackingChecks',
      'feedbackResponses',
      'surveyInvitations',
      'confirmations',
      'reviewPlanNotes',
    ])
    expect(copy.consents).toMatchObject([{ purpose: 'marketing_sms', evidence: 'A-1' }])
    // No visit or call yet: the section is there, empty.
    expect(copy.interactions).toEqual([])
  })

  it('shreds: the key, the sealed values and the tokens go; the anonymised row and the proof stay', async () => {
    await t.deps.db.transaction().execute((trx) => shredCustomerData(trx, customer, t.clock.now()))
    const counts = await countCustomerData(t.deps.db, customer)
    expect(counts.customers).toEqual({
      customers: 1,
      customer_keys: 0,
      customer_personal: 0,
      customer_sensitive: 0,
      customer_search_tokens: 0,
      customer_reviews: 0,
      // Whose customer it was stays (staff and dates); the registration is ended.
      customer_registrations: 1,
      customer_owner_changes: 0,
      customer_merges: 0,
    })
    expect(counts.consents).toEqual({ consents: 1 })
    const row = await t.deps.db
      .selectFrom('customers')
      .select(['status', 'destroyed_at'])
      .where('id', '=', customer)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'destroyed', destroyed_at: t.clock.now() })
  })
})
