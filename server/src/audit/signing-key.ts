import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto'
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { CheckpointVerifier } from './checkpoint.js'
import type { WitnessLog } from './witness-log.js'

export type { CheckpointVerifier } from './checkpoint.js'

/**
 * The Ed25519 key that signs audit checkpoints. The private key stays in the
 * data directory (0600); the public key is exported so that anyone can
 * verify the trail without any secret.
 */
export type CheckpointSigner = {
  keyId: string
  publicKeyPem: string
  sign(message: Buffer): Buffer
  /** Where every checkpoint signed with this key is also appended (AUD-2); absent only in tests. */
  witness?: WitnessLog
}

export function signingKeyPaths(dataDir: string) {
  const dir = path.join(dataDir, 'keys')
  return {
    privateKey: path.join(dir, 'audit-signing.key'),
    publicKey: path.join(dir, 'audit-signing.pub'),
  }
}

export async function ensureSigningKey(dataDir: string): Promise<void> {
  const paths = signingKeyPaths(dataDir)
  try {
    await stat(paths.privateKey)
    return
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await mkdir(path.dirname(paths.privateKey), { recursive: true, mode: 0o700 })
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  await writeFile(paths.privateKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
    flag: 'wx',
  })
  await chmod(paths.privateKey, 0o600)
  await writeFile(paths.publicKey, publicKey.export({ type: 'spki', format: 'pem' }), {
    mode: 0o644,
  })
}

export async function loadSigner(dataDir: string): Promise<CheckpointSigner> {
  return signerFromKey(createPrivateKey(await readFile(signingKeyPaths(dataDir).privateKey)))
}

export async function loadVerifier(publicKeyFile: string): Promise<CheckpointVerifier> {
  return verifierFromPem(await readFile(publicKeyFile, 'utf8'))
}

export function signerFromKey(privateKey: KeyObject): CheckpointSigner {
  const publicKeyPem = createPublicKey(privateKey)
    .export({ type: 'spki', format: 'pem' })
    .toString()
  return {
    keyId: keyIdOf(publicKeyPem),
    publicKeyPem,
    sign: (message) => sign(null, message, privateKey),
  }
}

export function verifierFromPem(publicKeyPem: string): CheckpointVerifier {
  const key = createPublicKey(publicKeyPem)
  return {
    keyId: keyIdOf(publicKeyPem),
    publicKeyPem,
    verify: (message, signature) => verify(null, message, key, signature),
  }
}

/** A short, stable name for a public key: the first 16 hex digits of the SHA-256 of its DER form. */
function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(der).digest('hex').slice(0, 16)
}

/** The signer whose every checkpoint is also appended to `witness`. */
export function withWitness(signer: CheckpointSigner, witness: WitnessLog): CheckpointSigner {
  return { ...signer, witness }
}

/** A fresh in-memory key pair, for tests and benchmarks. */
export function ephemeralSigner(): CheckpointSigner {
  return signerFromKey(generateKeyPairSync('ed25519').privateKey)
}
