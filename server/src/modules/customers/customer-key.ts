import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { CustomerKey } from '../../security/vault.js'
import { type SealedRecord, selectSealed } from './customers.repository.js'

/** A customer's data key, opened, with the sealed values (sensitive ones only when asked). */
export async function openCustomer(
  deps: AppDeps,
  customerId: string,
  withSensitive: boolean,
): Promise<{ key: CustomerKey; sealed: SealedRecord }> {
  const sealed = (await selectSealed(deps.db, [customerId], withSensitive)).get(customerId)
  if (!sealed) throw new AppError('CUSTOMER_NOT_FOUND')
  return { key: await deps.vault.openCustomerKey(sealed.key), sealed }
}
