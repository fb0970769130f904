import { beforeAll, describe, expect, it } from 'vitest'
import { createDepartment, createStaff, type Staff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { DAY } from '../../platform/clock.js'
import { destroyRejectedDrafts } from './destroy-rejected-drafts.js'

/**
 * CUS-4: a draft sent back by its reviewer and not corrected within the
 * period (30 days by default) is destroyed by crypto-shredding, with a
 * destruction record of its own reason; one corrected and resubmitted in
 * time is kept, and so is one under a legal hold.
 */
let t: TestApp
let salesperson: Staff
let sales: string
let reviewer: string
let complianceOfficer: Staff

beforeAll(async () => {
  t = await createTestApp({ CUSTODIA_SIGNIN_RATE_LIMIT: '1000' }, { entryReview: true })
  const departmentId = await createDepartment(t.deps, '退回草稿部')
  salesperson = await createStaff(t.deps, ['sales'], { departmentId })
  sales = await signInAs(t.app, salesperson)
  reviewer = await signInAs(t.app, await createStaff(t.deps, ['manager'], { departmentId }))
  complianceOfficer = await createStaff(t.deps, ['compliance'])
})

const send = (cookie: string, url: string, payload?: object) =>
  call(t.app, { method: payload ? 'POST' : 'GET', url: `/api/v1${url}`, cookie, payload })

async function rejectedDraft(name: string, mobile: string): Promise<string> {
  const created = await send(sales, '/customers', { kind: 'individual', name, mobile })
  expect(created.statusCode, created.body).toBe(201)
  const id = created.json().id as string
  expect((await send(sales, `/customers/${id}/submit`, {})).statusCode).toBe(200)
  const rejected = await send(reviewer, `/customers/${id}/reject`, { reason: '资料不全' })
  expect(rejected.statusCode, rejected.body).toBe(200)
  return id
}

const statusOf = async (id: string) =>
  (
    await t.deps.db
      .selectFrom('customers')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status

describe('rejected drafts not corrected in time (CUS-4)', () => {
  it('destroys them after the period, keeps those resubmitted or held', async () => {
    const stale = await rejectedDraft('甄退回', '13800138101')
    const corrected = await rejectedDraft('甄改正', '13800138102')
    const held = await rejectedDraft('甄保全', '13800138103')
    // A compliance officer does not see drafts (only their creator, owner and reviewers do): the
    // hold is placed as a court order would have it placed, on the record itself.
    await t.deps.db
      .insertInto('legal_holds')
      .values({
        customer_id: held,
        reference: '(2026) 粤01民初1号',
        placed_by: complianceOfficer.id,
        placed_at: t.clock.now(),
      })
      .execute()
    t.clock.advance(29 * DAY)
    expect(await destroyRejectedDrafts(t.deps.db, t.deps)).toBe(0)
    sales = await signInAs(t.app, salesperson)
    expect((await send(sales, `/customers/${corrected}/submit`, {})).statusCode).toBe(200)
    t.clock.advance(2 * DAY)
    expect(await destroyRejectedDrafts(t.deps.db, t.deps)).toBe(1)
    expect(await statusOf(stale)).toBe('destroyed')
    expect(await statusOf(corrected)).toBe('submitted')
    expect(await statusOf(held)).toBe('rejected')
    const key = await t.deps.db
      .selectFrom('customer_keys')
      .select('customer_id')
      .where('customer_id', '=', stale)
      .executeTakeFirst()
    expect(key).toBeUndefined()
    const destruction = await t.deps.db
      .selectFrom('destructions')
      .select(['reason', 'status'])
      .where('customer_id', '=', stale)
      .executeTakeFirstOrThrow()
    expect(destruction).toEqual({ reason: 'rejected_draft', status: 'completed' })
    const event = await t.deps.db
      .selectFrom('audit_events')
      .select(['actor_type', 'details'])
      .where('action', '=', 'customer.destroyed')
      .where('target_id', '=', stale)
      .executeTakeFirstOrThrow()
    expect(event.actor_type).toBe('system')
    expect(event.details).toMatchObject({ reason: 'rejected_draft' })
    // Done once: nothing more to destroy.
    expect(await destroyRejectedDrafts(t.deps.db, t.deps)).toBe(0)
  })
})
