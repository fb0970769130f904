import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { clearanceOf } from '../../security/customer-policy.js'
import { maskedNamesOf } from '../customers/index.js'
import { presentSurvey } from './feedback.presenter.js'
import {
  findForm,
  findSurvey,
  insertInvitations,
  insertSurvey,
  listSurveys,
  surveyCandidates,
  surveyInvitees,
  surveyScores,
} from './feedback.repository.js'
import { type CreateSurveyInput, EXCLUSION_REASONS } from './feedback.schemas.js'
import { CHANNEL_PURPOSES, type Exclusion, targetOf } from './survey-targeting.js'

/**
 * POST /feedback-surveys (CUS-7, CON-3): a satisfaction survey of a form
 * version by a channel. Of the selection, only customers in the caller's
 * scope who are active and whose consent covers the channel now are
 * invited; the rest are counted by reason and never contacted. A customer
 * asked for by id but missing or out of scope counts as `not_found`, the
 * same either way. The selection is audited: how many, never who.
 */
export async function createSurvey(call: Call, input: CreateSurveyInput) {
  const { deps, principal, now } = call
  const form = await findForm(deps.db, input.formId)
  if (!form) throw new AppError('FEEDBACK_FORM_NOT_FOUND')
  if (form.status !== 'current') throw new AppError('FEEDBACK_FORM_SUPERSEDED')
  const purpose = CHANNEL_PURPOSES[input.channel]
  const candidates = await surveyCandidates(deps.db, {
    clearance: clearanceOf(principal),
    purpose,
    selection: input.selection,
  })
  const excluded = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<
    Exclusion,
    number
  >
  const invited: string[] = []
  for (const candidate of candidates) {
    const target = targetOf(candidate, form.grade)
    if (target === 'invite') invited.push(candidate.id)
    else excluded[target] += 1
  }
  if ('customerIds' in input.selection) {
    excluded.not_found = new Set(input.selection.customerIds).size - candidates.length
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const surveyId = await insertSurvey(trx, {
      formId: form.id,
      name: input.name,
      channel: input.channel,
      excluded,
      by: principal.accountId,
      at: now,
    })
    await insertInvitations(trx, surveyId, invited, now)
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'feedback.survey_created',
      target: { type: 'feedback_survey', id: surveyId },
      purpose,
      details: {
        formId: form.id,
        channel: input.channel,
        selection: 'customerIds' in input.selection ? 'list' : 'grade',
        invited: invited.length,
        excluded,
      },
    })
    return surveyId
  })
  return surveyDetail(call, id, { audit: false })
}

/** GET /feedback-surveys: every survey with its counts (no customer named). */
export async function listFeedbackSurveys(call: Call) {
  return { items: (await listSurveys(call.deps.db)).map(presentSurvey) }
}

/**
 * GET /feedback-surveys/{id}: the counts, the average of each scale
 * question (computed in SQL from the plain scores) and the invited
 * customers in the caller's scope by masked name; audited.
 */
export async function surveyDetail(call: Call, id: string, options = { audit: true }) {
  const { deps, principal, now } = call
  const row = await findSurvey(deps.db, id)
  if (!row) throw new AppError('FEEDBACK_SURVEY_NOT_FOUND')
  const [scores, invitees] = await Promise.all([
    surveyScores(deps.db, id),
    surveyInvitees(deps.db, id, clearanceOf(principal)),
  ])
  const names = await maskedNamesOf(
    deps,
    invitees.map((i) => i.customer_id).filter((c): c is string => c !== null),
  )
  if (options.audit) {
    await recordAuditEvent(deps.db, now, call.context, {
      actor: principal.actor,
      action: 'feedback.survey_viewed',
      target: { type: 'feedback_survey', id },
      details: { invitees: invitees.length },
    })
  }
  const byKey = new Map(scores.map((s) => [s.key, s]))
  return {
    ...presentSurvey(row),
    scores: row.form_fields
      .filter((f) => f.kind === 'scale')
      .map((f) => {
        const s = byKey.get(f.key)
        return {
          key: f.key,
          label: f.label,
          average: s?.average ? Number(s.average) : null,
          answers: s?.answers ?? 0,
        }
      }),
    invitees: invitees.map((i) => ({
      customerId: i.customer_id ?? '',
      maskedName: names.get(i.customer_id ?? '') ?? '***',
      responded: Boolean(i.responded),
    })),
  }
}
