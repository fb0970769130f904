import { z } from 'zod'
import { AppError } from '../../platform/errors.js'
import { MASKING_RULES } from '../../security/masking.js'
import { defineApprovalKind } from '../approvals/index.js'
import { selectCatalogue } from './catalogue.repository.js'
import { requireOtherFunction } from './classification-approver.js'
import { applyEntryChange, checkEntryChange, type SealedStorage } from './entry-change.js'
import { withLegalFloor } from './legally-sensitive.js'
import { catalogueChanged } from './load-catalogue.js'

export const CATALOGUE_CHANGE = 'catalogue_change'

const values = z.strictObject({
  labelZh: z.string().optional(),
  labelEn: z.string().optional(),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  sensitive: z.boolean().optional(),
  masking: z.enum(MASKING_RULES).optional(),
  retentionDays: z.number().int().nullable().optional(),
})

export const catalogueChangePayload = z.strictObject({
  field: z.string(),
  /** The changed keys as they were when the change was asked for. */
  from: values,
  to: values,
  /** Which protections it lowers: `level`, `sensitive`, `masking`. */
  lowered: z.array(z.string()),
})

export type CatalogueChangePayload = z.infer<typeof catalogueChangePayload>

const shown = (entry: Record<string, unknown>) =>
  Object.entries(entry).map(([key, value]) => `${key}=${value === null ? '' : String(value)}`)

/**
 * ACC-5, CLS-1: a change that lowers a field's protection — a lower level,
 * weaker masking, sensitive turned off — takes effect only when a second
 * person of the other function approves it (see
 * catalogue/classification-approver.ts). Approving checks the change again
 * against the catalogue as it is then: the law's floor still holds, and a
 * field changed since the request makes the request stale.
 */
/** What filing a change needs (catalogue.service.ts): the kind's name and payload. */
export const catalogueChangeRequest = { kind: CATALOGUE_CHANGE, payload: catalogueChangePayload }

/** The kind, given what moves a field between the sealed stores (the customers module's). */
export const catalogueChangeApproval = (storage: SealedStorage) =>
  defineApprovalKind({
    kind: CATALOGUE_CHANGE,
    decidePermission: 'classification.approve',
    payload: catalogueChangePayload,
    async apply({ trx, call, approval }, payload) {
      await requireOtherFunction(trx, call.principal, approval.requestedBy)
      await trx
        .selectFrom('field_catalogue')
        .select('field')
        .where('field', '=', payload.field)
        .forUpdate()
        .execute()
      const current = (await selectCatalogue(trx))
        .map(withLegalFloor)
        .find((e) => e.field === payload.field)
      if (!current) throw new AppError('FIELD_NOT_FOUND')
      const stale = (Object.keys(payload.from) as (keyof typeof payload.from)[]).some(
        (key) => current[key] !== payload.from[key],
      )
      if (stale) throw new AppError('APPROVAL_STALE')
      const change = checkEntryChange(current, payload.to)
      await applyEntryChange(trx, call, { change, approval, storage })
      catalogueChanged()
    },
    async describe(db, payload) {
      const entry = await db
        .selectFrom('field_catalogue')
        .select(['label_zh', 'label_en'])
        .where('field', '=', payload.field)
        .executeTakeFirst()
      return {
        field: payload.field,
        labelZh: entry?.label_zh ?? null,
        labelEn: entry?.label_en ?? null,
        lowered: payload.lowered,
        from: shown(payload.from),
        to: shown(payload.to),
      }
    },
  })
