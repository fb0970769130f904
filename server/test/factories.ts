import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { createAccount } from '../src/modules/accounts/accounts.service.js'
import type { AppDeps } from '../src/platform/deps.js'
import { systemCall } from '../src/platform/http/call.js'
import type { Role } from '../src/security/roles.js'
import { call, sessionCookieOf } from './test-app.js'

export const STRONG_PASSWORD = 'Correct-Horse-42'

export type Staff = { id: string; username: string; password: string }

/**
 * A staff account with a known password, made directly through the service
 * on the set-up path the command line uses (a `system` actor, so roles are
 * granted without approval), with the password marked as chosen by its
 * holder (the test), so that it signs in without a forced change. Role sets
 * still obey the separation of duties.
 */
export async function createStaff(
  deps: AppDeps,
  roles: Role[],
  options: { departmentId?: string; password?: string } = {},
): Promise<Staff> {
  const username = `${roles[0]}-${randomBytes(4).toString('hex')}`
  const password = options.password ?? STRONG_PASSWORD
  const { account } = await createAccount(systemCall(deps, { type: 'system', name: 'test' }), {
    username,
    displayName: username,
    roles,
    departmentId: options.departmentId ?? null,
    password,
    passwordChosenByHolder: true,
  })
  return { id: account.id, username, password }
}

/** A department, by name; its id. */
export async function createDepartment(deps: AppDeps, name: string): Promise<string> {
  const row = await deps.db
    .insertInto('departments')
    .values({ name })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A staff account of one role, signed in; its session cookie. */
export async function signedIn(
  app: FastifyInstance,
  deps: AppDeps,
  role: Role,
  departmentId?: string,
): Promise<string> {
  return signInAs(app, await createStaff(deps, [role], departmentId ? { departmentId } : {}))
}

export async function signInAs(app: FastifyInstance, staff: Staff, totp?: string): Promise<string> {
  const response = await call(app, {
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: staff.username, password: staff.password, ...(totp ? { totp } : {}) },
  })
  return sessionCookieOf(response)
}

/** What a privacy notice says, for the purposes it covers (CON-1): the body of POST /notices. */
export function privacyNotice(purposes: string[]) {
  const section = {
    title: '隐私政策',
    purposes: '客户服务、营销、向第三方提供',
    scope: '姓名、手机号码',
    method: '电子方式',
    retention: '业务关系存续期间及其后五年',
    recipients: '合作机构',
  }
  return { purposes, content: { 'zh-CN': section, en: { ...section, title: 'Privacy notice' } } }
}

/**
 * A privacy notice covering every consent-based purpose, published over the
 * API by a compliance officer: a consent is recorded only against a notice
 * the customer was shown (CON-1). Its version.
 */
export async function publishPrivacyNotice(app: FastifyInstance, deps: AppDeps): Promise<number> {
  const purposes = await deps.db
    .selectFrom('purposes')
    .select('code')
    .where('legal_basis', '=', 'consent')
    .execute()
  const response = await call(app, {
    method: 'POST',
    url: '/api/v1/notices',
    cookie: await signInAs(app, await createStaff(deps, ['compliance'])),
    payload: privacyNotice(purposes.map((p) => p.code)),
  })
  if (response.statusCode !== 201) throw new Error(`publishing a notice: ${response.body}`)
  return response.json().version
}
