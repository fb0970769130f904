import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../../test/test-database.js'
import type { Database } from '../../db/database.js'
import {
  type Clearance,
  consentBasisCondition,
  decideLegalBasis,
  isInScope,
  type RecordScope,
  scopeCondition,
  scopeReach,
  standingConsent,
  standingConsents,
} from '../../security/customer-policy.js'
import { consentStates } from '../consents/consent-ledger.js'

/*
 * The rules that run both in the server and inside the database — the
 * record scope, latest consent wins, the consent basis of a list — give
 * the same answer in both forms, on a real database (PGlite, PostgreSQL):
 * every caller against every customer, every customer's consent history.
 */

let db: Database
let close: () => Promise<void>

type Row = {
  id: string
  owner_id: string | null
  department_id: string | null
  status: string
  created_by: string
}
const customers: Row[] = []
const accounts: Record<'a1' | 'a2' | 'a3' | 'a4', string> = { a1: '', a2: '', a3: '', a4: '' }
const departments: Record<'d1' | 'd2', string> = { d1: '', d2: '' }

/** Consent histories for one purpose, oldest first (true grant, false withdrawal). */
const HISTORIES: boolean[][] = [
  [],
  [true],
  [false],
  [true, false],
  [false, true],
  [true, false, true],
  [true, true, false],
]
const PURPOSE = 'marketing_sms'

beforeAll(async () => {
  const handle = await createTestDatabase()
  db = handle.db
  close = handle.close
  const now = new Date('2026-01-05T09:00:00Z')
  for (const name of ['d1', 'd2'] as const) {
    const row = await db
      .insertInto('departments')
      .values({ name: `policy-${name}` })
      .returning('id')
      .executeTakeFirstOrThrow()
    departments[name] = row.id
  }
  const homes = { a1: departments.d1, a2: departments.d1, a3: departments.d2, a4: null }
  for (const [name, department] of Object.entries(homes) as [
    keyof typeof accounts,
    string | null,
  ][]) {
    const row = await db
      .insertInto('accounts')
      .values({
        username: `policy-${name}`,
        display_name: name,
        department_id: department,
        status: 'active',
        password_hash: 'not-a-hash',
        must_change_password: false,
        password_changed_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    accounts[name] = row.id
  }
  // Every owner (and none: the pool) in every department (and none), in
  // each state, entered by the owner or by someone else.
  let n = 0
  for (const owner of [...Object.values(accounts), null]) {
    for (const department of [departments.d1, departments.d2, null]) {
      for (const status of ['active', 'restricted', 'draft', 'submitted', 'rejected']) {
        const creator = owner !== null && n % 2 === 0 ? owner : accounts.a2
        const history = HISTORIES[n++ % HISTORIES.length] ?? []
        const row = await db
          .insertInto('customers')
          .values({
            kind: 'individual',
            status,
            grade: null,
            tracking_level: null,
            tenure: null,
            industry: null,
            size: null,
            source: null,
            owner_id: owner,
            department_id: department,
            created_by: creator,
            created_at: now,
            updated_at: now,
          })
          .returning(['id', 'owner_id', 'department_id', 'status', 'created_by'])
          .executeTakeFirstOrThrow()
        customers.push(row)
        for (const [i, granted] of history.entries()) {
          await db
            .insertInto('consents')
            .values({
              customer_id: row.id,
              purpose: PURPOSE,
              granted,
              channel: 'counter',
              notice_version: null,
              legacy_recipient: null,
              sealed: '{}',
              recorded_by: creator,
              recorded_at: new Date(now.getTime() + i * 60_000),
            })
            .execute()
        }
      }
    }
  }
})

afterAll(async () => {
  await close()
})

const SCOPE_SETS: RecordScope[][] = [
  [],
  ['none'],
  ['complaints'],
  ['own'],
  ['department'],
  ['all'],
  ['own', 'department'],
  ['own', 'complaints'],
  ['department', 'all'],
]

function clearances(): Clearance[] {
  const out: Clearance[] = []
  for (const [name, accountId] of Object.entries(accounts)) {
    const home = name === 'a3' ? departments.d2 : name === 'a4' ? null : departments.d1
    for (const departmentId of [home, name === 'a1' ? null : home]) {
      for (const scopes of SCOPE_SETS) {
        for (const mayReview of [false, true]) {
          out.push({
            accountId,
            departmentId,
            scopes: new Set(scopes),
            viewMaxLevel: 1,
            revealMaxLevel: 1,
            mayReveal: true,
            mayReview,
          })
        }
      }
    }
  }
  return out
}

describe('the customer-data policy in SQL and in the server agree', () => {
  it('record scope: the SQL condition selects exactly the records the predicate admits', async () => {
    let compared = 0
    for (const clearance of clearances()) {
      const selected = await db
        .selectFrom('customers as c')
        .select('c.id')
        .where(scopeCondition(clearance, 'c'))
        .orderBy('c.id')
        .execute()
      const admitted = customers
        .filter((c) => isInScope(clearance, c))
        .map((c) => c.id)
        .sort()
      expect(selected.map((r) => r.id)).toEqual(admitted)
      const reach = scopeReach(clearance)
      if (reach === 'none') expect(admitted).toEqual([])
      if (reach === 'all' && clearance.mayReview) expect(admitted).toHaveLength(customers.length)
      compared += 1
    }
    expect(compared).toBeGreaterThan(50)
  })

  it('latest consent wins: the SQL subquery and the ledger reduced in the server stand on the same record', async () => {
    const rows = await db
      .selectFrom('customers as c')
      .select('c.id')
      .select(sql<boolean | null>`${standingConsent('c.id', PURPOSE, 'granted')}`.as('granted'))
      .select(sql<Date | null>`${standingConsent('c.id', PURPOSE, 'recorded_at')}`.as('since'))
      .execute()
    const ledger = await db
      .selectFrom('consents')
      .select(['id', 'customer_id', 'purpose', 'granted', 'recorded_at'])
      .orderBy('id', 'desc') // read against the grain: the rule, not the order, decides
      .execute()
    for (const row of rows) {
      const standing = standingConsents(ledger.filter((k) => k.customer_id === row.id)).get(PURPOSE)
      expect(row.granted).toBe(standing ? standing.granted : null)
      expect(row.since?.getTime() ?? null).toBe(standing ? standing.recorded_at.getTime() : null)
      const states = await consentStates(db, row.id)
      expect(states.get(PURPOSE)?.granted ?? null).toBe(row.granted)
    }
    // Every history above is present, so withdrawals after grants and grants after withdrawals are both compared.
    expect(new Set(rows.map((r) => r.granted))).toEqual(new Set([true, false, null]))
  })

  it('a list by consent holds exactly the customers the legal basis admits', async () => {
    const listed = await db
      .selectFrom('customers as c')
      .select('c.id')
      .where(consentBasisCondition('c', PURPOSE))
      .execute()
    const ids = new Set(listed.map((r) => r.id))
    for (const customer of customers) {
      const basis = decideLegalBasis({
        customer,
        purpose: { code: PURPOSE, legal_basis: 'consent' },
        touchesSensitive: false,
        minor: false,
        consents: await consentStates(db, customer.id, [PURPOSE]),
      })
      expect(ids.has(customer.id), customer.id).toBe(basis.allowed)
    }
    expect(ids.size).toBeGreaterThan(0)
    expect(ids.size).toBeLessThan(customers.length)
  })
})
