import { beforeAll, describe, expect, it } from 'vitest'
import {
  CANARY,
  createCustomerAs,
  findCanary,
  individual,
  organization,
} from '../../../test/customer-fixtures.js'
import { createStaff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

let t: TestApp
let salesDept: string
let otherDept: string
type Who = 'manager' | 'agent' | 'sales' | 'otherManager' | 'compliance' | 'sysadmin' | 'complaints'
const cookies = {} as Record<Who, string>
const ids = {} as Record<Who | 'customer' | 'organization', string>

async function department(name: string): Promise<string> {
  const row = await t.deps.db
    .insertInto('departments')
    .values({ name })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

beforeAll(async () => {
  t = await createTestApp()
  salesDept = await department('零售业务部')
  otherDept = await department('对公业务部')
  for (const [name, roles, dept] of [
    ['manager', ['manager'], salesDept],
    ['agent', ['agent'], salesDept],
    ['sales', ['sales'], salesDept],
    ['otherManager', ['manager'], otherDept],
    ['compliance', ['compliance'], null],
    ['sysadmin', ['sysadmin'], null],
    ['complaints', ['complaints'], salesDept],
  ] as const) {
    const staff = await createStaff(t.deps, [...roles], dept ? { departmentId: dept } : {})
    ids[name] = staff.id
    cookies[name] = await signInAs(t.app, staff)
  }
})

const get = (cookie: string, url: string, language = 'zh-CN') =>
  call(t.app, { method: 'GET', url, cookie, headers: { 'accept-language': language } })
const reveal = (
  cookie: string,
  id: string,
  fields: string[],
  purpose: string,
  language = 'zh-CN',
) =>
  call(t.app, {
    method: 'POST',
    url: `/api/v1/customers/${id}/reveal`,
    cookie,
    headers: { 'accept-language': language },
    payload: { fields, purpose },
  })
const countCustomers = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('creating customers (CUS-1, CLS-2, CLS-4)', () => {
  it('answers 201 with the record masked, and stores no plain value', async () => {
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers',
      cookie: cookies.manager,
      payload: individual(),
    })
    expect(response.statusCode, response.body).toBe(201)
    const view = response.json()
    expect(view).toMatchObject({
      kind: 'individual',
      name: '甄***',
      idNumber: '440304********123X',
      mobile: '139****5678',
      bankCards: ['6222 **** **** 0123'],
      income: '***',
      grade: 'important',
      ownerId: ids.manager,
      departmentId: salesDept,
      employer: CANARY.employer,
    })
    expect(view.masked).toEqual(
      expect.arrayContaining(['name', 'idNumber', 'mobile', 'bankCards', 'income']),
    )
    expect(view.revealable).toEqual(expect.arrayContaining(['bankCards', 'idNumber']))
    ids.customer = view.id

    const stored = await t.deps.db
      .selectFrom('customer_personal')
      .select('sealed')
      .where('customer_id', '=', view.id)
      .executeTakeFirstOrThrow()
    const sensitive = await t.deps.db
      .selectFrom('customer_sensitive')
      .select('sealed')
      .where('customer_id', '=', view.id)
      .executeTakeFirstOrThrow()
    // CLS-3: sensitive values live apart from general ones.
    expect(Object.keys(stored.sealed).sort()).toEqual([
      'address',
      'email',
      'employer',
      'mobile',
      'name',
      'phone',
    ])
    expect(Object.keys(sensitive.sealed).sort()).toEqual([
      'assets',
      'bankAccounts',
      'bankCards',
      'idNumber',
      'income',
      'investments',
    ])
    expect(findCanary(JSON.stringify([stored, sensitive]))).toBeUndefined()
    // Sealed by the suite chosen at set-up: 0x01 AES-256-GCM, 0x02 SM4-CTR + HMAC-SM3.
    const suiteByte = process.env.CUSTODIA_CIPHER_SUITE === 'sm' ? 0x02 : 0x01
    expect(Buffer.from(stored.sealed.name as string, 'base64')[0]).toBe(suiteByte)
  })

  it('creates organizations with contacts, masked per contact field', async () => {
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers',
      cookie: cookies.manager,
      payload: organization(),
    })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json()).toMatchObject({
      kind: 'organization',
      creditCode: '91************001A',
      contacts: [
        { name: '雀**', mobile: '137****4321', email: 'q***@example.com', title: '总经理' },
      ],
      size: 'medium',
    })
    ids.organization = response.json().id
  })

  it('normalises full-width input before checking and storing it (CUS-2)', async () => {
    const id = await createCustomerAs(
      t.app,
      cookies.manager,
      individual({
        name: '　李　四　',
        mobile: '＋86 １３８-００１３-８０００',
        idNumber: '11010519491231002x',
        email: ' Li.Si@Example.COM ',
        bankCards: [],
        bankAccounts: [],
      }),
    )
    const plain = await reveal(
      cookies.manager,
      id,
      ['name', 'mobile', 'idNumber', 'email'],
      'service',
    )
    expect(plain.json().values).toEqual({
      name: '李 四',
      mobile: '13800138000',
      idNumber: '11010519491231002X',
      email: 'li.si@example.com',
    })
  })
})

