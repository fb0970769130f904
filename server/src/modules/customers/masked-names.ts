import type { AppDeps } from '../../platform/deps.js'
import { effectiveMasking } from '../../security/customer-policy.js'
import { maskValue } from '../../security/masking.js'
import { loadCatalogue, type StoredEntry } from '../catalogue/index.js'
import { openValues } from './customer-records.js'
import { selectSealed } from './customers.repository.js'

/**
 * Each customer's name as the masking module shows it (张*, 某某**公司), for
 * lists that name customers beside something else (the audit trail, the
 * request queue): only the name is opened, and only masked it leaves. None
 * for a destroyed customer, whose key is gone.
 */
export async function maskedNamesOf(deps: AppDeps, ids: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  if (ids.length === 0) return names
  const catalogue = await loadCatalogue(deps.db)
  const entry = catalogue.get('name')
  if (!entry) return names
  const [kinds, sealed] = await Promise.all([
    deps.db
      .selectFrom('customers')
      .select(['id', 'kind'])
      .where('id', 'in', ids)
      .where('destroyed_at', 'is', null)
      .execute(),
    selectSealed(deps.db, ids, false),
  ])
  for (const { id, kind } of kinds) {
    const record = sealed.get(id)
    if (!record) continue
    try {
      const key = await deps.vault.openCustomerKey(record.key)
      const name = openValues(deps.vault, key, catalogue, record, ['name']).get('name')
      if (typeof name !== 'string') continue
      names.set(id, maskedName(entry, name, kind))
    } catch {
      // A key that does not open (a damaged record) leaves the customer unnamed: the id still shows.
    }
  }
  return names
}

/** A name as the name field's rule masks it, a person's or an organisation's (CLS-4). */
export function maskedName(
  entry: StoredEntry,
  name: string,
  kind: 'individual' | 'organization',
): string {
  return maskValue(
    effectiveMasking(entry),
    name,
    kind === 'organization' ? 'organization' : 'person',
  )
}
