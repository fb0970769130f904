import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Command } from 'commander'
import { exportedCheckpointSchema, importCheckpoint } from '../audit/checkpoint.js'
import { loadVerifier, signingKeyPaths } from '../audit/signing-key.js'
import { RETENTION_FLOOR_DAYS, verifyTrail } from '../audit/verify.js'
import { readWitnessLog, type WitnessEntry } from '../audit/witness-log.js'
import { loadConfig } from '../config.js'
import { latestCheckpoint } from '../modules/audit/index.js'
import { openReadOnly } from '../read-only-database.js'
import { EXIT_FAILED, runCommand, UsageError } from './exit.js'

export function registerAudit(audit: Command): void {
  audit
    .command('verify')
    .description(
      'verify the whole audit trail with the public key and against the witness log; only reads; exit 1 and the first bad position if anything was altered',
    )
    .option(
      '--checkpoint <file>',
      'an exported checkpoint: also prove nothing it covers is missing',
    )
    .option(
      '--public-key <file>',
      'verify with this pinned copy of the public key (default: the one in the data directory)',
    )
    .option(
      '--witness <file>',
      'the witness log to verify against (default: CUSTODIA_AUDIT_WITNESS_FILE, or $CUSTODIA_DATA_DIR/audit/witness.log)',
    )
    .option('--no-witness', 'this installation keeps no witness log: check the database alone')
    .action((options: { checkpoint?: string; publicKey?: string; witness?: string | boolean }) =>
      runCommand(async () => {
        const config = loadConfig()
        const exported = options.checkpoint ? await readCheckpoint(options.checkpoint) : undefined
        const verifier = await readVerifier(
          options.publicKey ?? signingKeyPaths(config.dataDir).publicKey,
        )
        const witnessFile =
          options.witness === false
            ? null
            : typeof options.witness === 'string'
              ? path.resolve(options.witness)
              : config.auditWitnessFile
        let witnessLog: WitnessEntry[] | undefined
        if (witnessFile) {
          const read = await readWitnessLog(witnessFile, verifier)
          if (!read.ok) {
            process.stdout.write(
              read.problem === 'witness_missing'
                ? `Audit trail FAILED: there is no witness log at ${witnessFile} (name it with --witness, or pass --no-witness if this installation keeps none).\n`
                : `Audit trail FAILED: the witness log ${witnessFile} is not intact at line ${read.line}: ${read.problem}.\n`,
            )
            return EXIT_FAILED
          }
          witnessLog = read.entries
        }
        // Read-only: no migration, no sealer, nothing signed when it closes.
        const database = await openReadOnly(config)
        try {
          const result = await verifyTrail(database.db, verifier, exported, {
            ...(witnessLog && { witnessLog }),
            now: new Date(),
            retentionFloorDays: RETENTION_FLOOR_DAYS,
          })
          const last = result.lastCheckpoint
          const checkpoint = last
            ? `last checkpoint at ${last.size} signed ${last.signedAt} (key ${last.keyId})`
            : 'no checkpoint yet'
          const pending = result.pending > 0 ? `, ${result.pending} not sealed yet` : ''
          if (!result.ok) {
            process.stdout.write(
              `Audit trail FAILED at position ${result.firstBadPosition}: ${result.problem}. ${result.events} events checked before it; ${checkpoint}.\n`,
            )
            return EXIT_FAILED
          }
          const against = exported ? `; consistent with the checkpoint at ${exported.size}` : ''
          const witnessed = witnessLog
            ? `; all ${witnessLog.length} checkpoints of the witness log present`
            : '; no witness log checked'
          process.stdout.write(
            `Audit trail OK: ${result.events} events${pending}; ${checkpoint}${against}${witnessed}.\n`,
          )
          return 0
        } finally {
          await database.close()
        }
      }),
    )

  audit
    .command('checkpoint')
    .description('print the latest signed checkpoint as JSON, for an outside witness; only reads')
    .option('--export', 'print it (the only action, named for clarity in scripts)')
    .action((options: { export?: boolean }) =>
      runCommand(async () => {
        if (!options.export) throw new UsageError('audit checkpoint needs --export')
        const config = loadConfig()
        const publicKeyPem = await readFile(signingKeyPaths(config.dataDir).publicKey, 'utf8')
        const database = await openReadOnly(config)
        try {
          const checkpoint = await latestCheckpoint(database.db, publicKeyPem)
          if (!checkpoint) {
            process.stderr.write('custodia: no checkpoint has been signed yet\n')
            return EXIT_FAILED
          }
          process.stdout.write(`${JSON.stringify(checkpoint, null, 2)}\n`)
          return 0
        } finally {
          await database.close()
        }
      }),
    )
}

async function readVerifier(file: string) {
  try {
    return await loadVerifier(file)
  } catch {
    throw new UsageError(`cannot read the public key ${file}`)
  }
}

async function readCheckpoint(file: string) {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    throw new UsageError(`cannot read the checkpoint file ${file}`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new UsageError(`${file} is not JSON`)
  }
  const checked = exportedCheckpointSchema.safeParse(parsed)
  if (!checked.success) throw new UsageError(`${file} is not an exported Custodia checkpoint`)
  return importCheckpoint(checked.data)
}
