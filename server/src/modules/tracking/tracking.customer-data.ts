import { type SqlBool, sql } from 'kysely'
import type { TrackingField } from '../../db/schema.js'
import { type CustomerDataHolder, countByCustomerId } from '../../platform/customer-data-holder.js'

/** The sealed fields' names (tracking-forms.ts). */
const SEALED = { values: 'tracking_form.values', comment: 'tracking_check.comment' } as const

const labelOf = (fields: TrackingField[], code: string) => {
  const field = fields.find((f) => f.code === code)
  return { zh: field?.labelZh ?? code, en: field?.labelEn ?? code }
}

/** A choice's code as its option's names; text and amounts as written. */
const shownValue = (fields: TrackingField[], code: string, value: string | number) => {
  const option = fields.find((f) => f.code === code)?.options.find((o) => o.code === value)
  return option ? `${option.labelZh} / ${option.labelEn}` : String(value)
}

/**
 * The customer's tracking form (客户追踪表, issue 17 §3): every dated
 * version with its values, and the supervisors' checks with their comments
 * — what the company wrote about the customer, so the copy carries them
 * opened; who wrote them names staff and is left out. Destruction deletes
 * both (the sealed values could no longer be opened anyway). The daily
 * reports (晚会) are staff's records of a day and name no customer by id:
 * they are no customer's data here (docs/tracking.md).
 */
export const trackingData: CustomerDataHolder<{
  trackingForm: {
    version: number
    at: string
    field: { zh: string; en: string }
    value: string
  }[]
  trackingChecks: { at: string; comment: string | null }[]
}> = {
  name: 'tracking',
  tables: ['tracking_form_versions', 'tracking_checks'],

  /**
   * A customer has one tracking form: the survivor's stays its own, and the
   * other record’s form and checks stay with it — unless the survivor has none
   * (the checks are decided first, while the survivor's forms are its own).
   */
  movable: (['tracking_checks', 'tracking_form_versions'] as const).map((table) => ({
    table,
    sealedAs: (key: string) => (key === 'values' ? SEALED.values : SEALED.comment),
    staysIf: (survivorId: string) =>
      sql<SqlBool>`exists (select 1 from tracking_form_versions s where s.customer_id = ${survivorId})`,
  })),

  async exportFor(db, customerId, { vault, key }) {
    const [versions, checks] = await Promise.all([
      db
        .selectFrom('tracking_form_versions')
        .select(['version', 'created_at', 'fields', 'sealed'])
        .where('customer_id', '=', customerId)
        .orderBy('version')
        .execute(),
      db
        .selectFrom('tracking_checks')
        .select(['checked_at', 'sealed'])
        .where('customer_id', '=', customerId)
        .orderBy('checked_at')
        .orderBy('id')
        .execute(),
    ])
    return {
      trackingForm: versions.flatMap((v) => {
        const values: Record<string, string | number> = v.sealed.values
          ? JSON.parse(vault.open(key, SEALED.values, v.sealed.values))
          : {}
        return Object.entries(values).map(([code, value]) => ({
          version: v.version,
          at: v.created_at.toISOString(),
          field: labelOf(v.fields, code),
          value: shownValue(v.fields, code, value),
        }))
      }),
      trackingChecks: checks.map((c) => ({
        at: c.checked_at.toISOString(),
        comment: c.sealed.comment ? vault.open(key, SEALED.comment, c.sealed.comment) : null,
      })),
    }
  },

  async shred(trx, customerId) {
    await trx.deleteFrom('tracking_checks').where('customer_id', '=', customerId).execute()
    await trx.deleteFrom('tracking_form_versions').where('customer_id', '=', customerId).execute()
  },

  count: (db, customerId) =>
    countByCustomerId(db, customerId, ['tracking_form_versions', 'tracking_checks']),
}
