import { recordAuditEvent } from '../../audit/audit-log.js'
import type { FeedbackField, SealedValues } from '../../db/schema.js'
import { AppError, type FieldMessageKey } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import type { FieldRule } from '../../security/customer-policy.js'
import { displayNamesOf } from '../accounts/index.js'
import { consentStates } from '../consents/index.js'
import {
  customerInScope,
  openCustomer,
  passRevealGate,
  REVEAL_DISPLAY_SECONDS,
  revealAudit,
  selectCustomer,
} from '../customers/index.js'
import { presentForm, presentResponse } from './feedback.presenter.js'
import {
  findForm,
  findResponse,
  findSurvey,
  hasAnswered,
  insertResponse,
  isInvited,
  listForms,
  openSurveysOf,
  responsesOf,
} from './feedback.repository.js'
import type { RecordResponseInput } from './feedback.schemas.js'

/**
 * The answers other than scores are what the customer said: level-2 data,
 * sealed under the customer's key, shown masked, opened only by a reveal
 * for a purpose that reaches level 2 (docs/feedback.md).
 */
const ANSWER_RULE: FieldRule = {
  field: 'feedback.answer',
  level: 2,
  sensitive: false,
  masking: 'text',
}
const sealedField = (key: string) => `feedback.answer.${key}`

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** Checks each answer against its field; the scale answers apart (plain), the others as text (to seal). */
export function splitAnswers(fields: FeedbackField[], answers: RecordResponseInput['answers']) {
  const problems: Record<string, FieldMessageKey> = {}
  const scores: Record<string, number> = {}
  const texts: Record<string, string> = {}
  const byKey = new Map(fields.map((f) => [f.key, f]))
  for (const key of Object.keys(answers)) {
    if (!byKey.has(key)) problems[`answers.${key}`] = 'unknownField'
  }
  for (const field of fields) {
    const value = answers[field.key]
    const at = `answers.${field.key}`
    if (value === undefined) {
      if (field.required) problems[at] = 'required'
      continue
    }
    if (field.kind === 'scale') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) {
        problems[at] = 'notAllowed'
      } else scores[field.key] = value
      continue
    }
    if (typeof value !== 'string') problems[at] = 'invalid'
    else if (field.kind === 'choice' && !field.options?.includes(value)) problems[at] = 'notAllowed'
    else if (field.kind === 'date' && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) {
      problems[at] = 'invalid'
    } else texts[field.key] = value
  }
  return { problems, scores, texts }
}

/**
 * POST /customers/{id}/feedback (CUS-7): a customer's answers to a form
 * version, recorded by staff, for an active customer in scope; with a
 * survey, only from a customer it invited, to the survey's version.
 */
export async function recordResponse(call: Call, customerId: string, input: RecordResponseInput) {
  const { deps, principal, now } = call
  const customer = await customerInScope(call, customerId, 'feedback.response_recorded')
  if (customer.status !== 'active') throw new AppError('FEEDBACK_CUSTOMER_NOT_ACTIVE')
  const form = await findForm(deps.db, input.formId)
  if (!form) throw new AppError('FEEDBACK_FORM_NOT_FOUND')
  if (input.surveyId) {
    const survey = await findSurvey(deps.db, input.surveyId)
    if (!survey) throw new AppError('FEEDBACK_SURVEY_NOT_FOUND')
    if (survey.form_id !== form.id) {
      throw new AppError('VALIDATION_FAILED', { formId: 'notAllowed' })
    }
    if (!(await isInvited(deps.db, survey.id, customer.id))) {
      throw new AppError('FEEDBACK_NOT_INVITED')
    }
    // One answer per invited customer: a second would count twice in the averages.
    if (await hasAnswered(deps.db, survey.id, customer.id)) {
      throw new AppError('FEEDBACK_ALREADY_ANSWERED')
    }
    // The invitation decided the grade: a customer regraded since still answers what was asked.
  } else {
    if (form.status !== 'current') throw new AppError('FEEDBACK_FORM_SUPERSEDED')
    if (form.grade && form.grade !== customer.grade) {
      throw new AppError('FEEDBACK_FORM_NOT_FOR_GRADE')
    }
  }
  const { problems, scores, texts } = splitAnswers(form.fields, input.answers)
  if (Object.keys(problems).length > 0) throw new AppError('VALIDATION_FAILED', problems)
  const sealed: SealedValues = {}
  if (Object.keys(texts).length > 0) {
    // The key is opened before the transaction: one connection may be all there is.
    const { key } = await openCustomer(deps, customer.id, false)
    for (const [field, value] of Object.entries(texts)) {
      sealed[field] = deps.vault.seal(key, sealedField(field), value)
    }
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const responseId = await insertResponse(trx, {
      formId: form.id,
      surveyId: input.surveyId ?? null,
      customerId: customer.id,
      scores,
      sealed,
      by: principal.accountId,
      at: now,
    })
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'feedback.response_recorded',
      target: { type: 'feedback_response', id: responseId },
      details: {
        customerId: customer.id,
        formId: form.id,
        ...(input.surveyId && { surveyId: input.surveyId }),
        answers: Object.keys(scores).length + Object.keys(texts).length,
      },
    })
    return responseId
  })
  const row = await findResponse(deps.db, id)
  if (!row) throw new AppError('FEEDBACK_RESPONSE_NOT_FOUND')
  const names = await displayNamesOf(deps.db, [principal.accountId])
  return presentResponse(row, names.get(principal.accountId) ?? '')
}

