import type { Transaction } from 'kysely'
import type { DB } from '../../db/schema.js'
import { AppError } from '../../platform/errors.js'
import { generatePassword, hashPassword } from '../../security/passwords.js'
import type { SecretBox } from '../../security/secret-box.js'
import { endAccountSessions } from '../sessions/index.js'

/**
 * Split knowledge (双人分段的一次性密码, ACC-4, ACC-5): a credential that
 * reaches customer data or the audit trail is never known whole to one
 * administrator. The one-time password is two parts of PART_LENGTH
 * characters; the requester is shown the first when filing the request, the
 * approver the second when approving; the password is the first part
 * followed by the second, nothing between them (`joinParts`). The console
 * shows each part in groups of four for reading aloud; the groups are not
 * typed.
 *
 * Until the decision the first part is kept only sealed in the request's
 * payload (key `sealedFirstPart`, which the approvals module erases when the
 * request leaves pending); once approved only the argon2 hash of the whole
 * password remains.
 */
export const PART_LENGTH = 10

export const joinParts = (first: string, second: string) => `${first}${second}`

/** Bound to the account and the kind of request, so a sealed part copied elsewhere does not open. */
const sealContext = (accountId: string, kind: string) => `split-credential:${kind}:${accountId}`

/**
 * What the API tokens module, which owns them, does for this one: revoke
 * every token of an account. Handed in by the composition root: the tokens
 * module depends on accounts (the lockout), so accounts cannot import it.
 */
export type AccountTokens = {
  revokeAll(trx: Transaction<DB>, accountId: string, at: Date): Promise<void>
}

/** The requester's part: shown once in the answer to the request, stored only sealed. */
export function newFirstPart(
  secrets: SecretBox,
  accountId: string,
  kind: string,
): { firstPart: string; sealedFirstPart: string } {
  const firstPart = generatePassword(PART_LENGTH)
  return { firstPart, sealedFirstPart: secrets.seal(firstPart, sealContext(accountId, kind)) }
}

/**
 * Replaces the account's password with the first part (opened from the
 * request) joined to a new second part, to be changed at first sign-in;
 * ends its sessions and revokes its API tokens (whoever knew the old
 * password may have opened either); clears the lockout, and — when
 * `clearTwoFactor` — the two-factor enrolment (whoever enrolled it may have
 * been the requester). Returns the second part, for the approver's eyes only.
 */
export async function reissueSplitCredentials(
  trx: Transaction<DB>,
  secrets: SecretBox,
  input: {
    now: Date
    accountId: string
    kind: string
    sealedFirstPart: string | undefined
    clearTwoFactor: boolean
    tokens: AccountTokens
  },
): Promise<string> {
  const { now } = input
  // A request filed before split credentials existed carries no first part: it cannot be approved.
  if (!input.sealedFirstPart) throw new AppError('APPROVAL_STALE')
  const firstPart = secrets.open(input.sealedFirstPart, sealContext(input.accountId, input.kind))
  const secondPart = generatePassword(PART_LENGTH)
  const passwordHash = await hashPassword(joinParts(firstPart, secondPart))
  await trx
    .updateTable('accounts')
    .set({
      password_hash: passwordHash,
      must_change_password: true,
      password_changed_at: now,
      failed_logins: 0,
      locked_until: null,
      // A set-up begun before the reset starts again; an enrolment is cleared only for a grant.
      totp_pending_secret: null,
      ...(input.clearTwoFactor
        ? { totp_secret: null, totp_enabled_at: null, totp_last_step: null }
        : {}),
      updated_at: now,
    })
    .where('id', '=', input.accountId)
    .execute()
  await endAccountSessions(trx, input.accountId)
  await input.tokens.revokeAll(trx, input.accountId, now)
  return secondPart
}
