import type { Call } from '../../platform/http/call.js'
import type { Language } from '../../platform/i18n.js'
import {
  type Clearance,
  consentsNeeded,
  decideLegalBasis,
  touchesSensitive,
} from '../../security/customer-policy.js'
import { dayIn } from '../calendar/index.js'
import type { Catalogue, StoredEntry } from '../catalogue/index.js'
import { consentStates } from '../consents/index.js'
import {
  type CustomerListFilter,
  customerListPages,
  isMinor,
  openValues,
  openVisiblePage,
  presentCustomer,
  seesSensitive,
} from '../customers/index.js'
import { findActivePurpose } from '../purposes/index.js'

/** What one export writes: the fields (in order), those asked plain, the purpose, the language. */
export type ExportSheet = {
  catalogue: Catalogue
  clearance: Clearance
  fields: string[]
  /** The fields asked for plain (a plain export); each still plain only where the list masks it and the purpose's legal basis holds for that customer. */
  plainFields: string[]
  purpose: string | null
  language: Language
}

type Cell = string | number
type Contact = { name?: string; title?: string; mobile?: string; email?: string }

/** The plain attributes of a customers row, by catalogue key. */
const ATTRIBUTE_COLUMNS = {
  grade: 'grade',
  trackingLevel: 'tracking_level',
  tenure: 'tenure',
  industry: 'industry',
  size: 'size',
  source: 'source',
} as const

/** A column's heading: the field's label in the file's language, never its key. */
export function fieldLabel(entry: StoredEntry | undefined, field: string, language: Language) {
  if (!entry) return field
  return language === 'en' ? entry.labelEn : entry.labelZh
}

/** A value as one cell: lists joined, contacts as their parts. */
export function cellOf(value: unknown, language: Language): Cell {
  if (value === undefined || value === null) return ''
  if (typeof value === 'number') return value
  if (Array.isArray(value)) {
    const joiner = language === 'en' ? '; ' : '；'
    return value
      .map((item) =>
        typeof item === 'object' && item !== null
          ? [
              (item as Contact).name,
              (item as Contact).title,
              (item as Contact).mobile,
              (item as Contact).email,
            ]
              .filter(Boolean)
              .join(' ')
          : String(item),
      )
      .join(joiner)
  }
  return String(value)
}

/**
 * The rows of an export, page after page of the caller's list (the list's
 * scope and search): each page opened once and masked by the list's own
 * presenter (CLS-4). A plain export opens the plain values of its plain
 * fields for each customer whose legal basis for the purpose holds (its
 * consents, a restriction, a minor's guardian — the reveal's policy); the
 * others keep the masked value.
 */
export async function* exportRows(
  call: Call,
  filter: CustomerListFilter,
  sheet: ExportSheet,
): AsyncGenerator<Cell[]> {
  const { deps, now } = call
  const { catalogue, clearance, fields, language } = sheet
  const viewer = { catalogue, clearance }
  const plainEntries = sheet.plainFields
    .map((f) => catalogue.get(f))
    .filter((e): e is StoredEntry => e !== undefined && e.level > 0)
  const withSensitive = seesSensitive(catalogue, clearance) || plainEntries.length > 0
  const today = dayIn(deps.config.timeZone, now)
  // A purpose retired since the approval reaches nothing: every value stays masked.
  const activePurpose =
    plainEntries.length > 0 && sheet.purpose
      ? await findActivePurpose(deps.db, sheet.purpose)
      : undefined
  for await (const page of customerListPages(call, filter, { pageSize: 200, withSensitive })) {
    const rows = page.map((read) => read.row)
    const sealed = new Map(
      page.flatMap(({ row, sealed }) => (sealed ? [[row.id, sealed] as const] : [])),
    )
    const values = await openVisiblePage(deps.vault, viewer, { rows, sealed })
    for (const { row, sealed: record } of page) {
      const view = presentCustomer(viewer, row, values.get(row.id)) as unknown as Record<
        string,
        unknown
      > & { customFields?: Record<string, unknown> }
      let plain: ReadonlyMap<string, unknown> = new Map()
      const applicable = plainEntries.filter(
        (e) => e.appliesTo === 'both' || e.appliesTo === row.kind,
      )
      if (record && activePurpose && applicable.length > 0) {
        const key = await deps.vault.openCustomerKey(record.key)
        const sealing = { vault: deps.vault, key, catalogue }
        const minor = row.kind === 'individual' && isMinor(sealing, record, today)
        const basis = decideLegalBasis({
          customer: row,
          purpose: activePurpose,
          touchesSensitive: touchesSensitive(applicable, minor),
          minor,
          consents: await consentStates(deps.db, row.id, consentsNeeded(row, activePurpose)),
        })
        if (basis.allowed) {
          plain = openValues(
            deps.vault,
            key,
            catalogue,
            record,
            applicable.map((e) => e.field),
          )
        }
      }
      yield fields.map((field) => {
        const entry = catalogue.get(field)
        if (!entry) return ''
        if (entry.level === 0) {
          const column = ATTRIBUTE_COLUMNS[field as keyof typeof ATTRIBUTE_COLUMNS]
          return cellOf(column ? row[column] : view.customFields?.[field], language)
        }
        if (entry.appliesTo !== 'both' && entry.appliesTo !== row.kind) return ''
        if (plain.has(field)) return cellOf(plain.get(field), language)
        return cellOf(entry.custom ? view.customFields?.[field] : view[field], language)
      })
    }
  }
}
