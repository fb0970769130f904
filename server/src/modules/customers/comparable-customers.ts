import { sql } from 'kysely'
import type { Database } from '../../db/database.js'
import type { Vault } from '../../security/vault.js'
import { loadCatalogue } from '../catalogue/index.js'
import {
  type BlockingField,
  type BlockingKey,
  duplicateValuesOf,
  type PreparedValues,
  prepareValues,
} from '../duplicates/index.js'
import { openValues } from './customer-records.js'
import { selectSealed } from './customers.repository.js'
import { maskedName } from './masked-names.js'
import { BLOCKING_SOURCES } from './search-tokens.js'

/** Every customer that a sweep compares, with its blocking keys as stored (DQ-1). */
export type StoredBlockingKeys = { ids: string[]; keys: BlockingKey[][] }

/**
 * The blocking keys of every customer not destroyed, read from the token
 * table alone: nothing is opened. Customers without a key are left out —
 * they share nothing with anyone.
 */
export async function storedBlockingKeys(db: Database): Promise<StoredBlockingKeys> {
  const { rows } = await sql<{ customer_id: string; field: BlockingField; token: string }>`
    select t.customer_id, t.field, t.token
    from customer_search_tokens t join customers c on c.id = t.customer_id
    where t.field like 'dup\\_%' and c.status <> 'destroyed'
    order by t.customer_id`.execute(db)
  const ids: string[] = []
  const keys: BlockingKey[][] = []
  for (const row of rows) {
    if (ids[ids.length - 1] !== row.customer_id) {
      ids.push(row.customer_id)
      keys.push([])
    }
    keys[keys.length - 1]?.push({ field: row.field, token: row.token })
  }
  return { ids, keys }
}

/** A customer opened to be compared: its values' normal forms, and its name masked. */
export type ComparableCustomer = { prepared: PreparedValues; maskedName: string }

/**
 * The customers `ids`, opened in memory to be scored against each other:
 * only the fields the comparison reads, each customer's key unwrapped for
 * the length of it. What the caller keeps — a score, reasons, a masked name
 * — holds no plain value.
 */
export async function comparableCustomers(
  db: Database,
  vault: Vault,
  ids: string[],
): Promise<Map<string, ComparableCustomer>> {
  const opened = new Map<string, ComparableCustomer>()
  if (ids.length === 0) return opened
  const catalogue = await loadCatalogue(db)
  const nameEntry = catalogue.get('name')
  const [kinds, sealed] = await Promise.all([
    db.selectFrom('customers').select(['id', 'kind']).where('id', 'in', ids).execute(),
    selectSealed(db, ids, true),
  ])
  for (const { id, kind } of kinds) {
    const record = sealed.get(id)
    if (!record) continue
    const key = await vault.openCustomerKey(record.key)
    const values = openValues(vault, key, catalogue, record, BLOCKING_SOURCES)
    const name = values.get('name')
    opened.set(id, {
      prepared: prepareValues(duplicateValuesOf(values)),
      maskedName: typeof name === 'string' && nameEntry ? maskedName(nameEntry, name, kind) : '',
    })
  }
  return opened
}
