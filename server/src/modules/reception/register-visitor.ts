import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { createCustomer } from '../customers/index.js'
import { findVisit, linkVisitToCustomer } from './reception.repository.js'
import type { RegisterVisitorInput } from './reception.schemas.js'
import { deskOf } from './reception-desk.js'

/**
 * POST /reception/visits/{id}/register: the walk-in a salesperson received
 * becomes a customer record in one step — a lead of a name and a number,
 * sealed like every record, entered as the company's review rule says (a
 * draft, usually) and owned by the receiver, registered (建档) from the
 * moment the visitor arrived: the visitor register is the evidence of first
 * contact (客户首访原则). The first-visit rule applies as at any entry.
 */
export async function registerVisitor(call: Call, visitId: string, input: RegisterVisitorInput) {
  const desk = deskOf(call)
  const visit = await findVisit(call.deps.db, visitId, desk.departmentId)
  if (!visit) throw new AppError('RECEPTION_VISIT_NOT_FOUND')
  if (visit.customer_id !== null) throw new AppError('RECEPTION_VISITOR_REGISTERED')
  if (visit.received_by !== call.principal.accountId) throw new AppError('RECEPTION_NOT_RECEIVER')
  const customer = await createCustomer(
    call,
    {
      kind: 'individual',
      name: input.name,
      ...(input.mobile && { mobile: input.mobile }),
      source: 'visit',
    },
    { registeredAt: visit.arrived_at },
  )
  await call.deps.db.transaction().execute(async (trx) => {
    await linkVisitToCustomer(trx, visitId, customer.id)
    await recordAuditEvent(trx, call.now, call.context, {
      actor: call.principal.actor,
      action: 'reception.visitor_registered',
      target: { type: 'reception_visit', id: visitId },
      details: { customerId: customer.id },
    })
  })
  return { customerId: customer.id, status: customer.status }
}
