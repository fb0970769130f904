import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import { createDepartment, publishPrivacyNotice, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

/**
 * CLS-1, PIPL Art. 28 and 31: a minor's data (under 14)
 * is sensitive whatever the field, so a reveal for a consent-based purpose
 * needs the separate consent to sensitive processing, given by a guardian.
 */
let t: TestApp
let agent: string
let manager: string
let child: string
let adult: string

const GUARDIAN = { name: '孙大', relation: '父亲' }

beforeAll(async () => {
  t = await createTestApp()
  // Consents rest on a published notice (CON-1).
  await publishPrivacyNotice(t.app, t.deps)
  const department = await createDepartment(t.deps, '零售业务部')
  agent = await signedIn(t.app, t.deps, 'agent', department)
  manager = await signedIn(t.app, t.deps, 'manager', department)
  // Born 2015-06-01: 10 years old on the test clock (2026-01-05).
  child = await createCustomerAs(
    t.app,
    manager,
    individual({ name: '孙小', idNumber: '110101201506010010', mobile: '13700000003' }),
  )
  adult = await createCustomerAs(
    t.app,
    manager,
    individual({ name: '钱二', idNumber: '110101199003078515', mobile: '13700000002' }),
  )
})

const consent = (id: string, body: Record<string, unknown>) =>
  call(t.app, {
    method: 'POST',
    url: `/api/v1/customers/${id}/consents`,
    cookie: agent,
    payload: { granted: true, channel: 'paper', ...body },
  })
const reveal = (id: string, fields: string[], purpose: string, language = 'zh-CN') =>
  call(t.app, {
    method: 'POST',
    url: `/api/v1/customers/${id}/reveal`,
    cookie: agent,
    headers: { 'accept-language': language },
    payload: { fields, purpose },
  })
const lastReveal = () =>
  t.deps.db
    .selectFrom('audit_events')
    .select(['outcome', 'reason', 'details'])
    .where('action', '=', 'customer.revealed')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()

describe('a minor’s data is sensitive whatever the field', () => {
  it('refuses a child’s mobile for marketing_sms with only a marketing consent, allows it with a guardian’s sensitive consent', async () => {
    expect(
      (await consent(child, { purpose: 'marketing_sms', guardian: GUARDIAN })).statusCode,
    ).toBe(201)

    const refused = await reveal(child, ['mobile'], 'marketing_sms')
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.code).toBe('MINOR_GUARDIAN_CONSENT_REQUIRED')
    expect(refused.json().error.message).toContain('监护人')
    expect(refused.body).not.toContain('13700000003')
    expect((await reveal(child, ['mobile'], 'marketing_sms', 'en')).json().error.message).toBe(
      'The customer is under 14, so all of their information is sensitive: a parent or guardian must consent to this purpose and, separately, to processing sensitive information.',
    )
    expect(await lastReveal()).toMatchObject({
      outcome: 'denied',
      reason: 'no_guardian_sensitive_consent',
    })

    // An adult's mobile is not sensitive: a marketing consent is enough.
    expect((await consent(adult, { purpose: 'marketing_sms' })).statusCode).toBe(201)
    expect((await reveal(adult, ['mobile'], 'marketing_sms')).json().values).toEqual({
      mobile: '13700000002',
    })

    expect(
      (await consent(child, { purpose: 'sensitive_processing', guardian: GUARDIAN })).statusCode,
    ).toBe(201)
    const allowed = await reveal(child, ['mobile'], 'marketing_sms')
    expect(allowed.statusCode, allowed.body).toBe(200)
    expect(allowed.json().values).toEqual({ mobile: '13700000003' })
    expect(await lastReveal()).toMatchObject({ outcome: 'allowed', details: { minor: true } })

    // A withdrawal by the guardian counts at once.
    await consent(child, { purpose: 'sensitive_processing', granted: false, guardian: GUARDIAN })
    expect((await reveal(child, ['mobile'], 'marketing_sms')).statusCode).toBe(403)
  })

  it('does not count a consent that no guardian gave, e.g. before the ID number was corrected', async () => {
    const corrected = await createCustomerAs(
      t.app,
      manager,
      individual({ name: '李小', idNumber: '110101199003078515', mobile: '13700000004' }),
    )
    await consent(corrected, { purpose: 'marketing_sms' })
    await consent(corrected, { purpose: 'sensitive_processing' })
    expect((await reveal(corrected, ['mobile'], 'marketing_sms')).statusCode).toBe(200)
    const patched = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/customers/${corrected}`,
      cookie: manager,
      payload: { idNumber: '110101201506010010' },
    })
    expect(patched.statusCode, patched.body).toBe(200)
    const refused = await reveal(corrected, ['mobile'], 'marketing_sms')
    expect(refused.json().error.code).toBe('MINOR_GUARDIAN_CONSENT_REQUIRED')
    expect(await lastReveal()).toMatchObject({ reason: 'consent_not_by_guardian' })
  })

  it('lets a contract or a legal obligation stand for a minor, and marks the reveal', async () => {
    const response = await reveal(child, ['mobile'], 'service')
    expect(response.json().values).toEqual({ mobile: '13700000003' })
    expect(await lastReveal()).toMatchObject({ outcome: 'allowed', details: { minor: true } })
  })

  it('counts a minor’s sealed text kept by other modules as sensitive too: an interaction’s note', async () => {
    const note = '孩子周末由父亲陪同来办理'
    const logged = await call(t.app, {
      method: 'POST',
      url: `/api/v1/customers/${child}/interactions`,
      cookie: agent,
      payload: { channel: 'visit', direction: 'inbound', note },
    })
    expect(logged.statusCode, logged.body).toBe(201)
    const revealNote = () =>
      call(t.app, {
        method: 'POST',
        url: `/api/v1/interactions/${logged.json().id}/reveal`,
        cookie: agent,
        payload: { purpose: 'third_party' },
      })
    // The guardian withdrew the sensitive consent above: a third-party consent alone is not enough.
    const given = await consent(child, {
      purpose: 'third_party',
      recipient: '某保险股份有限公司',
      guardian: GUARDIAN,
    })
    expect(given.statusCode, given.body).toBe(201)
    const refused = await revealNote()
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error.code).toBe('MINOR_GUARDIAN_CONSENT_REQUIRED')
    expect(refused.body).not.toContain(note)
    const audited = () =>
      t.deps.db
        .selectFrom('audit_events')
        .select(['outcome', 'reason', 'details'])
        .where('action', '=', 'interaction.revealed')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    expect(await audited()).toMatchObject({
      outcome: 'denied',
      reason: 'no_guardian_sensitive_consent',
    })

    await consent(child, { purpose: 'sensitive_processing', guardian: GUARDIAN })
    const allowed = await revealNote()
    expect(allowed.statusCode, allowed.body).toBe(200)
    expect(allowed.json().note).toBe(note)
    expect(await audited()).toMatchObject({
      outcome: 'allowed',
      details: { customerId: child, minor: true },
    })
  })
})
