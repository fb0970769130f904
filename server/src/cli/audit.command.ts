import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { exportedCheckpointSchema, importCheckpoint } from '../audit/checkpoint.js'
import { loadVerifier, signingKeyPaths } from '../audit/signing-key.js'
import { verifyTrail } from '../audit/verify.js'
import { loadConfig } from '../config.js'
import { latestCheckpoint } from '../modules/audit/audit.service.js'
import { openRuntime } from '../runtime.js'
import { EXIT_FAILED, runCommand, UsageError } from './exit.js'

export function registerAudit(program: Command): void {
  const audit = program
    .command('audit')
    .description('verify and witness the tamper-evident audit trail')

  audit
    .command('verify')
    .description(
      'verify the whole audit trail with the public key; exit 1 and the first bad position if anything was altered',
    )
    .option(
      '--checkpoint <file>',
      'an exported checkpoint: also prove nothing it covers is missing',
    )
    .option(
      '--public-key <file>',
      'verify with this copy of the public key (default: the one in the data directory)',
    )
    .action((options: { checkpoint?: string; publicKey?: string }) =>
      runCommand(async () => {
        const config = loadConfig()
        const witness = options.checkpoint ? await readCheckpoint(options.checkpoint) : undefined
        const runtime = await openRuntime(config)
        try {
          const verifier = await loadVerifier(
            options.publicKey ?? signingKeyPaths(config.dataDir).publicKey,
          )
          const result = await verifyTrail(runtime.deps.db, verifier, witness)
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
          const against = witness ? `; consistent with the checkpoint at ${witness.size}` : ''
          process.stdout.write(
            `Audit trail OK: ${result.events} events${pending}; ${checkpoint}${against}.\n`,
          )
          return 0
        } finally {
          await runtime.close()
        }
      }),
    )

  audit
    .command('checkpoint')
    .description('print the latest signed checkpoint as JSON, for an outside witness')
    .option('--export', 'print it (the only action, named for clarity in scripts)')
    .action((options: { export?: boolean }) =>
      runCommand(async () => {
        if (!options.export) throw new UsageError('audit checkpoint needs --export')
        const runtime = await openRuntime(loadConfig())
        try {
          const checkpoint = await latestCheckpoint(runtime.deps)
          if (!checkpoint) {
            process.stderr.write('custodia: no checkpoint has been signed yet\n')
            return EXIT_FAILED
          }
          process.stdout.write(`${JSON.stringify(checkpoint, null, 2)}\n`)
          return 0
        } finally {
          await runtime.close()
        }
      }),
    )
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
