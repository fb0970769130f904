import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../test/test-database.js'
import type { Database } from '../db/database.js'
import {
  type Clearance,
  mayBrowsePool,
  poolCondition,
  type RecordScope,
} from './customer-policy.js'

/*
 * CUS-10: whose department's pool (公海) a caller browses and picks from —
 * the rule as a predicate, caller by caller, and its SQL form held to it.
 */

const MY_DEPT = '00000000-0000-4000-8000-000000000001'
const OTHER_DEPT = '00000000-0000-4000-8000-000000000002'

function caller(scopes: RecordScope[], departmentId: string | null = MY_DEPT): Clearance {
  const clearance: Omit<Clearance, 'mayReview'> = {
    accountId: '00000000-0000-4000-8000-00000000000a',
    departmentId,
    scopes: new Set(scopes),
    viewMaxLevel: 2,
    revealMaxLevel: 2,
    mayReveal: false,
  }
  return { ...clearance, mayReview: false } as Clearance
}

/** Caller, and the pools they see: mine, another department's, one of no department. */
const CASES: [string, Clearance, [boolean, boolean, boolean]][] = [
  ['a salesperson (own scope)', caller(['own']), [true, false, false]],
  ['an agent or a manager (department scope)', caller(['department']), [true, false, false]],
  ['a compliance officer (all)', caller(['all']), [true, true, true]],
  ['a salesperson in no department', caller(['own'], null), [false, false, false]],
  ['a complaint handler', caller(['complaints']), [false, false, false]],
  ['a role that sees no records', caller([]), [false, false, false]],
  [
    'a salesperson who also handles complaints',
    caller(['own', 'complaints']),
    [true, false, false],
  ],
]

describe('the pool rule (mayBrowsePool)', () => {
  it.each(CASES)('%s', (_who, clearance, expected) => {
    expect([MY_DEPT, OTHER_DEPT, null].map((d) => mayBrowsePool(clearance, d))).toEqual(expected)
  })
})

describe('the pool rule in SQL (poolCondition) agrees with the predicate', () => {
  let db: Database
  let close: () => Promise<void>
  beforeAll(async () => {
    const handle = await createTestDatabase()
    db = handle.db
    close = handle.close
  })
  afterAll(async () => close())

  it.each(CASES)('%s', async (_who, clearance, expected) => {
    const seen: boolean[] = []
    for (const department of [MY_DEPT, OTHER_DEPT, null]) {
      const { rows } = await sql<{ ok: boolean | null }>`
        select ${poolCondition(clearance, 'c')} as ok
        from (values (${department}::uuid)) as c(department_id)`.execute(db)
      seen.push(rows[0]?.ok === true)
    }
    expect(seen).toEqual(expected)
  })
})
