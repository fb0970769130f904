import type { Actor, RequestContext } from '../../audit/audit-log.js'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError, type FieldMessageKey } from '../../platform/errors.js'
import { perDatabaseCache } from '../../platform/per-database-cache.js'
import type { MaskingRule } from '../../security/masking.js'
import {
  insertEntry,
  moveSealedField,
  type StoredEntry,
  selectCatalogue,
  storageOf,
  updateEntry,
} from './catalogue.repository.js'
import type { CustomerKind } from './default-catalogue.js'
import { legalFloorOf, meetsMaskingFloor, withLegalFloor } from './legally-sensitive.js'

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
const cache = perDatabaseCache(5_000, readCatalogue)

export function loadCatalogue(db: Database): Promise<Catalogue> {
  return cache.get(db)
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

export type EntryChanges = {
  labelZh?: string | undefined
  labelEn?: string | undefined
  level?: 1 | 2 | 3 | undefined
  sensitive?: boolean | undefined
  masking?: MaskingRule | undefined
  retentionDays?: number | null | undefined
}

/** Changes one field's classification; values move between the general and sensitive stores when needed. */
export async function changeEntry(
  deps: AppDeps,
  context: RequestContext,
  actor: Actor,
  field: string,
  changes: EntryChanges,
): Promise<StoredEntry> {
  const before = (await readCatalogue(deps.db)).get(field)
  if (!before) throw new AppError('FIELD_NOT_FOUND')
  const after = { ...before, ...definedOnly(changes) }
  const belowFloor = legalFloorProblems(after)
  if (belowFloor) {
    await recordAuditEvent(deps.db, deps.clock.now(), context, {
      actor,
      action: 'catalogue.changed',
      target: { type: 'field', id: field },
      fields: Object.keys(belowFloor),
      outcome: 'denied',
      reason: 'legally_sensitive',
    })
    throw new AppError('PROTECTION_FLOOR', belowFloor)
  }
  const problems: Record<string, FieldMessageKey> = {}
  if (before.level === 0 && changes.level !== undefined) problems.level = 'notAllowed'
  if (before.level === 0 && changes.sensitive) problems.sensitive = 'notAllowed'
  if (after.level > 0 && after.masking === 'none' && (after.sensitive || after.level >= 2)) {
    problems.masking = 'maskingTooWeak'
  }
  if (Object.keys(problems).length > 0) throw new AppError('VALIDATION_FAILED', problems)

  const changed = (Object.keys(definedOnly(changes)) as (keyof EntryChanges)[]).filter(
    (key) => before[key] !== after[key],
  )
  await deps.db.transaction().execute(async (trx) => {
    await updateEntry(trx, field, definedOnly(changes), deps.clock.now())
    const from = storageOf(before)
    const to = storageOf(after)
    if (from !== to && from !== 'plain' && to !== 'plain')
      await moveSealedField(trx, field, from, to)
    await recordAuditEvent(trx, deps.clock.now(), context, {
      actor,
      action: 'catalogue.changed',
      target: { type: 'field', id: field },
      fields: changed,
      details: Object.fromEntries(
        changed.map((key) => [key, { from: before[key] ?? null, to: after[key] ?? null }]),
      ),
    })
  })
  cache.forget(deps.db)
  const updated = (await loadCatalogue(deps.db)).get(field)
  if (!updated) throw new AppError('FIELD_NOT_FOUND')
  return updated
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

/** CLS-1: what a change would take below the law's floor for a legally sensitive field, or null. */
function legalFloorProblems(after: {
  field: string
  sensitive: boolean
  masking: MaskingRule
}): Record<string, FieldMessageKey> | null {
  const floor = legalFloorOf(after.field)
  if (!floor) return null
  const problems: Record<string, FieldMessageKey> = {}
  if (!after.sensitive) problems.sensitive = 'legallySensitive'
  if (!meetsMaskingFloor(floor, after.masking)) problems.masking = 'maskingBelowFloor'
  return Object.keys(problems).length > 0 ? problems : null
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
