import type { Selectable, Transaction } from 'kysely'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { DB, PurposeTable } from '../../db/schema.js'
import { AppError } from '../../platform/errors.js'
import type { Call, Caller } from '../../platform/http/call.js'
import type { LegalBasis } from './default-purposes.js'
import { type PurposeTerms, widenedAspects } from './purpose-widening.js'

/*
 * Writing purposes: a new one, and a checked change, each with its audit
 * event. Both the service (a change that applies at once) and the approval
 * kind (a change a second person approved) call these, so they live apart
 * from either.
 */

export type Purpose = Selectable<PurposeTable>

export type NewPurpose = {
  code: string
  nameZh: string
  nameEn: string
  legalBasis: LegalBasis
  descriptionZh: string
  descriptionEn: string
  maxLevel: number
  fields: string[] | null
}

/** Writes a new purpose and its `purpose.added` event (naming the approval, when there was one). */
export async function insertPurpose(
  trx: Transaction<DB>,
  call: Call<Caller>,
  write: { purpose: NewPurpose; approval?: { id: string; requestedBy: string } },
): Promise<Purpose> {
  const { now, context } = call
  const { actor } = call.principal
  const { purpose: input, approval } = write
  const row = await trx
    .insertInto('purposes')
    .values({
      code: input.code,
      name_zh: input.nameZh,
      name_en: input.nameEn,
      legal_basis: input.legalBasis,
      description_zh: input.descriptionZh,
      description_en: input.descriptionEn,
      max_level: input.maxLevel,
      fields: input.fields,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst()
  if (!row) throw new AppError('FIELD_EXISTS')
  await recordAuditEvent(trx, now, context, {
    actor,
    action: 'purpose.added',
    target: { type: 'purpose', id: input.code },
    details: {
      legalBasis: input.legalBasis,
      maxLevel: input.maxLevel,
      fields: input.fields,
      ...(approval && { approval: approval.id, requestedBy: approval.requestedBy }),
    },
  })
  return row
}

export type PurposeChanges = Partial<Omit<NewPurpose, 'code'> & { active: boolean }>

/** The terms of a stored purpose, by the API's names. */
export function termsOf(row: Purpose): PurposeTerms {
  return {
    nameZh: row.name_zh,
    nameEn: row.name_en,
    legalBasis: row.legal_basis,
    descriptionZh: row.description_zh,
    descriptionEn: row.description_en,
    active: row.active,
    maxLevel: row.max_level,
    fields: row.fields,
  }
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** The keys a change really changes, and what it lets the purpose reach further. */
export function checkPurposeChange(row: Purpose, changes: PurposeChanges) {
  const before = termsOf(row)
  const after: PurposeTerms = {
    ...before,
    ...(Object.fromEntries(
      Object.entries(changes).filter(([, v]) => v !== undefined),
    ) as Partial<PurposeTerms>),
  }
  const changed = (Object.keys(after) as (keyof PurposeTerms)[]).filter(
    (key) => !sameValue(before[key], after[key]),
  )
  return { before, after, changed, widened: widenedAspects(before, after) }
}

/** Writes a checked change of a purpose and its `purpose.changed` event with before and after. */
export async function updatePurpose(
  trx: Transaction<DB>,
  call: Call<Caller>,
  write: {
    code: string
    change: ReturnType<typeof checkPurposeChange>
    approval?: { id: string; requestedBy: string }
  },
): Promise<Purpose> {
  const { now, context } = call
  const { actor } = call.principal
  const { code, change, approval } = write
  const { after, before, changed } = change
  const has = (key: keyof PurposeTerms) => changed.includes(key)
  const row = await trx
    .updateTable('purposes')
    .set({
      ...(has('nameZh') && { name_zh: after.nameZh }),
      ...(has('nameEn') && { name_en: after.nameEn }),
      ...(has('legalBasis') && { legal_basis: after.legalBasis }),
      ...(has('descriptionZh') && { description_zh: after.descriptionZh }),
      ...(has('descriptionEn') && { description_en: after.descriptionEn }),
      ...(has('active') && { active: after.active }),
      ...(has('maxLevel') && { max_level: after.maxLevel }),
      ...(has('fields') && { fields: after.fields }),
    })
    .where('code', '=', code)
    .returningAll()
    .executeTakeFirst()
  if (!row) throw new AppError('PURPOSE_NOT_FOUND')
  await recordAuditEvent(trx, now, context, {
    actor,
    action: 'purpose.changed',
    target: { type: 'purpose', id: code },
    fields: changed,
    details: {
      ...Object.fromEntries(changed.map((key) => [key, { from: before[key], to: after[key] }])),
      ...(approval && { approval: approval.id, requestedBy: approval.requestedBy }),
    },
  })
  return row
}
