import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import {
  AppError,
  ERRORS,
  type ErrorCode,
  FIELD_MESSAGES,
  type FieldMessageKey,
} from '../errors.js'
import { localize, pickLanguage } from '../i18n.js'

/**
 * Maps every error to the contract's body
 * `{ error: { code, message, fields?, details? } }` in the caller's
 * language. Nothing from the request or the database reaches the message;
 * `details` carries what a service chose to tell (AppError.details).
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return sendError(request, reply, error.code, error.fields, error.details)
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendError(request, reply, 'VALIDATION_FAILED', fieldsFromValidation(error.validation))
    }
    const mapped = mapFrameworkError(error)
    if (mapped) return sendError(request, reply, mapped)
    if (isInputRefusedByDatabase(error)) {
      // A safety net behind input hygiene: a value the database cannot hold is bad input.
      request.log.warn(
        { errorType: error.name, errorCode: error.code },
        'input refused by database',
      )
      return sendError(request, reply, 'BAD_REQUEST')
    }
    // Log the kind and where, not the message: driver messages can quote values.
    request.log.error(
      { errorType: error.name, errorCode: error.code, stack: stackWithoutMessage(error) },
      'unhandled error',
    )
    return sendError(request, reply, 'INTERNAL')
  })
  app.setNotFoundHandler((request, reply) => sendError(request, reply, 'NOT_FOUND'))
}

export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  fields?: Record<string, FieldMessageKey>,
  details?: Record<string, unknown>,
): FastifyReply {
  const language = pickLanguage(request.headers['accept-language'])
  const entry = ERRORS[code]
  const body: {
    code: ErrorCode
    message: string
    fields?: Record<string, string>
    details?: Record<string, unknown>
  } = { code, message: localize(entry, language) }
  if (fields && Object.keys(fields).length > 0) {
    body.fields = Object.fromEntries(
      Object.entries(fields).map(([field, key]) => [
        field,
        localize(FIELD_MESSAGES[key], language),
      ]),
    )
  }
  if (details) body.details = details
  return reply.code(entry.status).header('content-language', language).send({ error: body })
}

type ValidationIssue = {
  keyword: string
  instancePath: string
  message?: string
  params?: Record<string, unknown>
}

function fieldsFromValidation(issues: readonly ValidationIssue[]): Record<string, FieldMessageKey> {
  const fields: Record<string, FieldMessageKey> = {}
  for (const issue of issues) {
    const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.')
    if (issue.keyword === 'unrecognized_keys') {
      const keys = (issue.params?.keys as string[] | undefined) ?? []
      for (const key of keys) fields[path ? `${path}.${key}` : key] ??= 'unknownField'
      continue
    }
    fields[path || '_'] ??= fieldMessageFor(issue)
  }
  return fields
}

function fieldMessageFor(issue: ValidationIssue): FieldMessageKey {
  const custom = issue.params?.params as { fieldMessage?: FieldMessageKey } | undefined
  if (custom?.fieldMessage && custom.fieldMessage in FIELD_MESSAGES) return custom.fieldMessage
  switch (issue.keyword) {
    case 'invalid_type':
      return issue.message?.endsWith('received undefined') ? 'required' : 'invalid'
    case 'too_small':
      return 'tooShort'
    case 'too_big':
      return 'tooLong'
    case 'invalid_value':
      return 'notAllowed'
    default:
      return 'invalid'
  }
}

function mapFrameworkError(error: FastifyError): ErrorCode | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'PAYLOAD_TOO_LARGE'
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'UNSUPPORTED_MEDIA_TYPE'
    case 'FST_ERR_RATE_LIMITED':
      return 'RATE_LIMITED'
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
    return 'BAD_REQUEST'
  return null
}

/**
 * SQLSTATEs of class 22 (data exception) that only a value can cause: text
 * that is not valid for its type, NUL or bad Unicode escapes, numbers out of
 * range, strings too long, impossible dates and times.
 */
const INPUT_DATABASE_ERRORS = new Set([
  '22P02', // invalid_text_representation
  '22021', // character_not_in_repertoire
  '22P05', // untranslatable_character
  '22003', // numeric_value_out_of_range
  '22001', // string_data_right_truncation
  '22007', // invalid_datetime_format
  '22008', // datetime_field_overflow
  '22009', // invalid_time_zone_displacement_value
  '2200N', // invalid_xml_content
  '22025', // invalid_escape_sequence
])

function isInputRefusedByDatabase(error: FastifyError): boolean {
  // Driver errors (pg and PGlite alike) carry the SQLSTATE in `code` and a `severity`.
  return 'severity' in error && INPUT_DATABASE_ERRORS.has(String(error.code))
}

function stackWithoutMessage(error: Error): string | undefined {
  return error.stack?.split('\n').slice(1).join('\n')
}
