import { z } from 'zod'
import { AppError } from '../../platform/errors.js'
import { defineApprovalKind } from '../approvals/index.js'
import { requireOtherFunction } from '../catalogue/index.js'
import {
  checkPurposeChange,
  insertPurpose,
  type PurposeChanges,
  termsOf,
  updatePurpose,
} from './purpose-writes.js'

export const PURPOSE_CHANGE = 'purpose_change'

const legalBasis = z.enum(['consent', 'contract', 'legal_obligation'])
const level = z.union([z.literal(1), z.literal(2), z.literal(3)])
const terms = z.strictObject({
  nameZh: z.string().optional(),
  nameEn: z.string().optional(),
  legalBasis: legalBasis.optional(),
  descriptionZh: z.string().optional(),
  descriptionEn: z.string().optional(),
  active: z.boolean().optional(),
  maxLevel: z.number().int().min(1).max(3).optional(),
  fields: z.array(z.string()).nullable().optional(),
})

export const purposeChangePayload = z.discriminatedUnion('action', [
  z.strictObject({
    code: z.string(),
    action: z.literal('create'),
    to: z.strictObject({
      code: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      legalBasis,
      descriptionZh: z.string(),
      descriptionEn: z.string(),
      maxLevel: level,
      fields: z.array(z.string()).nullable(),
    }),
    widened: z.array(z.string()),
  }),
  z.strictObject({
    code: z.string(),
    action: z.literal('change'),
    /** The changed terms as they were when the change was asked for. */
    from: terms,
    to: terms,
    /** How it reaches further: `maxLevel`, `fields`, `legalBasis`, `active`, `terms`. */
    widened: z.array(z.string()),
  }),
])

const shown = (values: Record<string, unknown>) =>
  Object.entries(values).map(
    ([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`,
  )

/**
 * ACC-2, ACC-5: a purpose that reaches further — a higher level, more
 * fields, a basis needing no consent, a retired purpose back, the terms of
 * a purpose no consent bounds — and a new purpose resting on a contract or
 * a legal obligation take effect only when a second person of the other
 * function approves (catalogue/classification-approver.ts). Approving checks
 * again that the purpose is as it was when asked.
 */
export const purposeChangeApproval = defineApprovalKind({
  kind: PURPOSE_CHANGE,
  decidePermission: 'classification.approve',
  payload: purposeChangePayload,
  async apply({ trx, call, approval }, payload) {
    await requireOtherFunction(trx, call.principal, approval.requestedBy)
    if (payload.action === 'create') {
      await insertPurpose(trx, call, { purpose: payload.to, approval })
      return
    }
    const row = await trx
      .selectFrom('purposes')
      .selectAll()
      .where('code', '=', payload.code)
      .forUpdate()
      .executeTakeFirst()
    if (!row) throw new AppError('PURPOSE_NOT_FOUND')
    const current = termsOf(row)
    const stale = (Object.keys(payload.from) as (keyof typeof payload.from)[]).some(
      (key) => JSON.stringify(current[key]) !== JSON.stringify(payload.from[key]),
    )
    if (stale) throw new AppError('APPROVAL_STALE')
    const change = checkPurposeChange(row, payload.to as PurposeChanges)
    await updatePurpose(trx, call, { code: payload.code, change, approval })
  },
  async describe(db, payload) {
    const row = await db
      .selectFrom('purposes')
      .select(['name_zh', 'name_en'])
      .where('code', '=', payload.code)
      .executeTakeFirst()
    return {
      code: payload.code,
      action: payload.action,
      nameZh: payload.action === 'create' ? payload.to.nameZh : (row?.name_zh ?? null),
      nameEn: payload.action === 'create' ? payload.to.nameEn : (row?.name_en ?? null),
      widened: payload.widened,
      from: payload.action === 'create' ? [] : shown(payload.from),
      to: shown(payload.to),
    }
  },
})
