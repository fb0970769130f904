import { beforeAll, describe, expect, it } from 'vitest'
import {
  CANARY_RECIPIENT,
  CANARY_STRINGS,
  createCustomerAs,
  individual,
} from '../../../test/customer-fixtures.js'
import { createDepartment, publishPrivacyNotice, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { sealAll } from '../../audit/sealer.js'
import { verifyAuditTrail } from '../audit/audit.service.js'

let t: TestApp
let manager: string
let officer: string
let secondOfficer: string
let customer: string

beforeAll(async () => {
  t = await createTestApp()
  // Consents rest on a published notice (CON-1).
  await publishPrivacyNotice(t.app, t.deps)
  const dept = await createDepartment(t.deps, '零售业务部')
  manager = await signedIn(t.app, t.deps, 'manager', dept)
  officer = await signedIn(t.app, t.deps, 'compliance')
  secondOfficer = await signedIn(t.app, t.deps, 'compliance')
  customer = await createCustomerAs(t.app, manager, individual())
})

const post = (url: string, payload: Record<string, unknown>, cookie: string) =>
  call(t.app, { method: 'POST', url: `/api/v1${url}`, cookie, payload })
const keyRows = () =>
  t.deps.db
    .selectFrom('customer_keys')
    .select('customer_id')
    .where('customer_id', '=', customer)
    .execute()

describe('destruction by crypto-shredding (RET-2, ACC-5)', () => {
  it('does not happen without a second approver', async () => {
    const requested = await post(
      `/customers/${customer}/destruction`,
      { reason: 'customer_request' },
      officer,
    )
    expect(requested.statusCode).toBe(202)
    expect(requested.json()).toMatchObject({ status: 'pending_approval' })
    const self = await post(`/destructions/${requested.json().id}/approve`, {}, officer)
    expect(self.statusCode).toBe(403)
    expect(self.json().error.code).toBe('SECOND_APPROVER_REQUIRED')
    expect(await keyRows()).toHaveLength(1)
    // One pending destruction per customer.
    const again = await post(
      `/customers/${customer}/destruction`,
      { reason: 'customer_request' },
      officer,
    )
    expect(again.json().error.code).toBe('DESTRUCTION_PENDING')
    const rejected = await post(`/destructions/${requested.json().id}/reject`, {}, secondOfficer)
    expect(rejected.json().status).toBe('rejected')
    expect(await keyRows()).toHaveLength(1)
  })

  it('is stopped by a legal hold', async () => {
    const hold = await post(
      `/customers/${customer}/legal-holds`,
      { reference: '（2026）京0105民初1234号' },
      officer,
    )
    expect(hold.statusCode).toBe(201)
    const refused = await post(
      `/customers/${customer}/destruction`,
      { reason: 'retention_expired' },
      officer,
    )
    expect(refused.json().error.code).toBe('LEGAL_HOLD')
    await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/legal-holds/${hold.json().id}`,
      cookie: officer,
    })
    const requested = await post(
      `/customers/${customer}/destruction`,
      { reason: 'retention_expired' },
      officer,
    )
    expect(requested.statusCode).toBe(202)
    // A hold placed while the destruction waits stops the approval too.
    const late = await post(
      `/customers/${customer}/legal-holds`,
      { reference: '监管调查 2026-17' },
      officer,
    )
    const blocked = await post(`/destructions/${requested.json().id}/approve`, {}, secondOfficer)
    expect(blocked.json().error.code).toBe('LEGAL_HOLD')
    expect(await keyRows()).toHaveLength(1)
    await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/legal-holds/${late.json().id}`,
      cookie: officer,
    })
    await post(`/destructions/${requested.json().id}/reject`, {}, secondOfficer)
  })

  it('destroys the key, values and tokens; the customer answers "destroyed" with the record; a deletion request completes', async () => {
    // A consent naming its recipient: sealed with the customer's key, so it goes with it.
    const consent = await post(
      `/customers/${customer}/consents`,
      { purpose: 'third_party', granted: true, channel: 'paper', recipient: CANARY_RECIPIENT },
      officer,
    )
    expect(consent.statusCode, consent.body).toBe(201)
    const deletion = await post('/requests', { customerId: customer, type: 'delete' }, officer)
    await post(`/requests/${deletion.json().id}/verify-identity`, { method: 'in_person' }, officer)
    await post(`/requests/${deletion.json().id}/fulfil`, {}, officer)

    const requested = await post(
      `/customers/${customer}/destruction`,
      { reason: 'customer_request' },
      officer,
    )
    expect(requested.json().dataRequestId).toBe(deletion.json().id)
    const approved = await post(`/destructions/${requested.json().id}/approve`, {}, secondOfficer)
    expect(approved.statusCode).toBe(200)
    expect(approved.json()).toMatchObject({ status: 'completed', reason: 'customer_request' })

    expect(await keyRows()).toHaveLength(0)
    for (const table of [
      'customer_personal',
      'customer_sensitive',
      'customer_search_tokens',
    ] as const) {
      const rows = await t.deps.db
        .selectFrom(table)
        .select('customer_id')
        .where('customer_id', '=', customer)
        .execute()
      expect(rows, table).toHaveLength(0)
    }
    const answer = await call(t.app, {
      method: 'GET',
      url: `/api/v1/customers/${customer}`,
      cookie: manager,
    })
    expect(answer.statusCode).toBe(200)
    expect(Object.keys(answer.json()).sort()).toEqual(['destruction', 'id', 'status'])
    expect(answer.json()).toMatchObject({
      status: 'destroyed',
      destruction: { id: requested.json().id },
    })
    const reveal = await post(
      `/customers/${customer}/reveal`,
      { fields: ['mobile'], purpose: 'service' },
      manager,
    )
    expect(reveal.statusCode).toBe(410)
    expect(reveal.json().error.code).toBe('CUSTOMER_DESTROYED')
    const list = await call(t.app, {
      method: 'GET',
      url: `/api/v1/customers?mobile=${'13912345678'}`,
      cookie: manager,
    })
    expect(list.json().items).toEqual([])
    const request = await call(t.app, {
      method: 'GET',
      url: `/api/v1/requests/${deletion.json().id}`,
      cookie: officer,
    })
    // The request stays on record, completed; what was sealed with the customer's key is gone.
    expect(request.json()).toMatchObject({ status: 'completed', details: null })

    // The record of it holds no personal data, and the trail still verifies.
    const records = await t.deps.db.selectFrom('destructions').selectAll().execute()
    for (const canary of CANARY_STRINGS) expect(JSON.stringify(records)).not.toContain(canary)
    // The consent ledger stays, append-only; its recipient, sealed under the key now gone, is unreadable.
    const ledger = await t.deps.db
      .selectFrom('consents')
      .selectAll()
      .where('customer_id', '=', customer)
      .execute()
    expect(ledger.some((row) => row.sealed.recipient)).toBe(true)
    expect(JSON.stringify(ledger)).not.toContain(CANARY_RECIPIENT)
    expect(ledger.every((row) => row.legacy_recipient === null)).toBe(true)
    const consents = await call(t.app, {
      method: 'GET',
      url: `/api/v1/customers/${customer}/consents`,
      cookie: officer,
    })
    expect(consents.statusCode).toBe(410)
    const closed = await t.deps.db
      .selectFrom('data_requests')
      .select('status')
      .where('id', '=', deletion.json().id)
      .executeTakeFirstOrThrow()
    expect(closed.status).toBe('completed')
    await sealAll(t.deps.db, t.deps.auditSigner, t.clock)
    expect((await verifyAuditTrail(t.deps)).ok).toBe(true)
  })
})
