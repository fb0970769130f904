import { sql } from 'kysely'
import type { DatabaseTransaction } from '../../db/database.js'
import type { SealedStores, SealedValues } from '../../db/schema.js'
import { DAY } from '../../platform/clock.js'
import type { MergedRows } from '../../platform/customer-data-holder.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { clearanceOf, decideUse } from '../../security/customer-policy.js'
import type { CustomerKey, Vault } from '../../security/vault.js'
import { type Catalogue, loadCatalogue } from '../catalogue/index.js'
import { BLOCKING_FIELDS } from '../duplicates/index.js'
import { fieldsBeyondView, openValues } from './customer-records.js'
import {
  replaceSealed,
  replaceTokens,
  type SealedRecord,
  selectCustomerForUpdate,
  selectSealed,
} from './customers.repository.js'
import {
  BLOCKING_SOURCES,
  blockingTokensFor,
  SEARCH_SOURCES,
  searchTokensFor,
  TOKEN_FIELDS,
} from './search-tokens.js'

/** What the rest of a merge needs: its id, and both keys while they are in memory. */
export type MergedRecords = {
  mergeId: string
  undoUntil: Date
  survivorKey: CustomerKey
  mergedKey: CustomerKey
}

const REVIEW_REASON = 'review.reason'

/**
 * DQ-1, the customer's own record in a merge (in the merge's transaction):
 * the survivor takes the other record's values of the fields `take` names
 * (and keeps its own of every other field); the other record becomes a
 * tombstone pointing to the survivor — its values, tokens and data key
 * gone, its registration ended. Until the undo period ends, the merge row
 * keeps, sealed under the survivor's key, what an undo restores: the
 * survivor's own values of the fields taken, and every value of the other
 * record. Both records must still be records (not destroyed, merged or
 * restricted) with no destruction pending, and the other under no hold.
 */
