import type { CustomerKeyTable } from '../db/schema.js'
import { blindIndex } from './crypto/blind-index.js'
import { newDataKey, openField, sealField } from './crypto/envelope.js'
import type { Keyring } from './keys/keyring.js'

/** The customer's data key, unwrapped for the length of one operation. */
export type CustomerKey = { customerId: string; dataKey: Buffer; keyVersion: number }

export const customerKeyContext = (customerId: string) => `customer:${customerId}`

/**
 * The one module that encrypts and decrypts customer values (CLS-2) and
 * builds their blind-index tokens (CLS-5). Values are sealed under the
 * customer's own data key with associated data naming customer, field and
 * key version. Data keys are unwrapped per operation and never cached: an
 * unwrap costs microseconds, and no plain key lingers in memory.
 */
export type Vault = ReturnType<typeof createVault>

export function createVault(keyring: Keyring) {
  const { suite, provider, blindIndexKey } = keyring
  return {
    /** A fresh data key for a new customer, and its wrapped form to store. */
    async newCustomerKey(customerId: string): Promise<{ key: CustomerKey; row: CustomerKeyTable }> {
      const dataKey = newDataKey()
      const { wrapped, masterKeyId } = await provider.wrap(customerKeyContext(customerId), dataKey)
      return {
        key: { customerId, dataKey, keyVersion: 1 },
        row: { customer_id: customerId, wrapped, master_key_id: masterKeyId, key_version: 1 },
      }
    },

    async openCustomerKey(row: CustomerKeyTable): Promise<CustomerKey> {
      const dataKey = await provider.unwrap(
        customerKeyContext(row.customer_id),
        row.wrapped,
        row.master_key_id,
      )
      return { customerId: row.customer_id, dataKey, keyVersion: row.key_version }
    },

    /** Seals one value; base64 so it can sit in a jsonb map. */
    seal(key: CustomerKey, field: string, value: string): string {
      return sealField(suite, key.dataKey, addressOf(key, field), value).toString('base64')
    },

    open(key: CustomerKey, field: string, sealed: string): string {
      return openField(key.dataKey, addressOf(key, field), Buffer.from(sealed, 'base64'))
    },

    /** Blind-index token of a normalised value (CLS-5). */
    token(field: string, normalised: string): string {
      return blindIndex(suite, blindIndexKey, field, normalised)
    },
  }
}

const addressOf = (key: CustomerKey, field: string) => ({
  customerId: key.customerId,
  field,
  keyVersion: key.keyVersion,
})
