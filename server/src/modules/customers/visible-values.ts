import { type Clearance, fieldVisibility } from '../../security/customer-policy.js'
import type { Vault } from '../../security/vault.js'
import type { Catalogue, CustomerKind } from '../catalogue/index.js'
import { needsSensitive, openValues } from './customer-records.js'
import type { PersonalValues } from './customer-values.js'
import type { Viewer } from './customers.presenter.js'
import type { SealedRecord } from './customers.repository.js'

/**
 * The one open step of a read (CLS-2, ACC-1): of one customer, the stored
 * fields this caller may see, plain or masked — the policy decides which
 * (fieldVisibility) — each decrypted once, under one unwrap of the
 * customer's key. A field beyond the caller's clearance is never opened,
 * and a customer with nothing visible stored costs no unwrap. What comes out
 * goes to the pure presenter (customers.presenter.ts), which masks it.
 */
export async function openVisibleValues(
  vault: Vault,
  viewer: Viewer,
  record: { kind: CustomerKind; sealed: SealedRecord },
): Promise<PersonalValues> {
  const { catalogue, clearance } = viewer
  const { kind, sealed } = record
  const fields = visibleFields(catalogue, clearance, kind)
    .filter((field) => !viewer.fields || viewer.fields.has(field))
    .filter((field) => (sealed.personal[field] ?? sealed.sensitive?.[field]) !== undefined)
  if (fields.length === 0) return new Map()
  return openValues(vault, await vault.openCustomerKey(sealed.key), catalogue, sealed, fields)
}

/**
 * A page of customers opened in one pass: every key unwrapped concurrently
 * (the vault unwraps one key per call), each visible value opened once.
 * Customers with no sealed values are left out.
 */
export async function openVisiblePage(
  vault: Vault,
  viewer: Viewer,
  page: {
    rows: readonly { id: string; kind: CustomerKind }[]
    sealed: ReadonlyMap<string, SealedRecord>
  },
): Promise<Map<string, PersonalValues>> {
  const { rows, sealed } = page
  const opened = await Promise.all(
    rows.map(async (row) => {
      const record = sealed.get(row.id)
      if (!record) return undefined
      const values = await openVisibleValues(vault, viewer, { kind: row.kind, sealed: record })
      return [row.id, values] as const
    }),
  )
  return new Map(opened.filter((entry) => entry !== undefined))
}

/** The personal fields of a kind of record this caller sees, plain or masked (the policy decides). */
export function visibleFields(
  catalogue: Catalogue,
  clearance: Clearance,
  kind: CustomerKind,
): string[] {
  return catalogue
    .personalFields(kind)
    .filter((entry) => fieldVisibility(clearance, entry) !== 'absent')
    .map((entry) => entry.field)
}

/**
 * Whether a stored field this caller sees, plain or masked — of `fields`
 * when only those are shown — lives in the sensitive store: only then does
 * a read join it (CLS-3).
 */
export function seesSensitive(
  catalogue: Catalogue,
  clearance: Clearance,
  fields?: ReadonlySet<string>,
): boolean {
  return needsSensitive(
    catalogue.entries.filter(
      (e) =>
        e.level > 0 &&
        fieldVisibility(clearance, e) !== 'absent' &&
        (!fields || fields.has(e.field)),
    ),
  )
}
