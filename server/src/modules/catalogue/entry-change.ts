import type { Transaction } from 'kysely'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { DB } from '../../db/schema.js'
import { AppError, type FieldMessageKey } from '../../platform/errors.js'
import type { Call, Caller } from '../../platform/http/call.js'
import type { MaskingRule } from '../../security/masking.js'
import { type StoredEntry, storageOf, updateEntry } from './catalogue.repository.js'
import { legalFloorOf, meetsMaskingFloor } from './legally-sensitive.js'
import { loweredAspects } from './protection-strength.js'

export type EntryChanges = {
  labelZh?: string | undefined
  labelEn?: string | undefined
  level?: 1 | 2 | 3 | undefined
  sensitive?: boolean | undefined
  masking?: MaskingRule | undefined
  retentionDays?: number | null | undefined
}

export type ChangedKey = keyof EntryChanges

/**
 * What the customers module, which owns the sealed stores, does for the
 * catalogue when a change of classification moves a field from one to the
 * other (CLS-3). Handed in by the composition root: the customers module
 * depends on the catalogue, so the catalogue cannot import it.
 */
export type SealedStorage = {
  moveField(
    trx: Transaction<DB>,
    field: string,
    move: { from: 'personal' | 'sensitive'; to: 'personal' | 'sensitive' },
  ): Promise<void>
}

/** One field's change, checked: what it becomes, which keys really change, which protections it lowers. */
export type CheckedEntryChange = {
  before: StoredEntry
  after: StoredEntry
  changed: ChangedKey[]
  lowered: string[]
}

/**
 * The rules every change of a field obeys, whoever makes or approves it:
 * the law's floor for legally sensitive fields (`PROTECTION_FLOOR`), no
 * level or sensitivity for level-0 attributes, and no `none` masking for a
 * sensitive or level 2–3 field. Throws with the fields named; the caller
 * audits a refusal at the floor.
 */
export function checkEntryChange(before: StoredEntry, changes: EntryChanges): CheckedEntryChange {
  const defined = definedOnly(changes)
  const after = { ...before, ...defined }
  const belowFloor = legalFloorProblems(after)
  if (belowFloor) throw new AppError('PROTECTION_FLOOR', belowFloor)
  const problems: Record<string, FieldMessageKey> = {}
  if (before.level === 0 && changes.level !== undefined) problems.level = 'notAllowed'
  if (before.level === 0 && changes.sensitive) problems.sensitive = 'notAllowed'
  if (after.level > 0 && after.masking === 'none' && (after.sensitive || after.level >= 2)) {
    problems.masking = 'maskingTooWeak'
  }
  if (Object.keys(problems).length > 0) throw new AppError('VALIDATION_FAILED', problems)
  const changed = (Object.keys(defined) as ChangedKey[]).filter((key) => before[key] !== after[key])
  return { before, after, changed, lowered: loweredAspects(before, after) }
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

/**
 * Writes a checked change: the row, the stored values moved between the
 * general and the sensitive store when the storage changes (CLS-3), and the
 * `catalogue.changed` event with before and after — naming the approval and
 * its requester when a second person approved it.
 */
export async function applyEntryChange(
  trx: Transaction<DB>,
  call: Call<Caller>,
  write: {
    change: CheckedEntryChange
    approval?: { id: string; requestedBy: string }
    storage: SealedStorage
  },
): Promise<void> {
  const { now, context } = call
  const { actor } = call.principal
  const { change, approval, storage } = write
  const { before, after, changed } = change
  const values = Object.fromEntries(changed.map((key) => [key, after[key]])) as EntryChanges
  await updateEntry(trx, before.field, { changes: values, at: now })
  const from = storageOf(before)
  const to = storageOf(after)
  if (from !== to && from !== 'plain' && to !== 'plain')
    await storage.moveField(trx, before.field, { from, to })
  await recordAuditEvent(trx, now, context, {
    actor,
    action: 'catalogue.changed',
    target: { type: 'field', id: before.field },
    fields: changed,
    details: {
      ...Object.fromEntries(
        changed.map((key) => [key, { from: before[key] ?? null, to: after[key] ?? null }]),
      ),
      ...(approval && { approval: approval.id, requestedBy: approval.requestedBy }),
    },
  })
}

export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
