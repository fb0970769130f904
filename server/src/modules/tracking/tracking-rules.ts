import type { TrackingField } from '../../db/schema.js'
import type { FieldMessageKey } from '../../platform/errors.js'

/** A form's stored values: a field's code to its text, choice code or amount. */
export type FormValues = Record<string, string | number>

const DAY_MS = 24 * 60 * 60 * 1000
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** Are the fields a usable form: unique codes, a choice with unique options, no options elsewhere? */
export function fieldsAreValid(fields: readonly TrackingField[]): boolean {
  if (fields.length === 0) return false
  if (new Set(fields.map((f) => f.code)).size !== fields.length) return false
  return fields.every((f) =>
    f.kind === 'choice'
      ? f.options.length > 0 && new Set(f.options.map((o) => o.code)).size === f.options.length
      : f.options.length === 0,
  )
}

/** The message of each value that does not fit its field (none: the values are good). */
export function valueErrors(
  fields: readonly TrackingField[],
  values: Record<string, string | number | null>,
): Record<string, FieldMessageKey> {
  const errors: Record<string, FieldMessageKey> = {}
  const byCode = new Map(fields.map((f) => [f.code, f]))
  for (const [code, value] of Object.entries(values)) {
    const field = byCode.get(code)
    const at = `values.${code}`
    if (!field) errors[at] = 'unknownField'
    else if (value === null) continue
    else if (field.kind === 'amount') {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1e12) {
        errors[at] = 'invalid'
      }
    } else if (typeof value !== 'string') errors[at] = 'invalid'
    else if (field.kind === 'choice' && !field.options.some((o) => o.code === value)) {
      errors[at] = 'notAllowed'
    } else if (field.kind === 'date' && !(ISO_DATE.test(value) && isRealDate(value))) {
      errors[at] = 'invalid'
    }
  }
  return errors
}

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

/** The values after an update: a field given replaces its value, null clears it, a field left out keeps it. */
export function mergeValues(
  previous: FormValues,
  changes: Record<string, string | number | null>,
): { values: FormValues; changed: string[] } {
  const values: FormValues = { ...previous }
  const changed: string[] = []
  for (const [code, value] of Object.entries(changes)) {
    if (value === null) {
      if (code in values) changed.push(code)
      delete values[code]
    } else if (values[code] !== value) {
      values[code] = value
      changed.push(code)
    }
  }
  return { values, changed }
}

/** How many days a form of this tracking level may go without an update; null: the level carries no form. */
export function stalePeriodDays(
  level: string | null,
  settings: { levelAStaleDays: number; levelBStaleDays: number },
): number | null {
  if (level === 'A') return settings.levelAStaleDays
  if (level === 'B') return settings.levelBStaleDays
  return null
}

/** When a form becomes stale: its period after the last update, or after the customer was entered when never filled. */
export function staleAt(lastUpdate: Date | null, customerCreatedAt: Date, days: number): Date {
  return new Date((lastUpdate ?? customerCreatedAt).getTime() + days * DAY_MS)
}