/**
 * GET /customers/{id}/feedback: the customer's responses (answers masked),
 * the current forms for the customer's grade and the surveys awaiting an
 * answer; audited.
 */
export async function listResponses(call: Call, customerId: string) {
  const { deps, principal, now } = call
  const customer = await customerInScope(call, customerId, 'feedback.responses_listed')
  const [rows, forms, openSurveys] = await Promise.all([
    responsesOf(deps.db, customer.id),
    listForms(deps.db, { all: false, grade: customer.grade }),
    openSurveysOf(deps.db, customer.id),
  ])
  const names = await displayNamesOf(deps.db, [...new Set(rows.map((r) => r.recorded_by))])
  await recordAuditEvent(deps.db, now, call.context, {
    actor: principal.actor,
    action: 'feedback.responses_listed',
    target: { type: 'customer', id: customer.id },
    details: { count: rows.length },
  })
  return {
    items: rows.map((r) => presentResponse(r, names.get(r.recorded_by) ?? '')),
    forms: forms.map(presentForm),
    openSurveys: openSurveys.map((s) => ({ id: s.id, name: s.name, formId: s.form_id })),
  }
}

/**
 * POST /feedback-responses/{id}/reveal: the plain answers, decided as an
 * interaction's note is (ACC-2): the scope (the route's guard), the rate
 * limit, an active purpose reaching level 2, the reveal grant, a legal basis
 * with this customer; every refusal and reveal audited, never the text.
 */
export async function revealResponse(call: Call, id: string, purposeCode: string) {
  const { deps } = call
  const row = await findResponse(deps.db, id)
  if (!row?.customer_id) throw new AppError('FEEDBACK_RESPONSE_NOT_FOUND')
  const { audit, refuse } = revealAudit(call, {
    action: 'feedback.response_revealed',
    target: { type: 'feedback_response', id },
    fields: ['answers'],
    purpose: purposeCode,
    details: { customerId: row.customer_id },
  })
  const customer = await selectCustomer(deps.db, row.customer_id)
  if (!customer) throw new AppError('FEEDBACK_RESPONSE_NOT_FOUND')
  const { key, minor } = await passRevealGate(call, {
    rule: ANSWER_RULE,
    customer,
    purpose: purposeCode,
    refuse,
    standingConsents: (customerId, purposes) => consentStates(deps.db, customerId, purposes),
  })
  const answers = Object.fromEntries(
    Object.entries(row.sealed).map(([field, sealed]) => [
      field,
      deps.vault.open(key, sealedField(field), sealed),
    ]),
  )
  await audit('allowed', undefined, minor)
  return { id, answers, purpose: purposeCode, displaySeconds: REVEAL_DISPLAY_SECONDS }
}