describe('invalid input (CUS-2): 400 with field errors in the requested language, nothing stored', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    [
      'ID number with a wrong check digit',
      { idNumber: '440304199003071231' },
      'idNumber',
      'check digit',
    ],
    [
      'ID number with an impossible date',
      { idNumber: '440304199002301234' },
      'idNumber',
      'check digit',
    ],
    ['mobile', { mobile: '1234567' }, 'mobile', '11 digits'],
    ['email', { email: 'not-an-email' }, 'email', 'email'],
    ['bank card', { bankCards: ['1234'] }, 'bankCards.0', '13–19 digits'],
  ]
  it.each(cases)('%s', async (_label, change, field, english) => {
    const before = await countCustomers()
    for (const [language, expected] of [
      ['en', english],
      ['zh-CN', undefined],
    ] as const) {
      const response = await call(t.app, {
        method: 'POST',
        url: '/api/v1/customers',
        cookie: cookies.manager,
        headers: { 'accept-language': language },
        payload: individual(change),
      })
      expect(response.statusCode).toBe(400)
      const error = response.json().error
      expect(error.code).toBe('VALIDATION_FAILED')
      expect(Object.keys(error.fields)).toEqual([field])
      if (expected) expect(error.fields[field]).toContain(expected)
      else expect(error.fields[field]).toMatch(/[\u4e00-\u9fff]/)
      expect(findCanary(response.body)).toBeUndefined()
    }
    expect(await countCustomers()).toBe(before)
  })

  it('refuses a malformed credit code, and asks to confirm one failing only its checksum (GB 32100)', async () => {
    const before = await countCustomers()
    const bad = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers',
      cookie: cookies.manager,
      headers: { 'accept-language': 'en' },
      payload: organization({ creditCode: '91440300MA5F0000IO' }),
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.fields).toEqual({
      creditCode: expect.stringContaining('unified social credit code'),
    })
    const checksum = organization({ creditCode: '91440300MA5F00001B' })
    const warned = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers',
      cookie: cookies.manager,
      payload: checksum,
    })
    expect(warned.statusCode).toBe(400)
    expect(warned.json().error.code).toBe('CONFIRMATION_REQUIRED')
    expect(warned.json().error.fields.creditCode).toContain('校验位')
    expect(await countCustomers()).toBe(before)
    const confirmed = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers',
      cookie: cookies.manager,
      payload: { ...checksum, confirm: ['creditCodeChecksum'] },
    })
    expect(confirmed.statusCode, confirmed.body).toBe(201)
  })

  it('refuses authentication data anywhere in the body (JR/T 0171 C3)', async () => {
    const before = await countCustomers()
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers',
      cookie: cookies.manager,
      headers: { 'accept-language': 'en' },
      payload: { ...organization(), contacts: [{ name: '王五', cvv: '123' }] },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toMatchObject({
      code: 'AUTHENTICATION_DATA_REFUSED',
      fields: { 'contacts.0.cvv': 'Authentication data is never stored.' },
    })
    expect(await countCustomers()).toBe(before)
  })
})

