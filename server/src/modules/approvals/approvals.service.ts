import { sql, type Transaction } from 'kysely'
import { type Actor, recordAuditEvent } from '../../audit/audit-log.js'
import type { ApprovalStatus, DB } from '../../db/schema.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Call, Caller } from '../../platform/http/call.js'
import type { Principal } from '../../platform/http/principal.js'
import {
  type ApplyResult,
  type ApprovalDetails,
  type ApprovalKind,
  type ApprovalSubject,
  SEALED_PAYLOAD_KEY,
} from './approval-kind.js'

/**
 * Every kind the queue decides. The list is the composition root's
 * (server/src/approval-kinds.ts): it names kinds from several modules, and
 * those modules file requests here, so this module must not import it.
 */
export type ApprovalKinds = readonly ApprovalKind<unknown>[]

const kindNamed = (kinds: ApprovalKinds, kind: string) => kinds.find((k) => k.kind === kind)

export type ApprovalView = {
  id: string
  kind: string
  subject: ApprovalSubject
  details: ApprovalDetails
  status: ApprovalStatus
  requestedBy: { id: string; username: string }
  requestedAt: string
  decidedBy: { id: string; username: string } | null
  decidedAt: string | null
  note: string | null
}

/**
 * A request that leaves pending keeps no sealed secret: once decided or
 * withdrawn nobody needs it. The only change ever made to a stored payload
 * (schema.ts types it as never updated, so it is cast here).
 */
const withoutSealedSecret = () => sql`payload - ${SEALED_PAYLOAD_KEY}::text` as unknown as never

/**
 * Refusals that a later attempt cannot cure (what the request was about has
 * changed, or its target now exists): the request is withdrawn rather than
 * left pending forever.
 */
const MOOT_REFUSALS = new Set(['APPROVAL_STALE', 'FIELD_EXISTS'])

/** The account behind an actor: requests are made, and decided, by people. */
function accountOf(actor: Actor): string {
  if (actor.type === 'account') return actor.id
  if (actor.type === 'token') return actor.accountId
  throw new AppError('FORBIDDEN')
}

/**
 * Files a request for a second person's approval, inside the caller's
 * transaction, and audits it. A pending request of the same kind for the same
 * subject is withdrawn: the newer one replaces it.
 */
