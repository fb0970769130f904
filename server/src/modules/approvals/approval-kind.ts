import type { Transaction } from 'kysely'
import type { z } from 'zod'
import type { Database } from '../../db/database.js'
import type { DB } from '../../db/schema.js'
import type { Call } from '../../platform/http/call.js'
import type { Principal } from '../../platform/http/principal.js'
import type { Permission } from '../../security/permissions.js'
import type { SecretBox } from '../../security/secret-box.js'

/** What a stored request is about: a record named by type and id (never a personal value). */
export type ApprovalSubject = { type: string; id: string }

/** What the console shows of a request: codes, ids and names of staff or fields, never a customer value. */
export type ApprovalDetails = Record<string, string | string[] | null>

export type ApplyContext = {
  trx: Transaction<DB>
  /** The call of the second person, who approved (`call.principal`). */
  call: Call
  approval: { id: string; requestedBy: string; subject: ApprovalSubject }
  /** Opens what the request keeps sealed (e.g. the requester's part of a split one-time password). */
  secrets: SecretBox
}

/**
 * What an approval may show the approver, once, in the answer to their
 * decision: the approver's part of a split one-time password (accounts/
 * split-credentials.ts). Never stored.
 */
export type ApplyResult = { oneTimePasswordSecondPart?: string }

/**
 * The payload key where a kind keeps a secret sealed while the request is
 * pending; the module erases it when the request is decided or withdrawn.
 */
export const SEALED_PAYLOAD_KEY = 'sealedFirstPart'

/**
 * One kind of change that takes effect only once a second authorised person
 * approves it (ACC-5). A kind is a few lines: see server/src/approval-kinds.ts.
 */
export type ApprovalKind<P> = {
  /** Stored in approvals.kind; snake_case, e.g. 'role_grant'. */
  kind: string
  /** Who may approve or reject a request of this kind (never its requester: the module checks that). */
  decidePermission: Permission
  /** Checks the stored payload again when it is decided. */
  payload: z.ZodType<P>
  /**
   * Optional: whether this holder of `decidePermission` may decide this
   * request (e.g. a 合规负责人 decides only a 安全管理员's two-factor reset).
   * A request they may not decide is neither listed to them nor decided by
   * them (404 APPROVAL_NOT_FOUND, as for a kind they may not decide).
   */
  mayDecide?(decider: Principal, payload: P): boolean
  /**
   * Carries the change out, inside the transaction that marks the request
   * approved, and records its own audit event (the module records the
   * decision). Throw an AppError to refuse (e.g. the record changed since the
   * request): nothing is applied; a request refused as stale (APPROVAL_STALE,
   * FIELD_EXISTS) can never be approved and is withdrawn, other refusals
   * leave it pending.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: most kinds show the approver nothing
  apply(ctx: ApplyContext, payload: P): Promise<ApplyResult | void>
  /** What the queue shows about one request. */
  describe(db: Database, payload: P, subject: ApprovalSubject): Promise<ApprovalDetails>
}

/** Erases the payload type so kinds of different payloads sit in one list. */
export function defineApprovalKind<P>(kind: ApprovalKind<P>): ApprovalKind<unknown> {
  return kind as unknown as ApprovalKind<unknown>
}
