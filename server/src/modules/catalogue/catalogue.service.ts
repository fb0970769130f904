import type { Actor, RequestContext } from '../../audit/audit-log.js'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { perDatabaseCache } from '../../platform/per-database-cache.js'
import type { MaskingRule } from '../../security/masking.js'
import { requestApproval } from '../approvals/approvals.service.js'
import { insertEntry, type StoredEntry, selectCatalogue } from './catalogue.repository.js'
import { CATALOGUE_CHANGE } from './catalogue-change-approval.js'
import type { CustomerKind } from './default-catalogue.js'
import {
  applyEntryChange,
  type CheckedEntryChange,
  checkEntryChange,
  type EntryChanges,
} from './entry-change.js'
import { withLegalFloor } from './legally-sensitive.js'

/** The field catalogue as one request sees it (CLS-1). */
export type Catalogue = {
  entries: StoredEntry[]
  get(field: string): StoredEntry | undefined
  /** Personal (encrypted) fields that apply to a kind of customer. */
  personalFields(kind: CustomerKind): StoredEntry[]
}

/**
 * The catalogue changes rarely and is read by every customer request, so
 * each process keeps it for a few seconds. A change made here is seen here at
 * once; other processes sharing the database see it within five seconds.
 */
const cache = perDatabaseCache(5_000, async (db: Database) => ({
  version: changeCount,
  catalogue: await readCatalogue(db),
}))
/**
 * Counts the changes this process made, so that one applied inside an
 * approval's transaction (which has no handle on the cache's database) is
 * seen here at once too.
 */
let changeCount = 0

export async function loadCatalogue(db: Database): Promise<Catalogue> {
  const cached = await cache.get(db)
  if (cached.version === changeCount) return cached.catalogue
  cache.forget(db)
  return (await cache.get(db)).catalogue
}

/** Called by whatever changed the catalogue in this process: the next read reads afresh. */
export function catalogueChanged(): void {
  changeCount += 1
}

async function readCatalogue(db: Database): Promise<Catalogue> {
  // The legal floor is laid over every row read, so a row edited outside the API cannot unprotect a field.
  const entries = (await selectCatalogue(db)).map(withLegalFloor)
  const byField = new Map(entries.map((e) => [e.field, e]))
  return {
    entries,
    get: (field) => byField.get(field),
    personalFields: (kind) =>
      entries.filter((e) => e.level > 0 && (e.appliesTo === 'both' || e.appliesTo === kind)),
  }
}

/** CLS-4: a sensitive or level 2-3 field is always shown masked, whatever its rule says. */
export function effectiveMasking(entry: StoredEntry): MaskingRule {
  if (entry.masking === 'none' && (entry.sensitive || entry.level >= 2)) return 'hidden'
  return entry.masking
}

export type { EntryChanges } from './entry-change.js'

/** The answer to a change: applied at once, or waiting for a second person (ACC-5). */
export type EntryChangeOutcome =
  | { applied: StoredEntry }
  | { pending: { id: string; status: 'pending_approval'; approvalId: string } }

/**
 * Changes one field's classification. A change that raises protection (or
 * leaves it as it is) applies at once, moving values between the general
 * and sensitive stores when needed; one that lowers it in any part is filed
 * whole for a second person's approval and changes nothing now. Below the
 * law's floor nothing is filed: refused and audited.
 */
export async function changeEntry(
  deps: AppDeps,
  context: RequestContext,
  actor: Actor,
  field: string,
  changes: EntryChanges,
): Promise<EntryChangeOutcome> {
  const before = (await readCatalogue(deps.db)).get(field)
  if (!before) throw new AppError('FIELD_NOT_FOUND')
  let change: CheckedEntryChange
  try {
    change = checkEntryChange(before, changes)
  } catch (error) {
    if (error instanceof AppError && error.code === 'PROTECTION_FLOOR') {
      await recordAuditEvent(deps.db, deps.clock.now(), context, {
        actor,
        action: 'catalogue.changed',
        target: { type: 'field', id: field },
        fields: Object.keys(error.fields ?? {}),
        outcome: 'denied',
        reason: 'legally_sensitive',
      })
    }
    throw error
  }

  const now = deps.clock.now()
  if (change.lowered.length > 0) {
    const pick = (entry: StoredEntry) =>
      Object.fromEntries(change.changed.map((key) => [key, entry[key]]))
    const approvalId = await deps.db.transaction().execute((trx) =>
      requestApproval(trx, now, context, actor, {
        kind: CATALOGUE_CHANGE,
        subject: { type: 'field', id: field },
        payload: {
          field,
          from: pick(change.before),
          to: pick(change.after),
          lowered: change.lowered,
        },
      }),
    )
    return { pending: { id: approvalId, status: 'pending_approval', approvalId } }
  }
  await deps.db.transaction().execute((trx) => applyEntryChange(trx, now, context, actor, change))
  cache.forget(deps.db)
  const updated = (await loadCatalogue(deps.db)).get(field)
  if (!updated) throw new AppError('FIELD_NOT_FOUND')
  return { applied: updated }
}

export type NewCustomField = {
  field: string
  appliesTo: 'individual' | 'organization' | 'both'
  labelZh: string
  labelEn: string
  level: 1 | 2 | 3
  sensitive: boolean
  masking: MaskingRule
  retentionDays?: number | null | undefined
}

/** CUS-1: an administrator adds a custom field, classified like every other (CLS-1). */
export async function addCustomField(
  deps: AppDeps,
  context: RequestContext,
  actor: Actor,
  input: NewCustomField,
): Promise<StoredEntry> {
  if (input.masking === 'none' && (input.sensitive || input.level >= 2)) {
    throw new AppError('VALIDATION_FAILED', { masking: 'maskingTooWeak' })
  }
  await deps.db.transaction().execute(async (trx) => {
    const inserted = await insertEntry(trx, {
      ...input,
      retentionDays: input.retentionDays ?? null,
      encrypted: true,
      searchable: false,
      dataType: 'text',
    })
    if (!inserted) throw new AppError('FIELD_EXISTS')
    await recordAuditEvent(trx, deps.clock.now(), context, {
      actor,
      action: 'catalogue.field_added',
      target: { type: 'field', id: input.field },
      details: { level: input.level, sensitive: input.sensitive, masking: input.masking },
    })
  })
  cache.forget(deps.db)
  const created = (await loadCatalogue(deps.db)).get(input.field)
  if (!created) throw new AppError('FIELD_NOT_FOUND')
  return created
}