describe('who sees what (ACC-1)', () => {
  it('shows an agent L1-L2 masked, and L3 masked only: never revealable', async () => {
    const view = (await get(cookies.agent, `/api/v1/customers/${ids.customer}`)).json()
    expect(view.mobile).toBe('139****5678')
    expect(view.income).toBe('***')
    expect(view.bankCards).toEqual(['6222 **** **** 0123'])
    expect(view.investments).toBe('***')
    expect(view.masked).toEqual(expect.arrayContaining(['bankCards', 'investments', 'income']))
    expect(view.revealable).toEqual(expect.arrayContaining(['mobile', 'income', 'idNumber']))
    expect(view.revealable).not.toContain('bankCards')
    expect(view.revealable).not.toContain('investments')
  })

  it('shows sysadmin no customer data at all', async () => {
    expect((await get(cookies.sysadmin, '/api/v1/customers')).statusCode).toBe(403)
    expect((await get(cookies.sysadmin, `/api/v1/customers/${ids.customer}`)).statusCode).toBe(403)
  })

  it('answers 404 outside the scope, and audits the attempt as out of scope', async () => {
    expect((await get(cookies.otherManager, `/api/v1/customers/${ids.customer}`)).statusCode).toBe(
      404,
    )
    expect((await get(cookies.sales, `/api/v1/customers/${ids.customer}`)).statusCode).toBe(404)
    // complaints handlers see only customers with a complaint: none yet.
    expect((await get(cookies.complaints, `/api/v1/customers/${ids.customer}`)).statusCode).toBe(
      404,
    )
    const denied = await t.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('target_id', '=', ids.customer)
      .where('outcome', '=', 'denied')
      .execute()
    expect(denied.map((e) => [e.actor_id, e.reason])).toEqual(
      expect.arrayContaining([
        [ids.otherManager, 'out_of_scope'],
        [ids.sales, 'out_of_scope'],
      ]),
    )
    expect((await get(cookies.compliance, `/api/v1/customers/${ids.customer}`)).statusCode).toBe(
      200,
    )
  })

  it('lets sales see their own customers only', async () => {
    const own = await createCustomerAs(
      t.app,
      cookies.sales,
      individual({
        name: '钱七',
        mobile: '13600000001',
        idNumber: '110101200001017773',
        email: 'qian.qi@example.com',
        bankCards: [],
        bankAccounts: [],
        investments: undefined,
      }),
    )
    const page = (await get(cookies.sales, '/api/v1/customers')).json()
    expect(page.items.map((c: { id: string }) => c.id)).toEqual([own])
  })

  it('refuses writing a field beyond the caller’s view clearance', async () => {
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers',
      cookie: cookies.agent,
      payload: individual(),
    })
    expect(response.statusCode).toBe(400)
    expect(Object.keys(response.json().error.fields).sort()).toEqual([
      'bankAccounts',
      'bankCards',
      'investments',
    ])
  })
})

describe('ownership (CUS-5)', () => {
  it('refuses a record its creator could not see afterwards', async () => {
    const homeless = await signInAs(t.app, await createStaff(t.deps, ['manager']))
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers',
      cookie: homeless,
      payload: individual(),
    })
    expect(response.statusCode).toBe(403)
    expect(response.json().error.code).toBe('DEPARTMENT_REQUIRED')
  })

  it('lets a manager name an owner in the department, not outside it', async () => {
    const forSales = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers',
      cookie: cookies.manager,
      payload: { kind: 'individual', name: '孙八', ownerId: ids.sales },
    })
    expect(forSales.statusCode, forSales.body).toBe(201)
    expect(forSales.json()).toMatchObject({ ownerId: ids.sales, departmentId: salesDept })
    const elsewhere = await call(t.app, {
      method: 'POST',
      url: '/api/v1/customers',
      cookie: cookies.manager,
      payload: { kind: 'individual', name: '孙九', ownerId: ids.otherManager },
    })
    expect(elsewhere.statusCode).toBe(400)
    expect(Object.keys(elsewhere.json().error.fields)).toEqual(['ownerId'])
  })
})

