import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely'
import * as foundation from './migrations/0001-foundation.js'
import * as auditTrail from './migrations/0002-audit-trail.js'
import * as customers from './migrations/0003-customers.js'
import * as consentsRequests from './migrations/0004-consents-requests.js'
import * as destruction from './migrations/0005-destruction.js'
import * as retention from './migrations/0006-retention.js'
import * as backupRuns from './migrations/0007-backup-runs.js'
import * as approvals from './migrations/0008-approvals.js'
import * as sealedRecipients from './migrations/0009-sealed-recipients.js'
import * as protectedClassification from './migrations/0010-protected-classification.js'
import * as auditHardening from './migrations/0011-audit-hardening.js'
import * as tokenExpiry from './migrations/0012-token-expiry.js'
import * as masking from './migrations/0013-masking.js'
import * as twoFactorResetApproval from './migrations/0014-two-factor-reset-approval.js'
import * as englishLabels from './migrations/0015-english-labels.js'
import * as changeNotices from './migrations/0016-change-notices.js'
import * as reception from './migrations/0017-reception.js'
import * as entryReviewAttribution from './migrations/0018-entry-review-attribution.js'
import * as deals from './migrations/0019-deals.js'
import * as pool from './migrations/0020-pool.js'
import * as interactions from './migrations/0021-interactions.js'
import * as followUps from './migrations/0022-follow-ups.js'
import * as tracking from './migrations/0023-tracking.js'
import * as feedback from './migrations/0024-feedback.js'
import * as weeklyReview from './migrations/0025-weekly-review.js'
import * as ownerHistoryFromPool from './migrations/0026-owner-history-from-pool.js'
import * as firstContact from './migrations/0027-first-contact.js'
import * as imports from './migrations/0028-imports.js'
import * as exportsTable from './migrations/0029-exports.js'
import * as duplicateReview from './migrations/0030-duplicate-review.js'
import * as customerMerges from './migrations/0031-customer-merges.js'
import type { DB } from './schema.js'

/**
 * Forward-only migrations, listed here in order (no directory scanning, so the
 * same list works from source and from a bundle). Never edit a released one:
 * add the next.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-audit-trail': auditTrail,
  '0003-customers': customers,
  '0004-consents-requests': consentsRequests,
  '0005-destruction': destruction,
  '0006-retention': retention,
  '0007-backup-runs': backupRuns,
  '0008-approvals': approvals,
  '0009-sealed-recipients': sealedRecipients,
  '0010-protected-classification': protectedClassification,
  '0011-audit-hardening': auditHardening,
  '0012-token-expiry': tokenExpiry,
  '0013-masking': masking,
  '0014-two-factor-reset-approval': twoFactorResetApproval,
  '0015-english-labels': englishLabels,
  '0016-change-notices': changeNotices,
  '0017-reception': reception,
  '0018-entry-review-attribution': entryReviewAttribution,
  '0019-deals': deals,
  '0020-pool': pool,
  '0021-interactions': interactions,
  '0022-follow-ups': followUps,
  '0023-tracking': tracking,
  '0024-feedback': feedback,
  '0025-weekly-review': weeklyReview,
  '0026-owner-history-from-pool': ownerHistoryFromPool,
  '0027-first-contact': firstContact,
  '0028-imports': imports,
  '0029-exports': exportsTable,
  '0030-duplicate-review': duplicateReview,
  '0031-customer-merges': customerMerges,
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

export type MigrationReport = { applied: string[] }

export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationReport> {
  const migrator = new Migrator({
    // Migrations see the schema as it was when they were written, not today's DB type.
    db: db as unknown as Kysely<unknown>,
    provider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error) {
    const failed = results.find((r) => r.status === 'Error')
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, {
      cause: error,
    })
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) }
}
