import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Call } from '../../platform/http/call.js'
import { customerInScope } from '../customers/index.js'
import { presentCall } from './reception.presenter.js'
import { findCall, insertCall, listCalls } from './reception.repository.js'
import type { LogCallInput, RegisterQuery } from './reception.schemas.js'
import { deskOf } from './reception-desk.js'
import type { ReceptionHooks } from './reception-interactions.js'

/** Enters an inbound call in the desk's call register (来电登记表), taken by the caller, now. */
export async function logCall(call: Call, input: LogCallInput, hooks: ReceptionHooks) {
  const desk = deskOf(call)
  const customer = input.customerId
    ? await customerInScope(call, input.customerId, 'reception.call_logged')
    : undefined
  const id = await call.deps.db.transaction().execute(async (trx) => {
    const callId = await insertCall(trx, {
      desk,
      receivedAt: call.now,
      takenBy: call.principal.accountId,
      channel: input.channel,
      outcome: input.outcome,
      customerId: customer?.id ?? null,
    })
    // A call with a customer is an interaction, and a follow-up: the pool's clock starts again, the registration renews.
    if (customer) {
      await hooks.logInteraction(trx, call, {
        customerId: customer.id,
        origin: 'reception_call',
        originRef: callId,
        channel: input.channel,
        occurredAt: call.now,
        staffId: call.principal.accountId,
        durationMinutes: null,
        outcome: input.outcome,
      })
    }
    await recordAuditEvent(trx, call.now, call.context, {
      actor: call.principal.actor,
      action: 'reception.call_logged',
      target: { type: 'reception_call', id: callId },
      details: { channel: input.channel, outcome: input.outcome },
    })
    return callId
  })
  return presentCall(await findCall(call.deps.db, id))
}

/** The call register of the caller's desk, by day (today unless told), newest first. */
export async function callRegister(call: Call, query: RegisterQuery) {
  const desk = deskOf(call)
  const rows = await listCalls(call.deps.db, desk.departmentId, {
    from: query.from ?? desk.day,
    to: query.to ?? desk.day,
    limit: query.limit,
  })
  return { day: desk.day, items: rows.map(presentCall) }
}