describe('reveal (ACC-2)', () => {
  it('refuses an agent bank cards with 403 and a reason, and audits the refusal', async () => {
    const response = await reveal(cookies.agent, ids.customer, ['bankCards'], 'service', 'en')
    expect(response.statusCode).toBe(403)
    expect(response.json().error).toMatchObject({
      code: 'REVEAL_BEYOND_CLEARANCE',
      fields: { bankCards: 'Beyond your clearance.' },
    })
    expect(findCanary(response.body)).toBeUndefined()
  })

  it('gives a manager the plain values for a valid purpose, and the trail names fields and purpose', async () => {
    const response = await reveal(
      cookies.manager,
      ids.customer,
      ['bankCards', 'idNumber', 'income'],
      'service',
    )
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({
      values: { bankCards: CANARY.bankCards, idNumber: CANARY.idNumber, income: CANARY.income },
      purpose: 'service',
      displaySeconds: 60,
    })
    const event = await t.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'customer.revealed')
      .where('outcome', '=', 'allowed')
      .where('target_id', '=', ids.customer)
      .executeTakeFirstOrThrow()
    expect(event).toMatchObject({
      actor_id: ids.manager,
      purpose: 'service',
      fields: ['bankCards', 'idNumber', 'income'],
    })
    expect(findCanary(JSON.stringify(event))).toBeUndefined()
  })

  it('needs a purpose from the list, and a legal basis for it', async () => {
    const unknown = await reveal(cookies.manager, ids.customer, ['mobile'], 'curiosity')
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().error.code).toBe('PURPOSE_UNKNOWN')
    // Marketing rests on consent, and this customer has given none.
    const marketing = await reveal(cookies.manager, ids.customer, ['mobile'], 'marketing')
    expect(marketing.statusCode).toBe(403)
    expect(marketing.json().error.code).toBe('CONSENT_REQUIRED')
    const purposes = (await get(cookies.agent, '/api/v1/purposes', 'en')).json().items
    expect(purposes.map((p: { code: string }) => p.code)).toEqual(
      expect.arrayContaining(['service', 'contract', 'complaint', 'legal', 'risk', 'marketing']),
    )
    expect(purposes.find((p: { code: string }) => p.code === 'marketing')).toMatchObject({
      name: 'Marketing',
      legalBasis: 'consent',
    })
  })

  it('is 404 outside the scope and refused to roles without reveal', async () => {
    expect(
      (await reveal(cookies.otherManager, ids.customer, ['mobile'], 'service')).statusCode,
    ).toBe(404)
    expect((await reveal(cookies.complaints, ids.customer, ['mobile'], 'service')).statusCode).toBe(
      403,
    )
    expect((await reveal(cookies.sysadmin, ids.customer, ['mobile'], 'service')).statusCode).toBe(
      403,
    )
  })
})

describe('search on encrypted data (CLS-5)', () => {
  it('finds by exact mobile, ID number, email, bank card and by name prefix, within scope', async () => {
    const found = async (query: string, cookie = cookies.manager) =>
      (await get(cookie, `/api/v1/customers?${query}`))
        .json()
        .items.map((c: { id: string }) => c.id)
    expect(await found(`mobile=${CANARY.mobile}`)).toEqual([ids.customer])
    expect(await found('mobile=139-1234-5678')).toEqual([ids.customer])
    expect(await found(`idNumber=${CANARY.idNumber.toLowerCase()}`)).toEqual([ids.customer])
    expect(await found(`email=${encodeURIComponent(CANARY.email.toUpperCase())}`)).toEqual([
      ids.customer,
    ])
    expect(await found(`bankCard=${CANARY.bankCards[0]}`)).toEqual([ids.customer])
    expect(await found(`q=${encodeURIComponent('甄')}`)).toContain(ids.customer)
    expect(await found(`q=${encodeURIComponent(CANARY.name)}`)).toEqual([ids.customer])
    // Contacts of organizations are found by their mobile too.
    expect(await found('mobile=13787654321')).toContain(ids.organization)
    expect(await found('mobile=13000000000')).toEqual([])
    expect(await found(`mobile=${CANARY.mobile}`, cookies.otherManager)).toEqual([])
  })

  it('pages with a cursor, newest first, without repeats', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await get(cookies.manager, `/api/v1/customers?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()
      seen.push(...page.items.map((c) => c.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBeGreaterThanOrEqual(4)
  })
})

describe('changes (CUS-1)', () => {
  it('re-seals changed values, follows with the blind index, and audits field names only', async () => {
    const response = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/customers/${ids.customer}`,
      cookie: cookies.manager,
      payload: { mobile: '13911112222', employer: CANARY.employer, phone: null, tenure: 'loyal' },
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ mobile: '139****2222', tenure: 'loyal' })
    expect(response.json()).not.toHaveProperty('phone')
    const event = await t.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'customer.updated')
      .where('target_id', '=', ids.customer)
      .executeTakeFirstOrThrow()
    expect(event.fields).toEqual(['mobile', 'phone', 'tenure'])
    const found = async (mobile: string) =>
      (await get(cookies.manager, `/api/v1/customers?mobile=${mobile}`)).json().items.length
    expect(await found('13911112222')).toBe(1)
    expect(await found(CANARY.mobile)).toBe(0)
  })
})

describe('the log (CLS-6)', () => {
  it('never carried a canary value', () => {
    expect(t.logs.length).toBeGreaterThan(0)
    expect(findCanary(t.logs.join('\n'))).toBeUndefined()
  })
})
