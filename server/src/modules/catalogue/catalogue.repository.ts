import type { Kysely, Selectable, Transaction } from 'kysely'
import type { DB, FieldCatalogueTable } from '../../db/schema.js'
import type { MaskingRule } from '../../security/masking.js'
import {
  type CatalogueEntry,
  DEFAULT_CATALOGUE,
  type FieldAppliesTo,
  type FieldDataType,
} from './default-catalogue.js'

export type StoredEntry = CatalogueEntry & { custom: boolean; updatedAt: Date }

/** Where a field's values live (CLS-3): plain columns, general sealed values, or sensitive sealed values apart. */
export type Storage = 'plain' | 'personal' | 'sensitive'

export function storageOf(entry: Pick<CatalogueEntry, 'level' | 'sensitive'>): Storage {
  if (entry.level === 0) return 'plain'
  return entry.sensitive || entry.level >= 2 ? 'sensitive' : 'personal'
}

/** The seeded fields in the order a form shows them (the default catalogue's), custom fields after. */
const SEED_ORDER = new Map(DEFAULT_CATALOGUE.map((entry, index) => [entry.field, index]))
const position = (field: string) => SEED_ORDER.get(field) ?? SEED_ORDER.size

export async function selectCatalogue(db: Kysely<DB>): Promise<StoredEntry[]> {
  const rows = await db.selectFrom('field_catalogue').selectAll().orderBy('field').execute()
  return rows.map(toEntry).sort((a, b) => position(a.field) - position(b.field))
}

export async function insertEntry(db: Kysely<DB>, entry: CatalogueEntry): Promise<boolean> {
  const result = await db
    .insertInto('field_catalogue')
    .values({
      field: entry.field,
      applies_to: entry.appliesTo,
      label_zh: entry.labelZh,
      label_en: entry.labelEn,
      level: entry.level,
      sensitive: entry.sensitive,
      masking: entry.masking,
      encrypted: entry.encrypted,
      searchable: entry.searchable,
      data_type: entry.dataType,
      retention_days: entry.retentionDays,
      custom: true,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
}

export async function updateEntry(
  trx: Transaction<DB>,
  field: string,
  update: {
    changes: Partial<
      Pick<
        CatalogueEntry,
        'labelZh' | 'labelEn' | 'level' | 'sensitive' | 'masking' | 'retentionDays'
      >
    >
    at: Date
  },
): Promise<void> {
  const { changes, at } = update
  await trx
    .updateTable('field_catalogue')
    .set({
      ...(changes.labelZh !== undefined && { label_zh: changes.labelZh }),
      ...(changes.labelEn !== undefined && { label_en: changes.labelEn }),
      ...(changes.level !== undefined && { level: changes.level }),
      ...(changes.sensitive !== undefined && { sensitive: changes.sensitive }),
      ...(changes.masking !== undefined && { masking: changes.masking }),
      ...(changes.retentionDays !== undefined && { retention_days: changes.retentionDays }),
      updated_at: at,
    })
    .where('field', '=', field)
    .execute()
}

function toEntry(row: Selectable<FieldCatalogueTable>): StoredEntry {
  return {
    field: row.field,
    appliesTo: row.applies_to as FieldAppliesTo,
    labelZh: row.label_zh,
    labelEn: row.label_en,
    level: row.level as CatalogueEntry['level'],
    sensitive: row.sensitive,
    masking: row.masking as MaskingRule,
    encrypted: row.encrypted,
    searchable: row.searchable,
    dataType: row.data_type as FieldDataType,
    retentionDays: row.retention_days,
    custom: row.custom,
    updatedAt: row.updated_at,
  }
}
