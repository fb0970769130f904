import type { z } from 'zod'
import { AppError, type FieldMessageKey } from '../../platform/errors.js'
import type { Catalogue } from '../catalogue/index.js'
import { prepareInput } from './customer-input.js'
import { type CreateCustomerInput, createCustomerSchema } from './customers.schemas.js'

export type EntryCheck =
  | { ok: true; input: CreateCustomerInput }
  | { ok: false; fields: Record<string, FieldMessageKey> }

/**
 * A new record checked by every rule its entry through the API would meet —
 * the create schema, then normalisation and the identifier checks (CUS-2:
 * GB 11643, GB 32100, mobiles, e-mails, card and account numbers) — without
 * storing anything: what an import's dry run asks of each row (issue 18,
 * DQ-3). A problem is answered as field message keys, never with the value.
 */
export function checkEntry(catalogue: Catalogue, body: Record<string, unknown>): EntryCheck {
  const parsed = createCustomerSchema.safeParse(body)
  if (!parsed.success) return { ok: false, fields: schemaFields(parsed.error, body) }
  try {
    prepareInput(catalogue, { kind: parsed.data.kind, input: parsed.data })
    return { ok: true, input: parsed.data }
  } catch (error) {
    if (error instanceof AppError && error.fields) return { ok: false, fields: { ...error.fields } }
    throw error
  }
}

/** The schema's issues as field message keys, the first per field, as the API answers them. */
function schemaFields(
  error: z.ZodError,
  body: Record<string, unknown>,
): Record<string, FieldMessageKey> {
  const fields: Record<string, FieldMessageKey> = {}
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] ??= 'unknownField'
      continue
    }
    const path = issue.path.join('.') || '_'
    const given = valueAt(body, issue.path)
    const missing = given === undefined || (typeof given === 'string' && given.trim() === '')
    fields[path] ??= missing
      ? 'required'
      : issue.code === 'too_big'
        ? 'tooLong'
        : issue.code === 'too_small'
          ? 'tooShort'
          : issue.code === 'invalid_value'
            ? 'notAllowed'
            : 'invalid'
  }
  return fields
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let at = body
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined
    at = (at as Record<PropertyKey, unknown>)[key]
  }
  return at
}
