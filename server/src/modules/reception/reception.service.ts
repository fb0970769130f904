import type { Transaction } from 'kysely'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { DB, PassedOver, ReceptionRule } from '../../db/schema.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { displayNamesOf } from '../accounts/index.js'
import { customerInScope, recordCustomerActivity } from '../customers/index.js'
import { presentDesk, presentVisit } from './reception.presenter.js'
import {
  type Desk,
  deskMembers,
  dutyOf,
  findVisit,
  finishOpenVisit,
  insertVisit,
  isActiveMember,
  joinDesk,
  listVisits,
  lockRotation,
  moveRotation,
  rotationPosition,
  updateDuty,
} from './reception.repository.js'
import type { FinishVisitInput, ReceiveVisitInput, RegisterQuery } from './reception.schemas.js'
import { deskOf } from './reception-desk.js'
import type { ReceptionHooks } from './reception-interactions.js'
import { type DeskMember, nextTurn, upNext } from './rotation.js'

async function membersOf(db: Call['deps']['db'], desk: Desk) {
  const rows = await deskMembers(db, desk)
  const members: DeskMember[] = rows.map((r) => ({
    accountId: r.account_id,
    position: r.position,
    away: r.away_since !== null,
    busy: r.busy,
    owed: r.owed,
  }))
  return { rows, members }
}

/** The desk as the console shows it: who is on it, in order, who is next and who stands by. */
export async function showRotation(call: Call) {
  const desk = deskOf(call)
  const { rows, members } = await membersOf(call.deps.db, desk)
  const nextPosition = await rotationPosition(call.deps.db, desk)
  return presentDesk(desk, rows, upNext(members, nextPosition))
}

/**
 * Checks the caller in at their desk: the first time today at the end of
 * the order; back from duty or after checking out, in their old place.
 */
export async function checkIn(call: Call) {
  const desk = deskOf(call)
  const { principal, now } = call
  await call.deps.db.transaction().execute(async (trx) => {
    await lockRotation(trx, desk)
    const duty = await dutyOf(trx, desk, principal.accountId)
    if (!duty) await joinDesk(trx, desk, principal.accountId, now)
    else if (duty.away_since === null && duty.checked_out_at === null) return
    else
      await updateDuty(trx, desk, principal.accountId, { away_since: null, checked_out_at: null })
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'reception.checked_in',
      target: { type: 'account', id: principal.accountId },
      ...(duty && { details: { owed: duty.owed } }),
    })
  })
  return showRotation(call)
}

/** The caller goes out on duty: passed over until back, each missed turn owed (空几轮，补接几名). */
export async function stepOut(call: Call) {
  return changeDuty(call, 'reception.stepped_out', { away_since: call.now })
}

/** The caller leaves the desk for the day: passed over without owing. */
export async function checkOut(call: Call) {
  return changeDuty(call, 'reception.checked_out', { checked_out_at: call.now, away_since: null })
}

async function changeDuty(
  call: Call,
  action: 'reception.stepped_out' | 'reception.checked_out',
  change: { away_since?: Date | null; checked_out_at?: Date },
) {
  const desk = deskOf(call)
  const { principal, now } = call
  await call.deps.db.transaction().execute(async (trx) => {
    await lockRotation(trx, desk)
    const duty = await dutyOf(trx, desk, principal.accountId)
    if (!duty || duty.checked_out_at !== null) throw new AppError('RECEPTION_NOT_ON_DESK')
    await updateDuty(trx, desk, principal.accountId, change)
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action,
      target: { type: 'account', id: principal.accountId },
    })
  })
  return showRotation(call)
}

/**
 * Registers a visitor (来人登记) and decides who receives them, and why:
 * - a returning visitor goes to the colleague they return to (by default
 *   the linked customer's owner) and uses no turn (重新上门，不计入接待名额);
 * - a first visitor who names a salesperson goes to them and uses no turn
 *   (进门后即要求指定某个销售员接待);
 * - any other walk-in goes to whoever's turn it is (rotation.ts); giving
 *   them to someone else is refused (不得抢客) unless a manager overrides
 *   with a reason.
 */
export async function receiveVisit(call: Call, input: ReceiveVisitInput) {
  const desk = deskOf(call)
  const customer = input.customerId
    ? await customerInScope(call, input.customerId, 'reception.visit_received')
    : undefined
  const id = await receiveInTurn(call, desk, input, customer)
  return visitById(call, desk, id)
}

/** A walk-in given to someone whose turn it is not, by someone who may not (抢客). */
class QueueJumped extends Error {
  constructor(readonly wanted: string) {
    super('not their turn')
  }
}

async function receiveInTurn(
  call: Call,
  desk: Desk,
  input: ReceiveVisitInput,
  customer: { id: string; owner_id: string | null } | undefined,
): Promise<string> {
  try {
    return await assignVisit(call, desk, input, customer)
  } catch (error) {
    if (!(error instanceof QueueJumped)) throw error
    // Recorded once the transaction is undone: a refusal is kept, its attempt is not.
    await recordAuditEvent(call.deps.db, call.now, call.context, {
      actor: call.principal.actor,
      action: 'reception.visit_received',
      target: { type: 'account', id: error.wanted },
      outcome: 'denied',
      reason: 'not_their_turn',
    })
    throw new AppError('RECEPTION_NOT_THEIR_TURN')
  }
}

