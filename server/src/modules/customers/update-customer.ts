import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { clearanceOf, decideUse } from '../../security/customer-policy.js'
import { loadCatalogue } from '../catalogue/index.js'
import { BLOCKING_FIELDS } from '../duplicates/index.js'
import { guardCustomer } from './customer-guard.js'
import { ATTRIBUTE_COLUMNS, ATTRIBUTE_FIELDS, prepareInput } from './customer-input.js'
import { fieldsBeyondView, openOnce, sealValues } from './customer-records.js'
import { encodeValue, type PersonalValue, type PersonalValues } from './customer-values.js'
import { presentCustomer } from './customers.presenter.js'
import {
  type CustomerRow,
  replaceSealed,
  replaceTokens,
  selectAttribution,
  selectCustomerForUpdate,
  selectSealed,
  updateCustomerRow,
} from './customers.repository.js'
import type { CustomerView, UpdateCustomerInput } from './customers.schemas.js'
import {
  BLOCKING_SOURCES,
  blockingTokensFor,
  SEARCH_SOURCES,
  searchTokensFor,
  TOKEN_FIELDS,
} from './search-tokens.js'
import { visibleFields } from './visible-values.js'

/**
 * PATCH /customers/{id}: validated like a creation; only fields that really
 * change are re-sealed; blind-index tokens follow; the audit event names the
 * changed fields, never their values. The answer is the record as the
 * caller now sees it, presented from the values this update already holds
 * (each stored value is opened at most once); it is on the trail as a view,
 * as a read of the record would be.
 */
export async function updateCustomer(
  call: Call,
  id: string,
  input: UpdateCustomerInput,
): Promise<CustomerView> {
  const { deps, context, principal, now } = call
  const catalogue = await loadCatalogue(deps.db)
  const clearance = clearanceOf(principal)
  const after = await deps.db.transaction().execute(async (trx) => {
    const locked = await selectCustomerForUpdate(trx, id)
    const row = await guardCustomer(call, locked, {
      action: 'customer.updated',
      customerId: id,
    })
    // PIPL Art. 47: a restricted record is kept as it is, used for nothing else.
    const use = decideUse(row)
    if (!use.allowed) throw new AppError(use.code)
    const sealed = (await selectSealed(trx, [id], true)).get(id)
    if (!sealed) throw new AppError('CUSTOMER_NOT_FOUND')
    const key = await deps.vault.openCustomerKey(sealed.key)
    const open = openOnce({ vault: deps.vault, key, catalogue }, sealed)
    const storedIdType = open(['idType']).get('idType')
    const prepared = prepareInput(catalogue, {
      kind: row.kind,
      input,
      storedIdType: storedIdType as string | undefined,
    })

    const beyond = fieldsBeyondView(clearance, catalogue, prepared.values.keys())
    if (beyond.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        Object.fromEntries(beyond.map((f) => [f, 'beyondClearance'])),
      )
    }
    if (prepared.values.get('name') === null) {
      throw new AppError('VALIDATION_FAILED', { name: 'required' })
    }

    const current = open(prepared.values.keys())
    const changedValues = [...prepared.values].filter(
      ([field, value]) => !sameValue(current.get(field), value),
    )
    const changedAttributes = ATTRIBUTE_FIELDS.filter(
      (field) =>
        prepared.attributes[field] !== undefined &&
        prepared.attributes[field] !== row[ATTRIBUTE_COLUMNS[field]],
    )
    const changed = [...changedValues.map(([field]) => field), ...changedAttributes].sort()
    const changedMap = new Map(changedValues)
    // The plain values after the change: the stored ones, with the changed ones in their place.
    const plainAfter = (fields: string[]): PersonalValues => {
      const values = open(fields.filter((field) => !changedMap.has(field)))
      for (const field of fields) {
        const value = changedMap.get(field)
        if (value !== undefined && value !== null) values.set(field, value)
      }
      return values
    }
    const shown = () => plainAfter(visibleFields(catalogue, clearance, row.kind))
    if (changed.length === 0) return { row, values: shown() }

    if (changedValues.length > 0) {
      const personal = { ...sealed.personal }
      const sensitive = { ...(sealed.sensitive ?? {}) }
      for (const [field] of changedValues) {
        delete personal[field]
        delete sensitive[field]
      }
      const kept = new Map(
        changedValues.filter((entry): entry is [string, PersonalValue] => entry[1] !== null),
      )
      sealValues({ vault: deps.vault, key, catalogue }, kept, { personal, sensitive })
      await replaceSealed(trx, id, { table: 'customer_personal', sealed: personal })
      await replaceSealed(trx, id, { table: 'customer_sensitive', sealed: sensitive })

      if (changedValues.some(([field]) => SEARCH_SOURCES.includes(field))) {
        await replaceTokens(trx, id, {
          fields: TOKEN_FIELDS,
          tokens: searchTokensFor(deps.vault, plainAfter(SEARCH_SOURCES)),
        })
      }
      if (changedValues.some(([field]) => BLOCKING_SOURCES.includes(field))) {
        await replaceTokens(trx, id, {
          fields: [...BLOCKING_FIELDS],
          tokens: blockingTokensFor(deps.vault, plainAfter(BLOCKING_SOURCES)),
        })
      }
    }
    const rowChanges = {
      ...Object.fromEntries(
        changedAttributes.map((f) => [ATTRIBUTE_COLUMNS[f], prepared.attributes[f] ?? null]),
      ),
      updated_at: now,
    }
    await updateCustomerRow(trx, id, rowChanges)
    await recordAuditEvent(trx, now, context, {
      actor: principal.actor,
      action: 'customer.updated',
      target: { type: 'customer', id },
      fields: changed,
    })
    return { row: { ...row, ...rowChanges } as CustomerRow, values: shown() }
  })
  // On the record before the data leaves (AUD-1), as GET /customers/{id} records it.
  await recordAuditEvent(deps.db, now, context, {
    actor: principal.actor,
    action: 'customer.viewed',
    target: { type: 'customer', id },
  })
  const attribution = await selectAttribution(deps.db, id)
  return presentCustomer({ catalogue, clearance }, after.row, after.values, {
    attribution,
    at: now,
  })
}

function sameValue(stored: PersonalValue | undefined, next: PersonalValue | null): boolean {
  if (stored === undefined || next === null) return stored === undefined && next === null
  return encodeValue(stored) === encodeValue(next)
}
