import { beforeAll, describe, expect, it } from 'vitest'
import { createCustomerAs, individual } from '../../../test/customer-fixtures.js'
import { createDepartment, publishPrivacyNotice, signedIn } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

/**
 * Issue 14 item 2: on a fresh installation no privacy notice exists, and a
 * consent used to be saved naming none. A consent is informed only by the
 * notice shown (PIPL Art. 14, 17; CON-1): without one the grant is refused,
 * and nothing is written; a withdrawal stays possible.
 */
let t: TestApp
let agent: string
let customer: string

beforeAll(async () => {
  t = await createTestApp()
  const dept = await createDepartment(t.deps, '零售业务部')
  agent = await signedIn(t.app, t.deps, 'agent', dept)
  customer = await createCustomerAs(
    t.app,
    await signedIn(t.app, t.deps, 'manager', dept),
    individual(),
  )
})

const consent = (body: Record<string, unknown>, language = 'zh-CN') =>
  call(t.app, {
    method: 'POST',
    url: `/api/v1/customers/${customer}/consents`,
    cookie: agent,
    headers: { 'accept-language': language },
    payload: body,
  })

const written = async () => ({
  consents: (await t.deps.db.selectFrom('consents').select('id').execute()).length,
  grants: (
    await t.deps.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'consent.granted')
      .execute()
  ).length,
})

describe('a consent rests on a published notice (CON-1, issue 14)', () => {
  it('refuses a grant while no notice is published, saying to publish one, and writes nothing', async () => {
    const grant = { purpose: 'marketing_sms', granted: true, channel: 'app' }
    const refused = await consent(grant)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().error).toMatchObject({
      code: 'NOTICE_REQUIRED',
      message: expect.stringContaining('请先在“告知文本”中发布一版'),
    })
    expect((await consent(grant, 'en')).json().error.message).toMatch(
      /publish one under Notices first/,
    )
    expect(await written()).toEqual({ consents: 0, grants: 0 })

    // Withdrawing needs no notice.
    const withdrawn = await consent({ purpose: 'marketing_sms', granted: false, channel: 'app' })
    expect(withdrawn.statusCode).toBe(201)
    expect(withdrawn.json().noticeVersion).toBeNull()

    const version = await publishPrivacyNotice(t.app, t.deps)
    const granted = await consent(grant)
    expect(granted.statusCode).toBe(201)
    expect(granted.json().noticeVersion).toBe(version)
  })
})
