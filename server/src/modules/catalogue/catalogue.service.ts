import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import type { Call, Caller } from '../../platform/http/call.js'
import type { MaskingRule } from '../../security/masking.js'
import { requestApproval } from '../approvals/index.js'
import { insertEntry, type StoredEntry } from './catalogue.repository.js'
import { catalogueChangeRequest } from './catalogue-change-approval.js'
import {
  applyEntryChange,
  type CheckedEntryChange,
  checkEntryChange,
  type EntryChanges,
  type SealedStorage,
} from './entry-change.js'
import { forgetCatalogue, loadCatalogue, readCatalogue } from './load-catalogue.js'

export type { EntryChanges } from './entry-change.js'
export { type Catalogue, catalogueChanged, loadCatalogue } from './load-catalogue.js'

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
  call: Call<Caller>,
  asked: { field: string; changes: EntryChanges },
  storage: SealedStorage,
): Promise<EntryChangeOutcome> {
  const { field, changes } = asked
  const { deps, context, now } = call
  const { actor } = call.principal
  const before = (await readCatalogue(deps.db)).get(field)
  if (!before) throw new AppError('FIELD_NOT_FOUND')
  let change: CheckedEntryChange
  try {
    change = checkEntryChange(before, changes)
  } catch (error) {
    if (error instanceof AppError && error.code === 'PROTECTION_FLOOR') {
      await recordAuditEvent(deps.db, now, context, {
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

  if (change.lowered.length > 0) {
    const pick = (entry: StoredEntry) =>
      Object.fromEntries(change.changed.map((key) => [key, entry[key]]))
    const approvalId = await deps.db.transaction().execute((trx) =>
      requestApproval(trx, call, {
        kind: catalogueChangeRequest,
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
  await deps.db.transaction().execute((trx) => applyEntryChange(trx, call, { change, storage }))
  forgetCatalogue(deps.db)
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
  call: Call<Caller>,
  input: NewCustomField,
): Promise<StoredEntry> {
  const { deps, context, now } = call
  const { actor } = call.principal
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
    await recordAuditEvent(trx, now, context, {
      actor,
      action: 'catalogue.field_added',
      target: { type: 'field', id: input.field },
      details: { level: input.level, sensitive: input.sensitive, masking: input.masking },
    })
  })
  forgetCatalogue(deps.db)
  const created = (await loadCatalogue(deps.db)).get(input.field)
  if (!created) throw new AppError('FIELD_NOT_FOUND')
  return created
}
