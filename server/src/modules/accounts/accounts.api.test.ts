import { beforeAll, describe, expect, it } from 'vitest'
import { createStaff, signInAs } from '../../../test/factories.js'
import { call, createTestApp, type TestApp } from '../../../test/test-app.js'

let t: TestApp
let admin: string
beforeAll(async () => {
  t = await createTestApp()
  admin = await signInAs(t.app, await createStaff(t.deps, ['sysadmin']))
})

const countAccounts = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('staff accounts (ACC-1)', () => {
  it('refuses to put system administration, security administration and audit on one account (三员分立)', async () => {
    const before = await countAccounts()
    for (const roles of [
      ['sysadmin', 'auditor'],
      ['secadmin', 'auditor'],
      ['sysadmin', 'secadmin', 'manager'],
    ]) {
      const response = await call(t.app, {
        method: 'POST',
        url: '/api/v1/accounts',
        cookie: admin,
        payload: { username: `mixed-${roles.length}-${roles[1]}`, displayName: 'x', roles },
      })
      expect(response.statusCode).toBe(422)
      expect(response.json().error.code).toBe('SEPARATION_OF_DUTIES')
    }
    expect(await countAccounts()).toBe(before)

    const secadmin = await createStaff(t.deps, ['secadmin'])
    const patched = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/accounts/${secadmin.id}`,
      cookie: admin,
      payload: { roles: ['secadmin', 'auditor'] },
    })
    expect(patched.json().error.code).toBe('SEPARATION_OF_DUTIES')
    const stored = await t.deps.db
      .selectFrom('account_roles')
      .select('role')
      .where('account_id', '=', secadmin.id)
      .execute()
    expect(stored.map((r) => r.role)).toEqual(['secadmin'])
  })

  it('refuses one of the three duties together with a business role (issue 12: this was accepted)', async () => {
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/accounts',
      cookie: admin,
      payload: {
        username: 'audit.compliance',
        displayName: '审计',
        roles: ['auditor', 'compliance'],
      },
    })
    expect(response.statusCode).toBe(422)
    expect(response.json().error).toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
      fields: { roles: expect.stringContaining('不得兼任') },
    })
  })

  it('answers bad input with field errors in the requested language and stores nothing', async () => {
    const before = await countAccounts()
    const payload = { username: 'A!', displayName: '', roles: ['king'], extra: 1 }
    const zh = await call(t.app, {
      method: 'POST',
      url: '/api/v1/accounts',
      cookie: admin,
      payload,
    })
    expect(zh.statusCode).toBe(400)
    expect(zh.headers['content-language']).toBe('zh-CN')
    expect(zh.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '提交的内容有误，请检查标出的字段。',
      fields: {
        username: expect.stringContaining('用户名'),
        displayName: '内容过短。',
        'roles.0': '不是允许的取值。',
        extra: '不支持该字段。',
      },
    })
    const en = await call(t.app, {
      method: 'POST',
      url: '/api/v1/accounts',
      cookie: admin,
      headers: { 'accept-language': 'en-US,en;q=0.9' },
      payload,
    })
    expect(en.json().error).toMatchObject({
      message: 'The request has invalid fields.',
      fields: { displayName: 'Too short.' },
    })
    const missing = await call(t.app, {
      method: 'POST',
      url: '/api/v1/accounts',
      cookie: admin,
      headers: { 'accept-language': 'en' },
      payload: {},
    })
    expect(missing.json().error.fields).toMatchObject({ username: 'Required.', roles: 'Required.' })
    expect(await countAccounts()).toBe(before)
  })

  it('refuses a body that is not JSON and one that is not even valid JSON', async () => {
    const text = await call(t.app, {
      method: 'POST',
      url: '/api/v1/departments',
      cookie: admin,
      headers: { 'content-type': 'text/plain' },
      payload: 'name=x',
    })
    expect(text.statusCode).toBe(415)
    const broken = await call(t.app, {
      method: 'POST',
      url: '/api/v1/departments',
      cookie: admin,
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    })
    expect(broken.statusCode).toBe(400)
    expect(broken.json().error.code).toBe('BAD_REQUEST')
  })

  it('refuses a taken username', async () => {
    const staff = await createStaff(t.deps, ['agent'])
    const response = await call(t.app, {
      method: 'POST',
      url: '/api/v1/accounts',
      cookie: admin,
      payload: { username: staff.username.toUpperCase(), displayName: 'dup', roles: ['agent'] },
    })
    expect(response.json().error.code).toBe('USERNAME_TAKEN')
  })

  it('records account and department changes in the audit trail, naming fields, never passwords', async () => {
    const department = await call(t.app, {
      method: 'POST',
      url: '/api/v1/departments',
      cookie: admin,
      payload: { name: '零售业务部' },
    })
    expect(department.statusCode).toBe(201)
    const created = await call(t.app, {
      method: 'POST',
      url: '/api/v1/accounts',
      cookie: admin,
      payload: {
        username: 'li.lei',
        displayName: '李雷',
        roles: ['agent'],
        departmentId: department.json().id,
        password: 'Plum-Ferry-Lantern-58',
      },
    })
    const id = created.json().account.id
    await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/accounts/${id}`,
      cookie: admin,
      payload: { displayName: '李雷雷' },
    })
    const events = await t.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('target_id', '=', id)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.action)).toEqual(['account.created', 'account.updated'])
    expect(events[1]?.fields).toEqual(['displayName'])
    expect(events[0]?.request_id).toBeTruthy()
    expect(JSON.stringify(events)).not.toContain('Plum-Ferry-Lantern-58')
  })
})

describe('permissions (ACC-1, deny by default)', () => {
  it('refuses account administration to roles without it, and records the refusal', async () => {
    const agent = await createStaff(t.deps, ['agent'])
    const cookie = await signInAs(t.app, agent)
    for (const request of [
      { method: 'GET' as const, url: '/api/v1/accounts' },
      { method: 'POST' as const, url: '/api/v1/departments', payload: { name: 'x' } },
      { method: 'GET' as const, url: '/api/v1/roles' },
    ]) {
      const response = await call(t.app, { ...request, cookie })
      expect(response.statusCode).toBe(403)
      expect(response.json().error.code).toBe('FORBIDDEN')
    }
    const denied = await t.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('actor_id', '=', agent.id)
      .where('action', '=', 'access.denied')
      .execute()
    expect(denied).toHaveLength(3)
    expect(denied[0]).toMatchObject({
      outcome: 'denied',
      reason: 'missing_permission:accounts.read',
    })
  })

  it('holds the default grants of ACC-1 as data', async () => {
    const roles = (await call(t.app, { method: 'GET', url: '/api/v1/roles', cookie: admin })).json()
      .items
    const byCode = Object.fromEntries(roles.map((r: { code: string }) => [r.code, r]))
    expect(byCode.sysadmin).toMatchObject({ recordScope: 'none', viewMaxLevel: 0 })
    expect(byCode.sysadmin.permissions).not.toContain('customers.read')
    expect(byCode.agent).toMatchObject({
      recordScope: 'department',
      viewMaxLevel: 2,
      revealMaxLevel: 2,
    })
    expect(byCode.sales).toMatchObject({ recordScope: 'own', viewMaxLevel: 2 })
    expect(byCode.complaints).toMatchObject({
      recordScope: 'complaints',
      viewMaxLevel: 1,
      revealMaxLevel: 0,
    })
    expect(byCode.compliance).toMatchObject({
      recordScope: 'all',
      viewMaxLevel: 3,
      revealMaxLevel: 3,
    })
    expect(byCode.auditor.permissions).toContain('audit.read')
  })
})
