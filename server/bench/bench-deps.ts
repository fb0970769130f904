import { tmpdir } from 'node:os'
import { NO_REQUEST } from '../src/audit/audit-log.js'
import type { Database } from '../src/db/database.js'
import { ROLE_PERMISSIONS } from '../src/db/migrations/0001-foundation.data.js'
import { createAccount } from '../src/modules/accounts/accounts.service.js'
import type { AppDeps } from '../src/platform/deps.js'
import { type Call, systemCall } from '../src/platform/http/call.js'
import type { Principal } from '../src/platform/http/principal.js'
import { scratchDeps } from '../src/platform/scratch-deps.js'

export const BENCH_PASSWORD = 'Bench-Password-42'

/** One call of the benchmark's principal, without a request, at this moment (as a route builds it). */
export function benchCall(deps: AppDeps, principal: Principal): Call {
  return { deps, principal, context: NO_REQUEST, now: deps.clock.now() }
}

/** The app's dependencies over a migrated benchmark database. */
export function benchDeps(db: Database, env: Record<string, string> = {}): Promise<AppDeps> {
  return scratchDeps(db, { CUSTODIA_DATA_DIR: tmpdir(), ...env })
}

/** A department manager (`bench.manager`) and the principal that calls services as them. */
export async function benchManager(
  deps: AppDeps,
): Promise<{ principal: Principal; departmentId: string }> {
  const department = await deps.db
    .insertInto('departments')
    .values({ name: '基准测试部' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const { account } = await createAccount(systemCall(deps, { type: 'system', name: 'bench' }), {
    username: 'bench.manager',
    displayName: 'bench',
    roles: ['manager'],
    departmentId: department.id,
    password: BENCH_PASSWORD,
    // The benchmark is the account's holder: no forced change at sign-in (ACC-4).
    passwordChosenByHolder: true,
  })
  const principal: Principal = {
    accountId: account.id,
    username: 'bench.manager',
    roles: ['manager'],
    departmentId: department.id,
    permissions: new Set([...ROLE_PERMISSIONS.manager, 'consents.manage']),
    data: { scopes: ['department'], viewMaxLevel: 3, revealMaxLevel: 3 },
    actor: { type: 'account', id: account.id, name: 'bench.manager' },
    via: 'token',
    tokenId: 'bench',
  }
  return { principal, departmentId: department.id }
}
