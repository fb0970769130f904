import { type CipherSuite, suiteOf } from './cipher-suites.js'
import { randomBytesFromPool } from './random-pool.js'

/**
 * Envelope encryption (CLS-2, RET-2): one data key per customer, stored only
 * wrapped by the master key; every personal value of that customer sealed
 * under it. Destroying the wrapped data key destroys the customer's values
 * everywhere, backups included.
 *
 * Associated data binds each sealed value to where it belongs — customer,
 * field and key version — so a ciphertext copied to another customer or
 * field fails to open.
 */
export const DATA_KEY_BYTES = 32

export function newDataKey(): Buffer {
  return randomBytesFromPool(DATA_KEY_BYTES)
}

const wrapAad = (customerId: string, masterKeyId: string) =>
  Buffer.from(`custodia/data-key/v1\u0000${customerId}\u0000${masterKeyId}`)
const fieldAad = (customerId: string, field: string, keyVersion: number) =>
  Buffer.from(`custodia/field/v1\u0000${customerId}\u0000${field}\u0000${keyVersion}`)

export function wrapDataKey(
  suite: CipherSuite,
  masterKey: Buffer,
  masterKeyId: string,
  customerId: string,
  dataKey: Buffer,
): Buffer {
  return suite.seal(masterKey, dataKey, wrapAad(customerId, masterKeyId))
}

export function unwrapDataKey(
  masterKey: Buffer,
  masterKeyId: string,
  customerId: string,
  wrapped: Buffer,
): Buffer {
  return suiteOf(wrapped).open(masterKey, wrapped, wrapAad(customerId, masterKeyId))
}

export type FieldAddress = { customerId: string; field: string; keyVersion: number }

export function sealField(
  suite: CipherSuite,
  dataKey: Buffer,
  address: FieldAddress,
  value: string,
): Buffer {
  return suite.seal(
    dataKey,
    Buffer.from(value, 'utf8'),
    fieldAad(address.customerId, address.field, address.keyVersion),
  )
}

export function openField(dataKey: Buffer, address: FieldAddress, sealed: Buffer): string {
  return suiteOf(sealed)
    .open(dataKey, sealed, fieldAad(address.customerId, address.field, address.keyVersion))
    .toString('utf8')
}
