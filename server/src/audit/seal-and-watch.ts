import type { Database } from '../db/database.js'
import type { Clock } from '../platform/clock.js'
import { evaluateAllAlerts } from './alerts/evaluate-alerts.js'
import { checkpointHead, sealAll } from './sealer.js'
import type { CheckpointSigner } from './signing-key.js'

/**
 * The audit job: seal what is pending (AUD-2), then run the detection rules
 * over the newly sealed events (AUD-3). Callers hold the job's advisory lock.
 */
export async function sealAndWatch(
  db: Database,
  signer: CheckpointSigner,
  clock: Clock,
): Promise<{ sealed: number; alerts: number }> {
  const sealed = await sealAll(db, signer, clock)
  const alerts = await evaluateAllAlerts(db)
  return { sealed, alerts }
}

/** What a process does with the trail as it stops: seal, watch, and sign the end. */
export async function sealForShutdown(
  db: Database,
  signer: CheckpointSigner,
  clock: Clock,
): Promise<void> {
  await sealAndWatch(db, signer, clock)
  await checkpointHead(db, signer, clock)
}
