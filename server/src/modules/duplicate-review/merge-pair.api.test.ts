import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs } from '../../../test/customer-fixtures.js'
import { createDepartment, publishPrivacyNotice, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'
import { DAY } from '../../platform/clock.js'
import { countCustomerData } from '../customer-data/customer-data-registry.js'
import { finaliseMerges } from './merge-pair.js'

/**
 * DQ-1, issue 18 §3: a reviewer merges a likely pair. The survivor takes
 * the fields chosen, every record of the other (consents, interactions,
 * follow-ups, deals, requests, feedback) moves to it, sealed under its key,
 * and the other answers as merged; within the undo period the merge is
 * undone whole; after it, what the merge kept is gone.
 */
let t: TestApp
let retail: string
let retailDepartment: string
let corporate: string
let compliance: string
let survivor: string
let other: string
let pairId: string
const records: Record<string, string> = {}

const LI = { kind: 'individual', name: '李友琴', mobile: '13912345678', email: 'li.yq@example.com' }
// Typed again by another colleague: a homophone, a new mobile, the same e-mail.
const LI_AGAIN = {
  kind: 'individual',
  name: '李友勤',
  mobile: '13700001111',
  email: 'Li.YQ@example.com',
}

const send = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  call(t.app, { method, url: `/api/v1${url}`, cookie, ...(payload && { payload }) })

async function created(cookie: string, url: string, payload: object): Promise<string> {
  const answer = await send(cookie, 'POST', url, payload)
  expect(answer.statusCode, answer.body).toBe(201)
  return answer.json().id
}

/** Rows per holder and table, without the tables whose counts are zero. */
async function countsOf(customerId: string) {
  const counts = await countCustomerData(t.deps.db, customerId)
  return Object.fromEntries(
    Object.entries(counts).flatMap(([holder, tables]) => {
      const some = Object.entries(tables ?? {}).filter(([, n]) => n > 0)
      return some.length > 0 ? [[holder, Object.fromEntries(some)]] : []
    }),
  )
}

async function openPair(): Promise<string> {
  expect((await send(retail, 'POST', '/duplicates/sweep')).statusCode).toBe(200)
  const [pair] = (await send(retail, 'GET', '/duplicates')).json().items
  return pair.id
}

const revealMobile = async (customerId: string) =>
  (
    await send(retail, 'POST', `/customers/${customerId}/reveal`, {
      fields: ['mobile'],
      purpose: 'service',
    })
  ).json().values?.mobile

const findByMobile = async (mobile: string) =>
  (await send(retail, 'GET', `/customers?mobile=${mobile}`))
    .json()
    .items.map((c: { id: string }) => c.id)

beforeAll(async () => {
  t = await createTestApp()
  await publishPrivacyNotice(t.app, t.deps)
  retailDepartment = await createDepartment(t.deps, '零售业务部')
  retail = await signedIn(t.app, t.deps, 'manager', retailDepartment)
  corporate = await signedIn(t.app, t.deps, 'manager', await createDepartment(t.deps, '对公业务部'))
  compliance = await signedIn(t.app, t.deps, 'compliance')
  survivor = await createCustomerAs(t.app, retail, LI)
  other = await createCustomerAs(t.app, retail, LI_AGAIN)

  // The other record has a life of its own: a consent, a call, a plan, a deal, a request, feedback.
  records.consent = await created(retail, `/customers/${other}/consents`, {
    purpose: 'marketing_sms',
    granted: true,
    channel: 'paper',
    evidence: 'A-7',
  })
  records.interaction = await created(retail, `/customers/${other}/interactions`, {
    channel: 'phone',
    direction: 'inbound',
    note: '客户来电询问理财产品',
  })
  records.followUp = await created(retail, '/follow-ups', {
    customerId: other,
    dueAt: '2026-01-08T10:00:00+08:00',
    purpose: 'return_visit',
  })
  records.deal = await created(retail, '/deals', { customerId: other, stage: 'intent' })
  records.request = await created(compliance, '/requests', { customerId: other, type: 'access' })
  const account = await t.deps.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow()
  const form = await t.deps.db
    .insertInto('feedback_forms')
    .values({
      version: 1,
      name: '反馈表',
      grade: null,
      fields: JSON.stringify([{ key: 'service', kind: 'scale', label: '满意度', required: true }]),
      created_by: account.id,
      created_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  records.feedback = await created(retail, `/customers/${other}/feedback`, {
    formId: form.id,
    answers: { service: 5 },
  })
  pairId = await openPair()
})

describe('merging a pair of one person’s records (DQ-1)', () => {
  let mergeId: string
  let before: { survivor: object; other: object }

  it('refuses a survivor outside the pair, a field the other lacks, and another department', async () => {
    const before = { survivor: await countsOf(survivor), other: await countsOf(other) }
    const stranger = await send(retail, 'POST', `/duplicates/${pairId}/merge`, {
      survivor: crypto.randomUUID(),
      take: [],
    })
    expect(stranger.statusCode).toBe(400)
    expect(Object.keys(stranger.json().error.fields)).toEqual(['survivor'])
    const lacking = await send(retail, 'POST', `/duplicates/${pairId}/merge`, {
      survivor,
      take: ['idNumber'],
    })
    expect(lacking.statusCode).toBe(400)
    expect(Object.keys(lacking.json().error.fields)).toEqual(['idNumber'])
    const elsewhere = await send(corporate, 'POST', `/duplicates/${pairId}/merge`, {
      survivor,
      take: [],
    })
    expect(elsewhere.statusCode).toBe(404)
    expect(elsewhere.json().error.code).toBe('DUPLICATE_PAIR_NOT_FOUND')
    expect({ survivor: await countsOf(survivor), other: await countsOf(other) }).toEqual(before)
  })

  it('refuses while the other record is under a legal hold, and changes nothing', async () => {
    const hold = await created(compliance, `/customers/${other}/legal-holds`, {
      reference: '案号 2026-9',
    })
    const held = await send(retail, 'POST', `/duplicates/${pairId}/merge`, { survivor, take: [] })
    expect(held.statusCode).toBe(409)
    expect(held.json().error.code).toBe('MERGE_LEGAL_HOLD')
    expect(
      (
        await call(t.app, {
          method: 'DELETE',
          url: `/api/v1/legal-holds/${hold}`,
          cookie: compliance,
        })
      ).statusCode,
    ).toBe(204)
    expect(await revealMobile(other)).toBe(LI_AGAIN.mobile)
  })

  it('moves every record to the survivor, which takes the fields chosen; the other points to it', async () => {
    before = { survivor: await countsOf(survivor), other: await countsOf(other) }
    const merged = await send(retail, 'POST', `/duplicates/${pairId}/merge`, {
      survivor,
      take: ['mobile'],
    })
    expect(
      merged.statusCode,
      t.logs
        .filter((l) => l.includes('"level":50'))
        .join('\n')
        .slice(0, 3000),
    ).toBe(200)
    mergeId = merged.json().mergeId
    expect(merged.json()).toMatchObject({ survivorId: survivor, mergedId: other })
    expect(new Date(merged.json().undoUntil).getTime()).toBe(t.clock.now().getTime() + 30 * DAY)

    const gone = await send(retail, 'GET', `/customers/${other}`)
    expect(gone.statusCode).toBe(410)
    expect(gone.json().error.code).toBe('CUSTOMER_MERGED')
    expect(await revealMobile(survivor)).toBe(LI_AGAIN.mobile)
    // The tokens follow the values: the new mobile finds the survivor, the old one nobody.
    expect(await findByMobile(LI_AGAIN.mobile)).toEqual([survivor])
    expect(await findByMobile(LI.mobile)).toEqual([])

    const counts = await countsOf(survivor)
    for (const [holder, table] of [
      ['consents', 'consents'],
      ['interactions', 'interactions'],
      ['follow-ups', 'follow_ups'],
      ['deals', 'deals'],
      ['requests', 'data_requests'],
      ['feedback', 'feedback_responses'],
    ] as const) {
      expect((counts[holder] as Record<string, number>)?.[table], table).toBeGreaterThanOrEqual(1)
    }
    // Nothing of the other is left but its pointer, its ended registration, the merge and its pair.
    expect(await countsOf(other)).toEqual({
      customers: { customers: 1, customer_registrations: 1, customer_merges: 1 },
      'duplicate-review': { duplicate_pairs: 1 },
    })
    // Moved rows open under the survivor's key.
    const note = await send(retail, 'POST', `/interactions/${records.interaction}/reveal`, {
      purpose: 'service',
    })
    expect(note.statusCode, note.body).toBe(200)
    expect(note.json().note).toBe('客户来电询问理财产品')
    const consents = (await send(retail, 'GET', `/customers/${survivor}/consents`)).json()
    expect(consents.history).toMatchObject([
      { purpose: 'marketing_sms', granted: true, hasEvidence: true },
    ])

    // The guard's events of the route name the pair; the merge's own names the survivor.
    const event = (
      await t.deps.db
        .selectFrom('audit_events')
        .select(['target_id', 'details'])
        .where('action', '=', 'duplicates.merged')
        .execute()
    ).find((e) => (e.details as { mergeId?: string } | null)?.mergeId)
    expect(event).toMatchObject({
      target_id: survivor,
      details: { mergeId, pairId, mergedId: other, fields: ['mobile'] },
    })
    expect(JSON.stringify(event)).not.toContain(LI_AGAIN.mobile)
    const [pair] = (await send(retail, 'GET', '/duplicates?status=merged')).json().items
    expect(pair).toMatchObject({ id: pairId, status: 'merged' })
  })

  it('undoes the merge whole within its period: both records as they were, the pair dismissed', async () => {
    const undone = await send(retail, 'POST', `/merges/${mergeId}/undo`)
    expect(undone.statusCode, undone.body).toBe(204)
    expect(await countsOf(survivor)).toEqual({
      ...before.survivor,
      customers: { ...(before.survivor as { customers: object }).customers, customer_merges: 1 },
    })
    expect(await countsOf(other)).toEqual({
      ...before.other,
      customers: { ...(before.other as { customers: object }).customers, customer_merges: 1 },
    })
    expect(await revealMobile(other)).toBe(LI_AGAIN.mobile)
    expect(await revealMobile(survivor)).toBe(LI.mobile)
    expect(await findByMobile(LI.mobile)).toEqual([survivor])
    const note = await send(retail, 'POST', `/interactions/${records.interaction}/reveal`, {
      purpose: 'service',
    })
    expect(note.json().note).toBe('客户来电询问理财产品')
    expect((await send(retail, 'GET', `/customers/${other}`)).statusCode).toBe(200)

    const again = await send(retail, 'POST', `/merges/${mergeId}/undo`)
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('MERGE_NOT_UNDOABLE')
    const [pair] = (await send(retail, 'GET', '/duplicates?status=dismissed')).json().items
    expect(pair).toMatchObject({ id: pairId, status: 'dismissed' })
    expect(
      await t.deps.db
        .selectFrom('audit_events')
        .select('details')
        .where('action', '=', 'duplicates.merge_undone')
        .executeTakeFirstOrThrow(),
    ).toMatchObject({ details: { mergeId, restoredId: other } })
  })

  it('is not for a role without the review, and an unknown merge is not found', async () => {
    const agent = await signedIn(t.app, t.deps, 'agent')
    expect((await send(agent, 'POST', `/merges/${crypto.randomUUID()}/undo`)).statusCode).toBe(403)
    const missing = await send(retail, 'POST', `/merges/${crypto.randomUUID()}/undo`)
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('MERGE_NOT_FOUND')
  })
  it('after the undo period, the merge is final: what it kept is gone and it cannot be undone', async () => {
    await t.deps.db
      .updateTable('duplicate_pairs')
      .set({ status: 'open', decided_by: null, decided_at: null })
      .where('id', '=', pairId)
      .execute()
    const merged = await send(retail, 'POST', `/duplicates/${pairId}/merge`, { survivor, take: [] })
    expect(merged.statusCode, merged.body).toBe(200)
    const finalId = merged.json().mergeId
    expect(await finaliseMerges(t.deps.db, t.deps)).toBe(0)

    t.clock.advance(31 * DAY)
    expect(await finaliseMerges(t.deps.db, t.deps)).toBe(1)
    // A month on, the department's manager signs in again.
    retail = await signedIn(t.app, t.deps, 'manager', retailDepartment)
    const row = await t.deps.db
      .selectFrom('customer_merges')
      .select(['status', 'survivor_before', 'merged_values'])
      .where('id', '=', finalId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'final', survivor_before: null, merged_values: null })
    const undo = await send(retail, 'POST', `/merges/${finalId}/undo`)
    expect(undo.json().error.code).toBe('MERGE_NOT_UNDOABLE')
    expect((await send(retail, 'GET', `/customers/${other}`)).json().error.code).toBe(
      'CUSTOMER_MERGED',
    )
    // The survivor kept its own mobile (nothing taken) and has the other's records.
    expect(await revealMobile(survivor)).toBe(LI.mobile)
    expect((await countsOf(survivor)).interactions).toEqual({ interactions: 1 })
  })
})
