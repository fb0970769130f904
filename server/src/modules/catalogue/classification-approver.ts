import type { Transaction } from 'kysely'
import type { DB } from '../../db/schema.js'
import { AppError } from '../../platform/errors.js'
import type { Principal } from '../../platform/http/principal.js'
import type { Role } from '../../security/roles.js'

/**
 * The two functions that keep the field catalogue and the purposes (ACC-5):
 * the 安全管理员 (`secadmin`) administers the protection of data, the 合规负责人
 * (`compliance`) answers for its legal basis. Either may ask for a change;
 * a change that lowers protection needs both, so it is approved by a
 * holder of the other function — a second person who also sees it from the
 * other side. Two security administrators cannot weaken a classification
 * between them, nor two compliance officers widen a purpose.
 */
const CLASSIFICATION_FUNCTIONS: readonly Role[] = ['secadmin', 'compliance']

/** Refuses (`APPROVAL_OTHER_FUNCTION`) a decider who holds no classification function the requester lacks. */
export async function requireOtherFunction(
  trx: Transaction<DB>,
  decider: Principal,
  requestedBy: string,
): Promise<void> {
  const requesterRoles = (
    await trx
      .selectFrom('account_roles')
      .select('role')
      .where('account_id', '=', requestedBy)
      .execute()
  ).map((r) => r.role)
  const otherFunction = decider.roles.some(
    (role) => CLASSIFICATION_FUNCTIONS.includes(role) && !requesterRoles.includes(role),
  )
  if (!otherFunction) throw new AppError('APPROVAL_OTHER_FUNCTION')
}
