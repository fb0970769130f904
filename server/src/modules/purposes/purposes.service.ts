import type { Selectable } from 'kysely'
import { type Actor, type RequestContext, recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import type { PurposeTable } from '../../db/schema.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Language } from '../../platform/i18n.js'
import type { LegalBasis } from './default-purposes.js'

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

export async function addPurpose(
  deps: AppDeps,
  context: RequestContext,
  actor: Actor,
  input: NewPurpose,
): Promise<Purpose> {
  return deps.db.transaction().execute(async (trx) => {
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
    await recordAuditEvent(trx, deps.clock.now(), context, {
      actor,
      action: 'purpose.added',
      target: { type: 'purpose', id: input.code },
      details: { legalBasis: input.legalBasis },
    })
    return row
  })
}

export type PurposeChanges = Partial<Omit<NewPurpose, 'code'> & { active: boolean }>

export async function changePurpose(
  deps: AppDeps,
  context: RequestContext,
  actor: Actor,
  code: string,
  changes: PurposeChanges,
): Promise<Purpose> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('purposes')
      .set({
        ...(changes.nameZh !== undefined && { name_zh: changes.nameZh }),
        ...(changes.nameEn !== undefined && { name_en: changes.nameEn }),
        ...(changes.legalBasis !== undefined && { legal_basis: changes.legalBasis }),
        ...(changes.descriptionZh !== undefined && { description_zh: changes.descriptionZh }),
        ...(changes.descriptionEn !== undefined && { description_en: changes.descriptionEn }),
        ...(changes.active !== undefined && { active: changes.active }),
        ...(changes.maxLevel !== undefined && { max_level: changes.maxLevel }),
        ...(changes.fields !== undefined && { fields: changes.fields }),
      })
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirst()
    if (!row) throw new AppError('PURPOSE_NOT_FOUND')
    await recordAuditEvent(trx, deps.clock.now(), context, {
      actor,
      action: 'purpose.changed',
      target: { type: 'purpose', id: code },
      fields: Object.keys(changes),
    })
    return row
  })
}
