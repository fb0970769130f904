import { NO_REQUEST } from './audit/audit-log.js'
import { countAccounts } from './modules/accounts/accounts.repository.js'
import { createAccount } from './modules/accounts/accounts.service.js'
import type { AppDeps } from './platform/deps.js'

export const INITIAL_ADMIN = 'admin'

/**
 * First start (CONTRACT.md): when no account exists, create `admin`
 * (sysadmin) with CUSTODIA_ADMIN_PASSWORD, or with a generated password
 * that must be changed at first sign-in and is returned to be printed once.
 */
export async function ensureInitialAdmin(
  deps: AppDeps,
): Promise<{ created: boolean; generatedPassword: string | null }> {
  if ((await countAccounts(deps.db)) > 0) return { created: false, generatedPassword: null }
  // The configuration has already checked it against the password policy.
  const password = deps.config.adminPassword
  const { oneTimePassword } = await createAccount(
    deps,
    NO_REQUEST,
    { type: 'system', name: 'first-start' },
    {
      username: INITIAL_ADMIN,
      displayName: '系统管理员',
      roles: ['sysadmin'],
      ...(password !== undefined ? { password } : {}),
    },
  )
  return { created: true, generatedPassword: oneTimePassword }
}