async function assignVisit(
  call: Call,
  desk: Desk,
  input: ReceiveVisitInput,
  customer: { id: string; owner_id: string | null } | undefined,
): Promise<string> {
  return call.deps.db.transaction().execute(async (trx) => {
    const nextPosition = await lockRotation(trx, desk)
    const decided = await decideReceiver(trx, call, desk, {
      input,
      nextPosition,
      ownerId: customer?.owner_id ?? undefined,
    })
    const visitId = await insertVisit(trx, {
      desk,
      arrivedAt: call.now,
      receivedBy: decided.receiver,
      rule: decided.rule,
      customerId: customer?.id ?? null,
      passedOver: decided.passedOver,
      overrideReason: decided.overrideReason ?? null,
      recordedBy: call.principal.accountId,
    })
    // A returning customer's visit is a follow-up: the pool's clock starts again, the registration renews.
    if (customer) {
      await recordCustomerActivity(trx, {
        customerId: customer.id,
        at: call.now,
        kind: 'follow_up',
      })
    }
    await recordAuditEvent(trx, call.now, call.context, {
      actor: call.principal.actor,
      action: 'reception.visit_received',
      target: { type: 'reception_visit', id: visitId },
      details: { rule: decided.rule, receivedBy: decided.receiver },
    })
    return visitId
  })
}

type Decision = {
  receiver: string
  rule: ReceptionRule
  passedOver: PassedOver[]
  overrideReason?: string
}

async function decideReceiver(
  trx: Transaction<DB>,
  call: Call,
  desk: Desk,
  options: { input: ReceiveVisitInput; nextPosition: number; ownerId: string | undefined },
): Promise<Decision> {
  const { input, nextPosition, ownerId } = options
  const member = async (accountId: string) => {
    if (!(await isActiveMember(trx, desk.departmentId, accountId))) {
      throw new AppError('RECEPTION_RECEIVER_UNKNOWN')
    }
    return accountId
  }
  if (input.visit === 'returning') {
    const receiver = input.receiverId ?? ownerId
    if (!receiver) throw new AppError('VALIDATION_FAILED', { receiverId: 'required' })
    return { receiver: await member(receiver), rule: 'returning', passedOver: [] }
  }
  if (input.visit === 'named') {
    return { receiver: await member(input.receiverId), rule: 'named', passedOver: [] }
  }

  const { members } = await membersOf(trx, desk)
  const turn = nextTurn(members, nextPosition)
  const wanted = input.receiverId
  if (wanted && wanted !== turn?.receiver.accountId) {
    if (!call.principal.permissions.has('reception.override') || !input.overrideReason) {
      throw new QueueJumped(wanted)
    }
    return {
      receiver: await member(wanted),
      rule: 'override',
      passedOver: [],
      overrideReason: input.overrideReason,
    }
  }
  if (!turn) throw new AppError('RECEPTION_NOBODY_FREE')
  for (const passed of turn.passedOver) {
    if (passed.why !== 'away') continue
    const owed = members.find((m) => m.accountId === passed.accountId)?.owed ?? 0
    await updateDuty(trx, desk, passed.accountId, { owed: owed + 1 })
  }
  if (turn.makeUp) {
    await updateDuty(trx, desk, turn.receiver.accountId, { owed: turn.receiver.owed - 1 })
  } else {
    await moveRotation(trx, desk, turn.nextPosition)
  }
  return {
    receiver: turn.receiver.accountId,
    rule: turn.makeUp ? 'make_up' : 'turn',
    passedOver: turn.passedOver,
  }
}

async function visitById(call: Call, desk: Desk, id: string) {
  const row = await findVisit(call.deps.db, id, desk.departmentId)
  if (!row) throw new AppError('RECEPTION_VISIT_NOT_FOUND')
  const names = await displayNamesOf(
    call.deps.db,
    row.passed_over.map((p) => p.accountId),
  )
  return presentVisit(row, names)
}

/** Ends a visit with its outcome: the receiver is free for the next turn. */
export async function finishVisit(
  call: Call,
  id: string,
  input: FinishVisitInput,
  hooks: ReceptionHooks,
) {
  const desk = deskOf(call)
  const row = await findVisit(call.deps.db, id, desk.departmentId)
  if (!row) throw new AppError('RECEPTION_VISIT_NOT_FOUND')
  await call.deps.db.transaction().execute(async (trx) => {
    const finished = await finishOpenVisit(trx, id, {
      finishedAt: call.now,
      outcome: input.outcome,
    })
    if (!finished) throw new AppError('RECEPTION_VISIT_FINISHED')
    await recordAuditEvent(trx, call.now, call.context, {
      actor: call.principal.actor,
      action: 'reception.visit_finished',
      target: { type: 'reception_visit', id },
      details: { outcome: input.outcome },
    })
    // A visit of a customer is an interaction, logged as it ends: one step (CUS-6).
    if (row.customer_id) {
      await hooks.logInteraction(trx, call, {
        customerId: row.customer_id,
        origin: 'reception_visit',
        originRef: id,
        channel: 'visit',
        occurredAt: row.arrived_at,
        staffId: row.received_by,
        durationMinutes: Math.min(
          1440,
          Math.round((call.now.getTime() - row.arrived_at.getTime()) / 60_000),
        ),
        outcome: input.outcome,
      })
    }
  })
  return visitById(call, desk, id)
}

/** The visitor register of the caller's desk (来人登记表), newest first. */
export async function visitRegister(call: Call, query: RegisterQuery) {
  const desk = deskOf(call)
  const rows = await listVisits(call.deps.db, desk.departmentId, {
    from: query.from ?? desk.day,
    to: query.to ?? desk.day,
    limit: query.limit,
  })
  const names = await displayNamesOf(call.deps.db, [
    ...new Set(rows.flatMap((r) => r.passed_over.map((p) => p.accountId))),
  ])
  return { day: desk.day, items: rows.map((row) => presentVisit(row, names)) }
}
