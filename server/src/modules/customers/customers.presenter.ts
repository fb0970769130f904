import {
  type Clearance,
  effectiveMasking,
  fieldVisibility,
  isRevealable,
} from '../../security/customer-policy.js'
import { type MaskSubject, maskValue } from '../../security/masking.js'
import type { Catalogue, StoredEntry } from '../catalogue/index.js'
import type { Contact, PersonalValue } from './customer-values.js'
import type { Attribution, CustomerRow } from './customers.repository.js'
import type { CustomerView } from './customers.schemas.js'

type Shown = string | number | string[]

const CONTACT_PARTS = ['name', 'mobile', 'email'] as const

/**
 * Who looks at customer records: the catalogue that classifies the fields,
 * the caller's clearance, and the personal fields asked for when a page
 * shows only some (GET /customers?fields=): the others are not even opened.
 */
export type Viewer = { catalogue: Catalogue; clearance: Clearance; fields?: ReadonlySet<string> }

/**
 * Turns a customer into what this caller may see (CLS-4, ACC-1): plain
 * attributes as they are; each personal field absent beyond the caller's
 * clearance, masked by its catalogue rule, or plain when its rule is `none`.
 * Pure: it is handed values already opened (visible-values.ts on a read,
 * the plain input on a create) and never sees the vault; a value it is
 * given for a field the caller may not see is left out all the same.
 * `values` undefined: the customer has no personal values stored.
 */
export function presentCustomer(
  { catalogue, clearance, fields }: Viewer,
  row: CustomerRow,
  values: ReadonlyMap<string, PersonalValue> | undefined,
  attributed?: { attribution: Attribution | undefined; at: Date },
): CustomerView {
  const view: CustomerView = {
    id: row.id,
    kind: row.kind,
    status: row.status,
    grade: row.grade,
    trackingLevel: row.tracking_level,
    tenure: row.tenure,
    industry: row.industry,
    size: row.size,
    source: row.source,
    ownerId: row.owner_id,
    departmentId: row.department_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    masked: [],
    revealable: [],
    ...(attributed?.attribution && presentAttribution(attributed.attribution, attributed.at)),
  }
  if (!values) return view
  const customFields: Record<string, Shown> = {}
  for (const entry of catalogue.personalFields(row.kind)) {
    const visibility = fieldVisibility(clearance, entry)
    if (visibility === 'absent' || (fields && !fields.has(entry.field))) continue
    const value = values.get(entry.field)
    if (value === undefined) continue
    let masked = visibility === 'masked'
    if (entry.field === 'contacts') {
      view.contacts = (value as Contact[]).map((c) => maskContact(catalogue, clearance, c))
      masked = CONTACT_PARTS.some((part) => {
        const partEntry = catalogue.get(part)
        return partEntry !== undefined && fieldVisibility(clearance, partEntry) === 'masked'
      })
    } else {
      // CLS-4: the kind of record says whose name it is, not its length.
      const subject = row.kind === 'organization' ? 'organization' : 'person'
      const shown = visibility === 'plain' ? value : maskField(entry, value, subject)
      if (entry.custom) customFields[entry.field] = shown as Shown
      else (view as Record<string, unknown>)[entry.field] = shown
    }
    if (masked) {
      view.masked.push(entry.field)
      if (isRevealable(clearance, entry)) view.revealable.push(entry.field)
    }
  }
  if (Object.keys(customFields).length > 0) view.customFields = customFields
  return view
}

/**
 * A value masked by its field's rule; lists item by item. `subject` is whose
 * value it is — a person unless said otherwise (CLS-4).
 */
export function maskField(
  entry: StoredEntry,
  value: PersonalValue,
  subject: MaskSubject = 'person',
): Shown {
  const rule = effectiveMasking(entry)
  if (Array.isArray(value)) return (value as string[]).map((item) => maskValue(rule, item, subject))
  return maskValue(rule, value as string | number, subject)
}

/** A contact person's name, mobile and email follow the rules of those fields: a person's, in an organisation's record. */
function maskContact(catalogue: Catalogue, clearance: Clearance, contact: Contact): Contact {
  const shown: Contact = { name: contact.name }
  for (const part of CONTACT_PARTS) {
    const value = contact[part]
    const entry = catalogue.get(part)
    if (value === undefined || !entry) continue
    const visibility = fieldVisibility(clearance, entry)
    if (visibility === 'absent') delete shown[part]
    else shown[part] = visibility === 'plain' ? value : String(maskField(entry, value, 'person'))
  }
  if (contact.title !== undefined) shown.title = contact.title
  return shown
}

/** CUS-5: whose customer it is, and whether the registration (建档) still holds at `at`. */
function presentAttribution(attribution: Attribution, at: Date) {
  const { owner, registration } = attribution
  return {
    owner,
    registration: registration && {
      registeredBy: registration.registeredBy,
      registeredAt: registration.registeredAt.toISOString(),
      validUntil: registration.validUntil.toISOString(),
      valid: registration.validUntil.getTime() > at.getTime(),
    },
  }
}
