import { z } from 'zod'

/** Checks checkpoint signatures with a public key (signing-key.ts makes one from a PEM). */
export type CheckpointVerifier = {
  keyId: string
  publicKeyPem: string
  verify(message: Buffer, signature: Buffer): boolean
}

/** What signing needs of a signer (signing-key.ts `CheckpointSigner`); named here so this file imports none of its users. */
type SigningKey = { keyId: string; sign(message: Buffer): Buffer }

/**
 * A signed statement "the trail had `size` events and its chain ended at
 * `chainHash`, at `signedAt`". Exported for an outside witness; an exported
 * checkpoint later proves that nothing it covers went missing.
 */
export type Checkpoint = {
  size: number
  chainHash: Buffer
  signedAt: Date
  keyId: string
  signature: Buffer
}

export function checkpointMessage(size: number, chainHash: Buffer, signedAt: Date): Buffer {
  return Buffer.from(
    `custodia/audit-checkpoint/v1\n${size}\n${chainHash.toString('hex')}\n${signedAt.toISOString()}\n`,
  )
}

export function signCheckpoint(
  signer: SigningKey,
  size: number,
  chainHash: Buffer,
  signedAt: Date,
): Checkpoint {
  return {
    size,
    chainHash,
    signedAt,
    keyId: signer.keyId,
    signature: signer.sign(checkpointMessage(size, chainHash, signedAt)),
  }
}

export function checkpointSignatureValid(
  verifier: CheckpointVerifier,
  checkpoint: Checkpoint,
): boolean {
  return (
    checkpoint.keyId === verifier.keyId &&
    verifier.verify(
      checkpointMessage(checkpoint.size, checkpoint.chainHash, checkpoint.signedAt),
      checkpoint.signature,
    )
  )
}

export const exportedCheckpointSchema = z.object({
  format: z.literal('custodia-audit-checkpoint/v1'),
  size: z.number().int().nonnegative(),
  chainHash: z.string().regex(/^[0-9a-f]{64}$/),
  signedAt: z.iso.datetime(),
  keyId: z.string(),
  signature: z.string(),
  publicKey: z.string(),
})
export type ExportedCheckpoint = z.infer<typeof exportedCheckpointSchema>

export function exportCheckpoint(checkpoint: Checkpoint, publicKeyPem: string): ExportedCheckpoint {
  return {
    format: 'custodia-audit-checkpoint/v1',
    size: checkpoint.size,
    chainHash: checkpoint.chainHash.toString('hex'),
    signedAt: checkpoint.signedAt.toISOString(),
    keyId: checkpoint.keyId,
    signature: checkpoint.signature.toString('base64'),
    publicKey: publicKeyPem,
  }
}

export function importCheckpoint(exported: ExportedCheckpoint): Checkpoint {
  return {
    size: exported.size,
    chainHash: Buffer.from(exported.chainHash, 'hex'),
    signedAt: new Date(exported.signedAt),
    keyId: exported.keyId,
    signature: Buffer.from(exported.signature, 'base64'),
  }
}
