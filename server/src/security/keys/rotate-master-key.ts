import { randomBytes } from 'node:crypto'
import { rename, stat, writeFile } from 'node:fs/promises'
import type { Database } from '../../db/database.js'
import { SUITES } from '../crypto/cipher-suites.js'
import { readMasterKey } from '../master-key.js'
import { createSecretBox, type SecretBox } from '../secret-box.js'
import { totpSealContext } from '../totp.js'
import { customerKeyContext } from '../vault.js'
import { systemKeyContext } from './keyring.js'
import {
  createFileKeyProvider,
  type MasterKeyProvider,
  masterKeyId,
} from './master-key-provider.js'

export type RotationReport = {
  from: string
  to: string
  customerKeys: number
  systemKeys: number
  retiredKeyFile: string
}

const BATCH = 500

export const nextKeyFile = (keyFile: string) => `${keyFile}.next`

/**
 * `custodia keys rotate` (CLS-2): re-wraps every data key and system key
 * under a new master key; no value is re-encrypted and no blind-index token
 * changes. Crash-safe and resumable: the new key is written to `<file>.next`
 * first, rows carry the id of the key that wraps them and are re-wrapped in
 * batches, and only when none is left does the new key take the old one's
 * file name. The old key is kept as `<file>.retired-<id>` for backups taken
 * before the rotation; nothing in the database needs it any more.
 */
export async function rotateMasterKey(db: Database, keyFile: string): Promise<RotationReport> {
  const current = await readMasterKey(keyFile)
  const nextFile = nextKeyFile(keyFile)
  if (!(await exists(nextFile))) {
    await writeFile(nextFile, `${randomBytes(32).toString('base64')}\n`, {
      mode: 0o600,
      flag: 'wx',
    })
  }
  const next = await readMasterKey(nextFile)
  const { suite } = await db.selectFrom('crypto_settings').select('suite').executeTakeFirstOrThrow()
  const provider = createFileKeyProvider(SUITES[suite], next, [current])

  const customerKeys = await rewrapCustomerKeys(db, provider)
  const systemKeys = await rewrapSystemKeys(db, provider)
  // TOTP secrets move to the new key, and to the installation's suite if an older seal was AES.
  await resealAccountSecrets(
    db,
    createSecretBox(current, SUITES[suite]),
    createSecretBox(next, SUITES[suite]),
  )

  const retiredKeyFile = `${keyFile}.retired-${masterKeyId(current)}`
  await rename(keyFile, retiredKeyFile)
  await rename(nextFile, keyFile)
  return {
    from: masterKeyId(current),
    to: provider.currentKeyId,
    customerKeys,
    systemKeys,
    retiredKeyFile,
  }
}

/**
 * Finishes a rotation cut off between its two renames, so that start-up never
 * mistakes a missing key file for a first start and makes a new key.
 */
export async function settleInterruptedRotation(keyFile: string): Promise<void> {
  if (!(await exists(keyFile)) && (await exists(nextKeyFile(keyFile)))) {
    await rename(nextKeyFile(keyFile), keyFile)
  }
}

async function rewrapCustomerKeys(db: Database, provider: MasterKeyProvider): Promise<number> {
  let total = 0
  for (;;) {
    const rows = await db
      .selectFrom('customer_keys')
      .selectAll()
      .where('master_key_id', '<>', provider.currentKeyId)
      .limit(BATCH)
      .execute()
    if (rows.length === 0) return total
    await db.transaction().execute(async (trx) => {
      for (const row of rows) {
        const context = customerKeyContext(row.customer_id)
        const dataKey = await provider.unwrap(context, row.wrapped, row.master_key_id)
        const { wrapped, masterKeyId: id } = await provider.wrap(context, dataKey)
        await trx
          .updateTable('customer_keys')
          .set({ wrapped, master_key_id: id })
          .where('customer_id', '=', row.customer_id)
          .where('master_key_id', '=', row.master_key_id)
          .execute()
      }
    })
    total += rows.length
  }
}

async function rewrapSystemKeys(db: Database, provider: MasterKeyProvider): Promise<number> {
  const rows = await db
    .selectFrom('system_keys')
    .selectAll()
    .where('master_key_id', '<>', provider.currentKeyId)
    .execute()
  for (const row of rows) {
    const context = systemKeyContext(row.name)
    const key = await provider.unwrap(context, row.wrapped, row.master_key_id)
    const { wrapped, masterKeyId: id } = await provider.wrap(context, key)
    await db
      .updateTable('system_keys')
      .set({ wrapped, master_key_id: id })
      .where('name', '=', row.name)
      .execute()
  }
  return rows.length
}

/** TOTP secrets are sealed by a key derived from the master key: move them too. */
async function resealAccountSecrets(db: Database, from: SecretBox, to: SecretBox): Promise<void> {
  const accounts = await db
    .selectFrom('accounts')
    .select(['id', 'totp_secret', 'totp_pending_secret'])
    .where((eb) =>
      eb.or([eb('totp_secret', 'is not', null), eb('totp_pending_secret', 'is not', null)]),
    )
    .execute()
  const reseal = (sealed: string | null, context: string) => {
    if (sealed === null) return null
    try {
      return to.seal(from.open(sealed, context), context)
    } catch {
      // Already under the new key: a rotation resumed after this step.
      to.open(sealed, context)
      return sealed
    }
  }
  for (const account of accounts) {
    const context = totpSealContext(account.id)
    await db
      .updateTable('accounts')
      .set({
        totp_secret: reseal(account.totp_secret, context),
        totp_pending_secret: reseal(account.totp_pending_secret, context),
      })
      .where('id', '=', account.id)
      .execute()
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
}