export async function requestApproval(
  trx: Transaction<DB>,
  call: Call<Caller>,
  input: {
    /** The kind's name and payload schema (what files it; the list decides it). */
    kind: Pick<ApprovalKind<unknown>, 'kind' | 'payload'>
    subject: ApprovalSubject
    payload: Record<string, unknown>
  },
): Promise<string> {
  const { now, context } = call
  const { actor } = call.principal
  const { kind } = input
  const payload = kind.payload.parse(input.payload) as Record<string, unknown>
  await withdrawPendingApprovals(trx, call, { kind: kind.kind, subject: input.subject })
  const row = await trx
    .insertInto('approvals')
    .values({
      kind: kind.kind,
      subject_type: input.subject.type,
      subject_id: input.subject.id,
      payload: JSON.stringify(payload),
      requested_by: accountOf(actor),
      requested_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await recordAuditEvent(trx, now, context, {
    actor,
    action: 'approval.requested',
    target: { type: 'approval', id: row.id },
    details: { kind: kind.kind, subjectType: input.subject.type, subjectId: input.subject.id },
  })
  return row.id
}

/** Withdraws what is pending of one kind for one subject (replaced, or made moot by a later change). */
export async function withdrawPendingApprovals(
  trx: Transaction<DB>,
  call: Call<Caller>,
  pending: { kind: string; subject: ApprovalSubject },
): Promise<void> {
  const { now, context } = call
  const { actor } = call.principal
  const { kind, subject } = pending
  const withdrawn = await trx
    .updateTable('approvals')
    .set({ status: 'withdrawn', decided_at: now, payload: withoutSealedSecret() })
    .where('kind', '=', kind)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('status', '=', 'pending')
    .returning('id')
    .execute()
  for (const { id } of withdrawn) {
    await recordAuditEvent(trx, now, context, {
      actor,
      action: 'approval.withdrawn',
      target: { type: 'approval', id },
      details: { kind, subjectType: subject.type, subjectId: subject.id },
    })
  }
}

/** The pending request of one kind for one subject, if any (e.g. to show it on the record). */
export async function pendingApprovalFor(
  db: AppDeps['db'],
  kind: string,
  subject: ApprovalSubject,
) {
  return db
    .selectFrom('approvals')
    .select(['id', 'payload', 'requested_at'])
    .where('kind', '=', kind)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('status', '=', 'pending')
    .orderBy('requested_at', 'desc')
    .executeTakeFirst()
}

/** The queue of requests of the given kinds: listed and decided by a second person. */
export function approvalQueue(kinds: ApprovalKinds) {
  return {
    list: (
      call: Call,
      filter: { kind?: string | undefined; status?: ApprovalStatus | undefined },
    ) => listApprovals(call, kinds, filter),
    decide: (call: Call, id: string, decision: Decision) =>
      decideApproval(call, kinds, { id, ...decision }),
  }
}

export type ApprovalQueue = ReturnType<typeof approvalQueue>

/** What the second person decides, with the note the console shows. */
export type Decision = { decision: 'approve' | 'reject'; note: string | undefined }

function kindsDecidableBy(kinds: ApprovalKinds, principal: Principal): string[] {
  return kinds.filter((k) => principal.permissions.has(k.decidePermission)).map((k) => k.kind)
}

function selectApprovals(db: AppDeps['db']) {
  return db
    .selectFrom('approvals as p')
    .innerJoin('accounts as r', 'r.id', 'p.requested_by')
    .leftJoin('accounts as d', 'd.id', 'p.decided_by')
    .selectAll('p')
    .select(['r.username as requested_by_name', 'd.username as decided_by_name'])
}

/** The requests of the kinds the caller may decide (pending ones unless asked otherwise), newest first. */
async function listApprovals(
  call: Call,
  kinds: ApprovalKinds,
  filter: { kind?: string | undefined; status?: ApprovalStatus | undefined },
): Promise<ApprovalView[]> {
  const { deps, principal } = call
  const decidable = kindsDecidableBy(kinds, principal).filter(
    (k) => !filter.kind || k === filter.kind,
  )
  if (decidable.length === 0) return []
  const rows = await selectApprovals(deps.db)
    .where('p.kind', 'in', decidable)
    .where('p.status', '=', filter.status ?? 'pending')
    .orderBy('p.requested_at', 'desc')
    .limit(500)
    .execute()
  return Promise.all(
    rows
      .filter((row) => mayDecide(kinds, principal, row))
      .map((row) => presentApproval(deps, kinds, row)),
  )
}

/** The kind's own refinement of who decides one request (approval-kind.ts `mayDecide`). */
function mayDecide(
  kinds: ApprovalKinds,
  principal: Principal,
  row: { kind: string; payload: unknown },
): boolean {
  const kind = kindNamed(kinds, row.kind)
  if (!kind?.mayDecide) return true
  const parsed = kind.payload.safeParse(row.payload)
  return parsed.success && kind.mayDecide(principal, parsed.data)
}

type ApprovalRow = Awaited<
  ReturnType<ReturnType<typeof selectApprovals>['executeTakeFirstOrThrow']>
>

async function presentApproval(
  deps: AppDeps,
  kinds: ApprovalKinds,
  row: ApprovalRow,
): Promise<ApprovalView> {
  const kind = kindNamed(kinds, row.kind)
  const subject = { type: row.subject_type, id: row.subject_id }
  const parsed = kind?.payload.safeParse(row.payload)
  return {
    id: row.id,
    kind: row.kind,
    subject,
    details: kind && parsed?.success ? await kind.describe(deps.db, parsed.data, subject) : {},
    status: row.status,
    requestedBy: { id: row.requested_by, username: row.requested_by_name },
    requestedAt: row.requested_at.toISOString(),
    decidedBy:
      row.decided_by && row.decided_by_name
        ? { id: row.decided_by, username: row.decided_by_name }
        : null,
    decidedAt: row.decided_at?.toISOString() ?? null,
    note: row.decision_note,
  }
}

/**
 * A second person approves (and the change is applied in the same
 * transaction) or rejects a pending request. Refused, and audited as refused,
 * when the caller may not decide this kind, asked for it, or is its subject.
 */
async function decideApproval(
  call: Call,
  kinds: ApprovalKinds,
  asked: { id: string } & Decision,
): Promise<ApprovalView & ApplyResult> {
  const { deps, context, principal, now } = call
  const { id, decision, note } = asked
  const found = await deps.db
    .selectFrom('approvals')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  const kind = found ? kindNamed(kinds, found.kind) : undefined
  if (
    !found ||
    !kind ||
    !principal.permissions.has(kind.decidePermission) ||
    !mayDecide(kinds, principal, found)
  )
    throw new AppError('APPROVAL_NOT_FOUND')
  const refusal =
    found.requested_by === principal.accountId
      ? 'own_request'
      : found.subject_type === 'account' && found.subject_id === principal.accountId
        ? 'own_account'
        : null
  if (refusal) {
    await recordAuditEvent(deps.db, now, context, {
      actor: principal.actor,
      action: decision === 'approve' ? 'approval.approved' : 'approval.rejected',
      target: { type: 'approval', id },
      outcome: 'denied',
      reason: refusal,
      details: { kind: found.kind },
    })
    throw new AppError('APPROVAL_SECOND_PERSON')
  }

  const applied = await deps.db
    .transaction()
    .execute(async (trx) => {
      // The row lock makes two deciders at the same moment decide once.
      const current = await trx
        .selectFrom('approvals')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirstOrThrow()
      if (current.status !== 'pending') throw new AppError('APPROVAL_DECIDED')
      let result: ApplyResult | undefined
      if (decision === 'approve') {
        const payload = kind.payload.parse(current.payload)
        result =
          (await kind.apply(
            {
              trx,
              call,
              approval: {
                id,
                requestedBy: current.requested_by,
                subject: { type: current.subject_type, id: current.subject_id },
              },
              secrets: deps.secrets,
            },
            payload,
          )) ?? undefined
      }
      await trx
        .updateTable('approvals')
        .set({
          status: decision === 'approve' ? 'approved' : 'rejected',
          decided_by: principal.accountId,
          decided_at: now,
          decision_note: note ?? null,
          payload: withoutSealedSecret(),
        })
        .where('id', '=', id)
        .execute()
      await recordAuditEvent(trx, now, context, {
        actor: principal.actor,
        action: decision === 'approve' ? 'approval.approved' : 'approval.rejected',
        target: { type: 'approval', id },
        details: {
          kind: current.kind,
          subjectType: current.subject_type,
          subjectId: current.subject_id,
          requestedBy: current.requested_by,
        },
      })
      return result
    })
    .catch(async (error: unknown) => {
      if (error instanceof AppError && MOOT_REFUSALS.has(error.code))
        await withdrawMootRequest(call, id, error.code)
      throw error
    })
  const row = await selectApprovals(deps.db).where('p.id', '=', id).executeTakeFirstOrThrow()
  return { ...(await presentApproval(deps, kinds, row)), ...applied }
}

/**
 * After an approval failed as stale (in its own, rolled-back transaction):
 * the request can never take effect, so it is withdrawn, and audited, by
 * the person who tried to approve it.
 */
async function withdrawMootRequest(call: Call, id: string, code: string): Promise<void> {
  const { deps, context, principal, now } = call
  await deps.db.transaction().execute(async (trx) => {
    const withdrawn = await trx
      .updateTable('approvals')
      .set({ status: 'withdrawn', decided_at: now, payload: withoutSealedSecret() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returning(['kind', 'subject_type', 'subject_id'])
      .executeTakeFirst()
    if (!withdrawn) return
    await recordAuditEvent(trx, now, context, {
      actor: principal.actor,
      action: 'approval.withdrawn',
      target: { type: 'approval', id },
      reason: code === 'FIELD_EXISTS' ? 'field_exists' : 'stale',
      details: {
        kind: withdrawn.kind,
        subjectType: withdrawn.subject_type,
        subjectId: withdrawn.subject_id,
      },
    })
  })
}
