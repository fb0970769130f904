import type { Database } from '../db/database.js'
import { type Checkpoint, checkpointSignatureValid } from './checkpoint.js'
import { type CheckpointSigner, type CheckpointVerifier, verifierFromPem } from './signing-key.js'
import type { WitnessLog, WitnessSource } from './witness-log.js'

/**
 * The sealer refuses to extend a trail its witness log contradicts: if the
 * database no longer holds the last checkpoint the witness recorded, or its
 * chain no longer reaches it, someone has truncated or rewritten the trail,
 * and signing on top of it would put the real key under a forged history.
 */
export class WitnessConflictError extends Error {
  constructor(
    readonly size: number,
    reason: string,
  ) {
    super(
      `The audit trail contradicts its witness log at checkpoint ${size} (${reason}): nothing is sealed or signed until this is investigated; run custodia audit verify`,
    )
  }
}

const verifiers = new WeakMap<CheckpointSigner, CheckpointVerifier>()
function verifierOf(signer: CheckpointSigner): CheckpointVerifier {
  let verifier = verifiers.get(signer)
  if (!verifier) {
    verifier = verifierFromPem(signer.publicKeyPem)
    verifiers.set(signer, verifier)
  }
  return verifier
}

/**
 * Checks the database against the witness head and returns the checkpoints
 * the database holds beyond it — signed by this key, by another server
 * sharing the database, or by this one before its append was cut short — so
 * they are recorded, as observed, before what is signed next. Runs under the
 * sealer's lock, inside its transaction.
 */
export async function checkAgainstWitness(
  db: Database,
  signer: CheckpointSigner,
  witness: WitnessLog,
): Promise<Checkpoint[]> {
  const head = await witness.head()
  if (head) {
    const stored = await db
      .selectFrom('audit_checkpoints')
      .select(['chain_hash', 'signature'])
      .where('size', '=', head.size)
      .executeTakeFirst()
    if (!stored) throw new WitnessConflictError(head.size, 'the checkpoint is missing')
    if (!stored.chain_hash.equals(head.chainHash) || !stored.signature.equals(head.signature))
      throw new WitnessConflictError(head.size, 'the checkpoint differs')
    const top = await db
      .selectFrom('audit_seals')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst()
    const sealedThrough = top?.seq === null || top?.seq === undefined ? null : Number(top.seq)
    // No seal at all is a trail pruned up to its last checkpoint; anything else must reach the head.
    if (sealedThrough !== null && sealedThrough < head.size)
      throw new WitnessConflictError(head.size, 'the trail ends before it')
    const seal = await db
      .selectFrom('audit_seals')
      .select('chain_hash')
      .where('seq', '=', head.size)
      .executeTakeFirst()
    if (seal && !seal.chain_hash.equals(head.chainHash))
      throw new WitnessConflictError(head.size, 'the chain differs')
  }
  const newer = await db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .where('size', '>', head?.size ?? 0)
    .orderBy('size')
    .execute()
  const verifier = verifierOf(signer)
  return newer
    .map((r) => ({
      size: r.size,
      chainHash: r.chain_hash,
      signedAt: r.signed_at,
      keyId: r.key_id,
      signature: r.signature,
    }))
    .filter((checkpoint) => checkpointSignatureValid(verifier, checkpoint))
}

/** After the commit: what was observed first, then what this process signed. */
export async function recordInWitness(
  witness: WitnessLog | undefined,
  observed: Checkpoint[],
  signed: Checkpoint[],
): Promise<void> {
  if (!witness) return
  const entries: { checkpoint: Checkpoint; source: WitnessSource }[] = [
    ...observed.map((checkpoint) => ({ checkpoint, source: 'observed' as const })),
    ...signed.map((checkpoint) => ({ checkpoint, source: 'signed' as const })),
  ]
  await witness.append(entries)
}
