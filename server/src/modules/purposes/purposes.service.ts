import type { Selectable, Transaction } from 'kysely'
import { type Actor, type RequestContext, recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import type { DB, PurposeTable } from '../../db/schema.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Language } from '../../platform/i18n.js'
import { requestApproval } from '../approvals/approvals.service.js'
import type { LegalBasis } from './default-purposes.js'
import { PURPOSE_CHANGE } from './purpose-change-approval.js'
import { newPurposeNeedsApproval, type PurposeTerms, widenedAspects } from './purpose-widening.js'

export type Purpose = Selectable<PurposeTable>

export async function listPurposes(db: Database): Promise<Purpose[]> {
  return db.selectFrom('purposes').selectAll().orderBy('code').execute()
}

/** An active purpose by code, or undefined: a reveal may name only these (ACC-2). */
export async function findActivePurpose(db: Database, code: string): Promise<Purpose | undefined> {
  return db
    .selectFrom('purposes')
    .selectAll()
    .where('code', '=', code)
    .where('active', '=', true)
    .executeTakeFirst()
}

export function presentPurpose(purpose: Purpose, language: Language) {
  return {
    code: purpose.code,
    name: language === 'en' ? purpose.name_en : purpose.name_zh,
    nameZh: purpose.name_zh,
    nameEn: purpose.name_en,
    legalBasis: purpose.legal_basis,
    description: language === 'en' ? purpose.description_en : purpose.description_zh,
    descriptionZh: purpose.description_zh,
    descriptionEn: purpose.description_en,
    active: purpose.active,
    maxLevel: purpose.max_level,
    fields: purpose.fields,
  }
}

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

/** The answer to a change of purposes: applied at once, or waiting for a second person (ACC-5). */
export type PurposeOutcome =
  | { applied: Purpose }
  | { pending: { id: string; status: 'pending_approval'; approvalId: string } }

const pendingAnswer = (approvalId: string): PurposeOutcome => ({
  pending: { id: approvalId, status: 'pending_approval', approvalId },
})

/**
 * Adds a purpose. One resting on consent applies at once: it reaches no
 * customer until that customer consents. One resting on a contract or a
 * legal obligation reaches every customer on record with no consent, so it
 * waits for a second person of the other function (ACC-5).
 */
export async function addPurpose(
  deps: AppDeps,
  context: RequestContext,
  actor: Actor,
  input: NewPurpose,
): Promise<PurposeOutcome> {
  const now = deps.clock.now()
  if (newPurposeNeedsApproval(input.legalBasis)) {
    const taken = await deps.db
      .selectFrom('purposes')
      .select('code')
      .where('code', '=', input.code)
      .executeTakeFirst()
    if (taken) throw new AppError('FIELD_EXISTS')
    const approvalId = await deps.db.transaction().execute((trx) =>
      requestApproval(trx, now, context, actor, {
        kind: PURPOSE_CHANGE,
        subject: { type: 'purpose', id: input.code },
        payload: { code: input.code, action: 'create', to: input, widened: ['legalBasis'] },
      }),
    )
    return pendingAnswer(approvalId)
  }
  return {
    applied: await deps.db
      .transaction()
      .execute((trx) => insertPurpose(trx, now, context, actor, input)),
  }
}

/** Writes a new purpose and its `purpose.added` event (naming the approval, when there was one). */
export async function insertPurpose(
  trx: Transaction<DB>,
  now: Date,
  context: RequestContext,
  actor: Actor,
  input: NewPurpose,
  approval?: { id: string; requestedBy: string },
): Promise<Purpose> {
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

/**
 * Changes or retires a purpose. A change that narrows it or leaves its
 * reach as it was applies at once; one that lets it reach further in any
 * part (purpose-widening.ts) waits whole for a second person (ACC-5).
 */
export async function changePurpose(
  deps: AppDeps,
  context: RequestContext,
  actor: Actor,
  code: string,
  changes: PurposeChanges,
): Promise<PurposeOutcome> {
  const row = await deps.db
    .selectFrom('purposes')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst()
  if (!row) throw new AppError('PURPOSE_NOT_FOUND')
  const change = checkPurposeChange(row, changes)
  const now = deps.clock.now()
  if (change.widened.length > 0) {
    const pick = (terms: PurposeTerms) =>
      Object.fromEntries(change.changed.map((key) => [key, terms[key]]))
    const approvalId = await deps.db.transaction().execute((trx) =>
      requestApproval(trx, now, context, actor, {
        kind: PURPOSE_CHANGE,
        subject: { type: 'purpose', id: code },
        payload: {
          code,
          action: 'change',
          from: pick(change.before),
          to: pick(change.after),
          widened: change.widened,
        },
      }),
    )
    return pendingAnswer(approvalId)
  }
  return {
    applied: await deps.db
      .transaction()
      .execute((trx) => updatePurpose(trx, now, context, actor, code, change)),
  }
}

/** Writes a checked change of a purpose and its `purpose.changed` event with before and after. */
export async function updatePurpose(
  trx: Transaction<DB>,
  now: Date,
  context: RequestContext,
  actor: Actor,
  code: string,
  change: ReturnType<typeof checkPurposeChange>,
  approval?: { id: string; requestedBy: string },
): Promise<Purpose> {
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
