import type { CheckpointSigner } from '../audit/signing-key.js'
import type { Config } from '../config.js'
import type { Database } from '../db/database.js'
import type { SecretBox } from '../security/secret-box.js'
import type { Vault } from '../security/vault.js'
import type { Clock } from './clock.js'

/** What services need from the outside world; built once in main, or by tests. */
export type AppDeps = {
  config: Config
  db: Database
  clock: Clock
  secrets: SecretBox
  /** Signs audit checkpoints (AUD-2); its public half verifies them. */
  auditSigner: CheckpointSigner
  /** Seals and opens customer values, makes blind-index tokens (CLS-2, CLS-5). */
  vault: Vault
}
