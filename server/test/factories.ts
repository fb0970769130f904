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
