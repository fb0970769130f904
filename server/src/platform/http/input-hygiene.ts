import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError, type FieldMessageKey } from '../errors.js'
import { normaliseText } from '../text.js'

/**
 * The one depth at which every request's text is made safe, before any
 * schema or handler sees it (OPS-3, CUS-2): every string of the path
 * parameters, the query and the JSON body, at any depth, and every object
 * key, goes through normaliseText. A string it refuses (NUL, control and
 * bidirectional characters) answers VALIDATION_FAILED naming the field;
 * cleaned strings replace the originals. So no route can store a value the
 * database would choke on (PostgreSQL refuses NUL) or one that disguises itself.
 */
export function registerInputHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const fields: Record<string, FieldMessageKey> = {}
    const clean = (value: unknown) => cleanTree(value, '', 'line', 0, fields)
    request.params = clean(request.params)
    request.query = clean(request.query)
    request.body = clean(request.body)
    if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', fields)
    refuseEmptyChange(request)
  })
}

/**
 * Multi-line fields: tab and line breaks are part of their text. Every other
 * string is one line. A new free-text field joins this list.
 */
export const MULTI_LINE_FIELDS: ReadonlySet<string> = new Set([
  'notes',
  'needs',
  'note',
  'reason',
  'details',
  'evidence',
  'investments',
  'descriptionZh',
  'descriptionEn',
  // Notice sections (CON-1).
  'purposes',
  'method',
  'scope',
  'retention',
  'recipients',
])

/** Objects whose every value is free text: the custom fields of a customer (CLS-1). */
export const FREE_TEXT_MAPS: ReadonlySet<string> = new Set(['customFields'])

/** Secrets are compared or hashed, never stored as text: they pass as typed. */
const SECRET_FIELDS: ReadonlySet<string> = new Set(['password', 'currentPassword', 'newPassword'])

/** Deeper than any request the API defines; refused before anything walks it. */
const MAX_DEPTH = 16

/** What a string is, from the name of the property that holds it (array items take their array's). */
type TextKind = 'line' | 'multiline' | 'secret'

function kindOf(field: string, container: string): TextKind {
  if (SECRET_FIELDS.has(field)) return 'secret'
  return MULTI_LINE_FIELDS.has(field) || FREE_TEXT_MAPS.has(container) ? 'multiline' : 'line'
}

function cleanTree(
  value: unknown,
  path: string,
  kind: TextKind,
  depth: number,
  fields: Record<string, FieldMessageKey>,
): unknown {
  if (typeof value === 'string') {
    if (kind === 'secret') return value
    const result = normaliseText(value, { multiline: kind === 'multiline' })
    if (result.ok) return result.value
    fields[path || '_'] ??= result.reason
    return value
  }
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value
  if (depth >= MAX_DEPTH) {
    fields[path || '_'] ??= 'tooDeep'
    return value
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      value[i] = cleanTree(value[i], join(path, String(i)), kind, depth + 1, fields)
    }
    return value
  }
  const record = value as Record<string, unknown>
  const container = lastSegment(path)
  for (const key of Object.keys(record)) {
    const checked = normaliseText(key, { multiline: false })
    if (!checked.ok || checked.value !== key) {
      // The key itself is not echoed back: it is what is wrong.
      fields[path || '_'] ??= 'forbiddenCharacters'
      continue
    }
    record[key] = cleanTree(record[key], join(path, key), kindOf(key, container), depth + 1, fields)
  }
  return value
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1)
}

function join(path: string, segment: string): string {
  return path ? `${path}.${segment}` : segment
}

/**
 * A PATCH says what to change; an empty object changes nothing and would
 * reach the database as an UPDATE without columns. Refused for every route.
 */
function refuseEmptyChange(request: FastifyRequest): void {
  if (request.method !== 'PATCH') return
  const body = request.body
  if (
    body !== null &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    Object.keys(body).length === 0
  ) {
    throw new AppError('NOTHING_TO_CHANGE')
  }
}
