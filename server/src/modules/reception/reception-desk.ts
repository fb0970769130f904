import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { dayIn } from '../calendar/index.js'
import type { Desk } from './reception.repository.js'

/** The caller's desk: their department, today in the company's calendar. */
export function deskOf(call: Call): Desk {
  const departmentId = call.principal.departmentId
  if (!departmentId) throw new AppError('RECEPTION_NO_DEPARTMENT')
  return { departmentId, day: dayIn(call.deps.config.timeZone, call.now) }
}
