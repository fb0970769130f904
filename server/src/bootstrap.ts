import { ConfigError } from './config.js'
import { countAccounts, createAccount } from './modules/accounts/index.js'
import type { AppDeps } from './platform/deps.js'
import { systemCall } from './platform/http/call.js'
import { refusalOfNewPassword } from './security/passwords.js'

export const INITIAL_ADMIN = 'admin'

/**
 * First start (CONTRACT.md): when no account exists, create `admin`
 * (sysadmin) with CUSTODIA_ADMIN_PASSWORD, or with a generated password
 * returned to be printed once. Either way the password was chosen by the
 * operator, not by whoever signs in as admin, so it must be changed at first
 * sign-in (ACC-4).
 */
export async function ensureInitialAdmin(
  deps: AppDeps,
): Promise<{ created: boolean; generatedPassword: string | null }> {
  if ((await countAccounts(deps.db)) > 0) return { created: false, generatedPassword: null }
  // The configuration has already checked it against the structural policy;
  // the guessability estimate is too heavy to load for every start, so it
  // runs here, on the only start that uses the password.
  const password = deps.config.adminPassword
  if (password !== undefined && (await refusalOfNewPassword(password, { username: INITIAL_ADMIN })))
    throw new ConfigError(
      'CUSTODIA_ADMIN_PASSWORD',
      'is too easy to guess (a common password, words with digits, a name or a date): choose a longer one without patterns',
    )
  const { oneTimePassword } = await createAccount(
    systemCall(deps, { type: 'system', name: 'first-start' }),
    {
      username: INITIAL_ADMIN,
      displayName: '系统管理员',
      roles: ['sysadmin'],
      ...(password !== undefined ? { password } : {}),
    },
  )
  return { created: true, generatedPassword: oneTimePassword }
}