export async function mergeRecords(
  trx: DatabaseTransaction,
  call: Call,
  input: { survivorId: string; mergedId: string; take: readonly string[]; pairId: string },
): Promise<MergedRecords> {
  const { deps, principal, now } = call
  const { survivorId, mergedId } = input
  const catalogue = await loadCatalogue(trx)
  const [survivor, merged] = [
    await selectCustomerForUpdate(trx, survivorId),
    await selectCustomerForUpdate(trx, mergedId),
  ]
  for (const row of [survivor, merged]) {
    if (!row) throw new AppError('CUSTOMER_NOT_FOUND')
    if (row.status === 'destroyed') throw new AppError('CUSTOMER_DESTROYED')
    if (row.status === 'merged') throw new AppError('CUSTOMER_MERGED')
    const use = decideUse(row)
    if (!use.allowed) throw new AppError(use.code)
  }
  await refuseBlockedMerge(trx, survivorId, mergedId)
  const beyond = fieldsBeyondView(clearanceOf(principal), catalogue, input.take)
  if (beyond.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      Object.fromEntries(beyond.map((f) => [f, 'beyondClearance'])),
    )
  }

  const sealed = await selectSealed(trx, [survivorId, mergedId], true)
  const [mine, theirs] = [sealed.get(survivorId), sealed.get(mergedId)]
  if (!mine || !theirs) throw new AppError('CUSTOMER_NOT_FOUND')
  const survivorKey = await deps.vault.openCustomerKey(mine.key)
  const mergedKey = await deps.vault.openCustomerKey(theirs.key)
  const unknown = input.take.filter(
    (field) => !catalogue.get(field) || storeOf(theirs, field) === undefined,
  )
  if (unknown.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      Object.fromEntries(unknown.map((f) => [f, 'notMergeable'])),
    )
  }

  const mergedValues = resealStores(deps.vault, toStores(theirs), mergedKey, survivorKey)
  const survivorBefore: SealedStores = { personal: {}, sensitive: {} }
  const after = toStores(mine)
  for (const field of input.take) {
    const own = storeOf(mine, field)
    if (own) survivorBefore[own][field] = after[own][field] as string
    delete after.personal[field]
    delete after.sensitive[field]
    const from = storeOf(theirs, field) as keyof SealedStores
    after[from][field] = mergedValues[from][field] as string
  }
  await forgetValues(trx, mergedId)
  await writeStores(trx, deps.vault, { id: survivorId, key: survivorKey, catalogue }, after)

  await resealReviewReasons(trx, deps.vault, {
    customerId: mergedId,
    from: mergedKey,
    to: survivorKey,
  })
  await trx.deleteFrom('customer_keys').where('customer_id', '=', mergedId).execute()
  const ended = await trx
    .updateTable('customer_registrations')
    .set({ ended_at: now, ended_reason: 'merged' })
    .where('customer_id', '=', mergedId)
    .where('ended_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  await trx
    .updateTable('customers')
    .set({ status: 'merged', merged_into: survivorId, destroyed_at: now, updated_at: now })
    .where('id', '=', mergedId)
    .execute()
  await trx.updateTable('customers').set({ updated_at: now }).where('id', '=', survivorId).execute()

  const settings = await trx
    .selectFrom('merge_settings')
    .select('undo_days')
    .executeTakeFirstOrThrow()
  const undoUntil = new Date(now.getTime() + settings.undo_days * DAY)
  const { id: mergeId } = await trx
    .insertInto('customer_merges')
    .values({
      pair_id: input.pairId,
      survivor_id: survivorId,
      merged_id: mergedId,
      merged_status: (merged as { status: string }).status,
      merged_by: principal.accountId,
      merged_at: now,
      undo_until: undoUntil,
      taken_fields: JSON.stringify([...input.take].sort()),
      survivor_before: JSON.stringify(survivorBefore),
      merged_values: JSON.stringify(mergedValues),
      ended_registration: ended?.id ?? null,
      status: 'undoable',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { mergeId, undoUntil, survivorKey, mergedKey }
}

/** The rows of other modules the merge moved or kept, for its undo. */
export async function recordMergedRows(
  trx: DatabaseTransaction,
  mergeId: string,
  rows: MergedRows,
): Promise<void> {
  await trx
    .updateTable('customer_merges')
    .set({ rows: JSON.stringify(rows) })
    .where('id', '=', mergeId)
    .execute()
}

/** What the rest of an undo needs: the merge, and both keys. */
export type UndoneMerge = {
  pairId: string | null
  survivorId: string
  mergedId: string
  rows: MergedRows
  survivorKey: CustomerKey
  restoredKey: CustomerKey
}

/**
 * Undoes a merge within its period (in the undo's transaction): the record
 * merged away comes back under a new data key with all its values, the
 * survivor's fields taken from it go back to what they were (its other
 * fields, changed since or not, stay as they are), tokens follow, and the
 * registration it held runs again. What the merge kept sealed is emptied.
 */
export async function undoMergeRecords(
  trx: DatabaseTransaction,
  call: Call,
  mergeId: string,
): Promise<UndoneMerge> {
  const { deps, principal, now } = call
  const merge = await trx
    .selectFrom('customer_merges')
    .selectAll()
    .where('id', '=', mergeId)
    .forUpdate()
    .executeTakeFirst()
  if (!merge) throw new AppError('MERGE_NOT_FOUND')
  if (merge.status !== 'undoable' || merge.undo_until <= now || !merge.merged_values)
    throw new AppError('MERGE_NOT_UNDOABLE')
  const survivor = await selectCustomerForUpdate(trx, merge.survivor_id)
  if (!survivor || survivor.status === 'destroyed') throw new AppError('MERGE_NOT_UNDOABLE')
  const catalogue = await loadCatalogue(trx)
  const mine = (await selectSealed(trx, [merge.survivor_id], true)).get(merge.survivor_id)
  if (!mine) throw new AppError('MERGE_NOT_UNDOABLE')
  const survivorKey = await deps.vault.openCustomerKey(mine.key)

  const { key: restoredKey, row: keyRow } = await deps.vault.newCustomerKey(merge.merged_id)
  await trx.insertInto('customer_keys').values(keyRow).execute()
  const restored = resealStores(deps.vault, merge.merged_values, survivorKey, restoredKey)
  await writeStores(trx, deps.vault, { id: merge.merged_id, key: restoredKey, catalogue }, restored)
  await resealReviewReasons(trx, deps.vault, {
    customerId: merge.merged_id,
    from: survivorKey,
    to: restoredKey,
  })

  const after = toStores(mine)
  const before = merge.survivor_before ?? { personal: {}, sensitive: {} }
  for (const field of merge.taken_fields) {
    delete after.personal[field]
    delete after.sensitive[field]
    for (const store of ['personal', 'sensitive'] as const) {
      const value = before[store][field]
      if (value !== undefined) after[store][field] = value
    }
  }
  await writeStores(trx, deps.vault, { id: merge.survivor_id, key: survivorKey, catalogue }, after)

  await trx
    .updateTable('customers')
    .set({ status: merge.merged_status, merged_into: null, destroyed_at: null, updated_at: now })
    .where('id', '=', merge.merged_id)
    .execute()
  if (merge.ended_registration) {
    await trx
      .updateTable('customer_registrations')
      .set({ ended_at: null, ended_reason: null })
      .where('id', '=', merge.ended_registration)
      .execute()
  }
  await trx
    .updateTable('customer_merges')
    .set({
      status: 'undone',
      undone_by: principal.accountId,
      undone_at: now,
      survivor_before: null,
      merged_values: null,
    })
    .where('id', '=', mergeId)
    .execute()
  return {
    pairId: merge.pair_id,
    survivorId: merge.survivor_id,
    mergedId: merge.merged_id,
    rows: merge.rows ?? { moved: {}, kept: {} },
    survivorKey,
    restoredKey,
  }
}

/**
 * Merges past their undo period become final: what they kept sealed is
 * emptied, so the values of the record merged away are gone for good.
 * Returns the tombstones whose kept rows are now to be shredded.
 */
export async function finalMerges(
  trx: DatabaseTransaction,
  now: Date,
): Promise<{ mergeId: string; mergedId: string }[]> {
  const rows = await trx
    .updateTable('customer_merges')
    .set({ status: 'final', survivor_before: null, merged_values: null })
    .where('status', '=', 'undoable')
    .where('undo_until', '<=', now)
    .returning(['id', 'merged_id'])
    .execute()
  return rows.map((r) => ({ mergeId: r.id, mergedId: r.merged_id }))
}

/** After its kept rows were shredded, a tombstone is a tombstone again (shredding marks it destroyed). */
export async function keepTombstone(trx: DatabaseTransaction, customerId: string): Promise<void> {
  await trx
    .updateTable('customers')
    .set({ status: 'merged' })
    .where('id', '=', customerId)
    .where('merged_into', 'is not', null)
    .execute()
}

async function refuseBlockedMerge(
  trx: DatabaseTransaction,
  survivorId: string,
  mergedId: string,
): Promise<void> {
  const pending = await trx
    .selectFrom('destructions')
    .select('id')
    .where('customer_id', 'in', [survivorId, mergedId])
    .where('status', '=', 'pending_approval')
    .executeTakeFirst()
  if (pending) throw new AppError('MERGE_DESTRUCTION_PENDING')
  // Its key is destroyed by the merge: a record under a hold must stay as it is.
  const hold = await trx
    .selectFrom('legal_holds')
    .select('id')
    .where('customer_id', '=', mergedId)
    .where('released_at', 'is', null)
    .executeTakeFirst()
  if (hold) throw new AppError('MERGE_LEGAL_HOLD')
}

const toStores = (record: SealedRecord): SealedStores => ({
  personal: { ...record.personal },
  sensitive: { ...(record.sensitive ?? {}) },
})

function storeOf(record: SealedRecord, field: string): keyof SealedStores | undefined {
  if (record.personal[field] !== undefined) return 'personal'
  if (record.sensitive?.[field] !== undefined) return 'sensitive'
  return undefined
}

/** Every value of the stores, opened under one key and sealed under another (the field stays its address). */
function resealStores(
  vault: Vault,
  stores: SealedStores,
  from: CustomerKey,
  to: CustomerKey,
): SealedStores {
  const reseal = (values: SealedValues) =>
    Object.fromEntries(
      Object.entries(values).map(([field, value]) => [
        field,
        vault.seal(to, field, vault.open(from, field, value)),
      ]),
    )
  return { personal: reseal(stores.personal), sensitive: reseal(stores.sensitive) }
}

/** A record's stores written, and its search and blocking tokens made anew from them. */
async function writeStores(
  trx: DatabaseTransaction,
  vault: Vault,
  record: { id: string; key: CustomerKey; catalogue: Catalogue },
  stores: SealedStores,
): Promise<void> {
  await replaceSealed(trx, record.id, { table: 'customer_personal', sealed: stores.personal })
  // A record with no sensitive value has no row for them, as at entry.
  if (Object.keys(stores.sensitive).length > 0)
    await replaceSealed(trx, record.id, { table: 'customer_sensitive', sealed: stores.sensitive })
  else await trx.deleteFrom('customer_sensitive').where('customer_id', '=', record.id).execute()
  const open = (fields: string[]) => openValues(vault, record.key, record.catalogue, stores, fields)
  await replaceTokens(trx, record.id, {
    fields: TOKEN_FIELDS,
    tokens: searchTokensFor(vault, open(SEARCH_SOURCES)),
  })
  await replaceTokens(trx, record.id, {
    fields: [...BLOCKING_FIELDS],
    tokens: blockingTokensFor(vault, open(BLOCKING_SOURCES)),
  })
}

/** The record's values and tokens deleted (its key goes separately). */
async function forgetValues(trx: DatabaseTransaction, customerId: string): Promise<void> {
  for (const table of [
    'customer_personal',
    'customer_sensitive',
    'customer_search_tokens',
  ] as const)
    await trx.deleteFrom(table).where('customer_id', '=', customerId).execute()
}

/** A rejection's reason, kept with the record, re-sealed from one key to another. */
async function resealReviewReasons(
  trx: DatabaseTransaction,
  vault: Vault,
  move: { customerId: string; from: CustomerKey; to: CustomerKey },
): Promise<void> {
  const { rows } = await sql<{ id: string; sealed_reason: string }>`
    select id, sealed_reason from customer_reviews
    where customer_id = ${move.customerId} and sealed_reason is not null`.execute(trx)
  for (const row of rows) {
    const reason = vault.seal(
      move.to,
      REVIEW_REASON,
      vault.open(move.from, REVIEW_REASON, row.sealed_reason),
    )
    await trx
      .updateTable('customer_reviews')
      .set({ sealed_reason: reason })
      .where('id', '=', row.id)
      .execute()
  }
}
