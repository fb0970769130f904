import { type CustomerDataHolder, countByCustomerId } from '../../platform/customer-data-holder.js'
import { AppError } from '../../platform/errors.js'
import { loadCatalogue } from '../catalogue/index.js'
import { ATTRIBUTE_COLUMNS, ATTRIBUTE_FIELDS } from './customer-input.js'
import { openValues } from './customer-records.js'
import type { PersonalValue } from './customer-values.js'
import { selectCustomer, selectSealed } from './customers.repository.js'

export type FieldValue = { field: string; labelZh: string; labelEn: string; value: PersonalValue }

/** Stored under the customer's data key, or derived from values that were: they go at destruction. */
const KEY_BOUND_TABLES = [
  'customer_search_tokens',
  'customer_personal',
  'customer_sensitive',
  'customer_keys',
  // A rejection's reason is sealed under the key, and may quote the record.
  'customer_reviews',
] as const

/** Whose customer it was (CUS-5): staff and dates, nothing personal; kept, the registration ended. */
const ATTRIBUTION_TABLES = ['customer_registrations', 'customer_owner_changes'] as const

/**
 * The customer's own record: the plain attributes (`customers`), the data
 * key (`customer_keys`), the sealed values (`customer_personal`,
 * `customer_sensitive`) and the blind-index tokens (`customer_search_tokens`);
 * and the merges of its records (`customer_merges`), which the copy leaves
 * out — our staff's work on the records, holding nothing of the person that
 * the copy of the surviving record does not.
 */
export const customersData: CustomerDataHolder<{
  customer: {
    id: string
    kind: 'individual' | 'organization'
    status: string
    createdAt: string
    updatedAt: string
    fields: FieldValue[]
  }
}> = {
  name: 'customers',
  tables: ['customers', ...KEY_BOUND_TABLES, ...ATTRIBUTION_TABLES, 'customer_merges'],

  /** None: the record's own tables are merged by the merge itself (merge-customers.ts). */
  movable: [],

  /** The record: attributes, then every personal field with a value, sensitive ones included. */
  async exportFor(db, customerId, { vault, key }) {
    const customer = await selectCustomer(db, customerId)
    const sealed = (await selectSealed(db, [customerId], true)).get(customerId)
    if (!customer || !sealed) throw new AppError('CUSTOMER_NOT_FOUND')
    const catalogue = await loadCatalogue(db)
    const entries = catalogue.personalFields(customer.kind)
    const values = openValues(
      vault,
      key,
      catalogue,
      sealed,
      entries.map((e) => e.field),
    )
    const fields: FieldValue[] = []
    for (const field of ATTRIBUTE_FIELDS) {
      const value = customer[ATTRIBUTE_COLUMNS[field]]
      const entry = catalogue.get(field)
      if (value !== null && entry)
        fields.push({ field, labelZh: entry.labelZh, labelEn: entry.labelEn, value })
    }
    for (const entry of entries) {
      const value = values.get(entry.field)
      if (value !== undefined) {
        fields.push({ field: entry.field, labelZh: entry.labelZh, labelEn: entry.labelEn, value })
      }
    }
    return {
      customer: {
        id: customer.id,
        kind: customer.kind,
        status: customer.status,
        createdAt: customer.created_at.toISOString(),
        updatedAt: customer.updated_at.toISOString(),
        fields,
      },
    }
  },

  /**
   * Crypto-shredding: the data key goes — every value sealed under it, here
   * and in any backup, can no longer be opened — and with it the sealed
   * values and the tokens. The `customers` row stays, anonymised: only
   * non-personal attributes (kind, grade, department, dates), for
   * statistics, marked destroyed so nothing opens it again.
   */
  async shred(trx, customerId, at) {
    for (const table of KEY_BOUND_TABLES) {
      await trx.deleteFrom(table).where('customer_id', '=', customerId).execute()
    }
    await trx
      .updateTable('customer_registrations')
      .set({ ended_at: at, ended_reason: 'destroyed' })
      .where('customer_id', '=', customerId)
      .where('ended_at', 'is', null)
      .execute()
    // A merge's proof stays (who merged which records, when); what it kept sealed for an undo goes.
    await trx
      .updateTable('customer_merges')
      .set({ status: 'final', survivor_before: null, merged_values: null })
      .where((eb) => eb.or([eb('survivor_id', '=', customerId), eb('merged_id', '=', customerId)]))
      .where('status', '=', 'undoable')
      .execute()
    await trx
      .updateTable('customers')
      .set({ status: 'destroyed', destroyed_at: at, updated_at: at })
      .where('id', '=', customerId)
      .execute()
  },

  async count(db, customerId) {
    const record = await db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('id', '=', customerId)
      .executeTakeFirstOrThrow()
    const merges = await db
      .selectFrom('customer_merges')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where((eb) => eb.or([eb('survivor_id', '=', customerId), eb('merged_id', '=', customerId)]))
      .executeTakeFirstOrThrow()
    return {
      customers: Number(record.n),
      ...(await countByCustomerId(db, customerId, KEY_BOUND_TABLES)),
      ...(await countByCustomerId(db, customerId, ATTRIBUTION_TABLES)),
      customer_merges: Number(merges.n),
    }
  },
}
