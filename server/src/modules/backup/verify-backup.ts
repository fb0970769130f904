import { verifierFromPem } from '../../audit/signing-key.js'
import { verifyTrail } from '../../audit/verify.js'
import { openPGlite } from '../../db/database.js'
import type { AppDeps } from '../../platform/deps.js'
import { loadKeyring } from '../../security/keys/keyring.js'
import { createFileKeyProvider } from '../../security/keys/master-key-provider.js'
import { createVault } from '../../security/vault.js'
import { loadCatalogue } from '../catalogue/index.js'
import { openValues, selectSealed } from '../customers/index.js'
import { restoreBackup } from './backup.service.js'

const SAMPLE = 20

export type VerifyReport = { ok: boolean; checks: { name: string; ok: boolean; detail: string }[] }

/**
 * `custodia backup verify` (OPS-1): restores the archive into a scratch
 * embedded database in memory and checks it — row counts as the manifest
 * says, a sample of customers decrypts with the master key, and the audit
 * trail verifies against the checkpoints' public key. Nothing is written
 * anywhere else.
 */
export async function verifyBackup(
  deps: AppDeps,
  masterKey: Buffer,
  file: Buffer,
): Promise<VerifyReport> {
  const scratch = await openPGlite(undefined)
  const checks: VerifyReport['checks'] = []
  try {
    const { manifest } = await restoreBackup(scratch.db, deps.secrets, file, deps.config.dataDir)
    const counted = await Promise.all(
      ['customers', 'audit_events', 'accounts'].map(async (table) => {
        const row = await scratch.db
          .selectFrom(table as 'customers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
        return [table, Number(row.n)] as const
      }),
    )
    const mismatched = counted.filter(([table, n]) => manifest.counts[table] !== n)
    checks.push({
      name: 'row counts',
      ok: mismatched.length === 0,
      detail: counted
        .map(([table, n]) => `${table} ${n}/${manifest.counts[table] ?? 0}`)
        .join(', '),
    })

    const keyring = await loadKeyring(
      scratch.db,
      (suite) => createFileKeyProvider(suite, masterKey),
      undefined,
    )
    const vault = createVault(keyring)
    const catalogue = await loadCatalogue(scratch.db)
    const sample = await scratch.db
      .selectFrom('customer_keys')
      .select('customer_id')
      .limit(SAMPLE)
      .execute()
    const sealed = await selectSealed(
      scratch.db,
      sample.map((s) => s.customer_id),
      true,
    )
    let opened = 0
    for (const record of sealed.values()) {
      const key = await vault.openCustomerKey(record.key)
      if (openValues(vault, key, catalogue, record, ['name']).has('name')) opened++
    }
    checks.push({
      name: 'decryption sample',
      ok: opened === sealed.size,
      detail: `${opened} of ${sealed.size} customers opened`,
    })

    const trail = await verifyTrail(scratch.db, verifierFromPem(deps.auditSigner.publicKeyPem))
    checks.push({
      name: 'audit trail',
      ok: trail.ok,
      detail: trail.ok
        ? `${trail.events} events verified`
        : `first bad position ${trail.firstBadPosition}`,
    })
  } catch (error) {
    checks.push({
      name: 'restore',
      ok: false,
      detail: error instanceof Error ? error.message : String(error),
    })
  } finally {
    await scratch.close()
  }
  return { ok: checks.every((c) => c.ok), checks }
}

/** One line for the record: each check, its outcome and detail. */
export function describeChecks(report: VerifyReport): string {
  return report.checks.map((c) => `${c.ok ? 'ok' : 'FAIL'} ${c.name}: ${c.detail}`).join('; ')
}
