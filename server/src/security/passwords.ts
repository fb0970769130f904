import { randomInt } from 'node:crypto'
import argon2 from 'argon2'
import { isGuessable } from './password-strength.js'

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's first
 * configuration: 19 MiB of memory, 2 iterations, 1 lane.
 */
const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS)
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password)
  } catch {
    return false
  }
}

/** Spent on unknown usernames so that timing does not tell which usernames exist. */
let decoyHash: Promise<string> | undefined
export async function verifyAgainstDecoy(password: string): Promise<void> {
  decoyHash ??= hashPassword('decoy-password-never-valid')
  await verifyPassword(await decoyHash, password)
}

/** The structural rules of the password policy (ACC-4), by name, so a refusal can say which failed. */
export type PasswordRule = 'length' | 'classes' | 'username'

/**
 * Password policy (ACC-4): 12 to 256 characters, three of four character
 * classes, not containing the username. Returns the rules a password breaks.
 */
export function unmetPasswordRules(password: string, username: string): PasswordRule[] {
  const unmet: PasswordRule[] = []
  if (password.length < 12 || password.length > 256) unmet.push('length')
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) =>
    re.test(password),
  ).length
  if (classes < 3) unmet.push('classes')
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()))
    unmet.push('username')
  return unmet
}

export function meetsPasswordPolicy(password: string, username: string): boolean {
  return unmetPasswordRules(password, username).length === 0
}

/**
 * Everything a new password must pass (ACC-4): the structural policy above,
 * then the guessability estimate (password-strength.ts), which also counts
 * the account's own names as known words. Returns the field message to
 * answer with, or null when the password is acceptable.
 */
export async function refusalOfNewPassword(
  password: string,
  owner: { username: string; displayName?: string | undefined },
): Promise<'passwordWeak' | 'passwordGuessable' | null> {
  if (!meetsPasswordPolicy(password, owner.username)) return 'passwordWeak'
  const userInputs = [owner.username, ...(owner.displayName ? [owner.displayName] : [])]
  return (await isGuessable(password, userInputs)) ? 'passwordGuessable' : null
}

const ALPHABETS = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '-_.!@#%+=']

/**
 * A one-time password that satisfies the policy, without look-alike
 * characters: one of each kind, the rest letters and digits. One symbol
 * only, because the guessability check also weighs a password's letters and
 * digits without its symbols (password-strength.ts): a draw heavy in
 * symbols left too few of them, and about one password in 2,500 was refused.
 */
export function generatePassword(length = 16): string {
  const alphanumeric = ALPHABETS.slice(0, 3).join('')
  const chars = ALPHABETS.map((alphabet) => alphabet[randomInt(alphabet.length)] as string)
  while (chars.length < length) chars.push(alphanumeric[randomInt(alphanumeric.length)] as string)
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[chars[i], chars[j]] = [chars[j] as string, chars[i] as string]
  }
  return chars.join('')
}
