import { maskValue } from '../../security/masking.js'
import type { FormRow, ImprovementRow, ResponseRow, SurveyRow } from './feedback.repository.js'
import { EXCLUSION_REASONS } from './feedback.schemas.js'

/** One form version as the API answers it. */
export function presentForm(row: FormRow) {
  return {
    id: row.id,
    seriesId: row.series_id,
    version: row.version,
    name: row.name,
    grade: row.grade,
    fields: row.fields,
    status: row.status,
    createdAt: row.created_at,
  }
}

/** Responded over invited, rounded to 4 places; null with nobody invited. */
export function responseRate(invited: number, responded: number): number | null {
  return invited === 0 ? null : Math.round((responded / invited) * 10_000) / 10_000
}

/** A survey with its counts: how many invited, responded, left out by reason. */
export function presentSurvey(row: SurveyRow) {
  const invited = Number(row.invited ?? 0)
  const responded = Number(row.responded ?? 0)
  return {
    id: row.id,
    name: row.name,
    channel: row.channel,
    form: { id: row.form_id, name: row.form_name, version: row.form_version },
    invited,
    responded,
    responseRate: responseRate(invited, responded),
    excluded: Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, row.excluded[r] ?? 0])) as Record<
      (typeof EXCLUSION_REASONS)[number],
      number
    >,
    createdAt: row.created_at,
  }
}

/**
 * A response as a list shows it: scores as numbers; every other answer
 * masked whole (present or not, never its content or length, CLS-4), or
 * opened when `opened` is handed in.
 */
export function presentResponse(
  row: ResponseRow,
  recordedBy: string,
  opened?: Record<string, string>,
) {
  const answers =
    opened ?? Object.fromEntries(Object.keys(row.sealed).map((k) => [k, maskValue('text', '')]))
  return {
    id: row.id,
    customerId: row.customer_id ?? '',
    form: { id: row.form_id, name: row.form_name, version: row.form_version },
    surveyId: row.survey_id,
    scores: row.scores,
    answers,
    masked: opened === undefined,
    recordedBy: { id: row.recorded_by, name: recordedBy },
    recordedAt: row.recorded_at,
  }
}

/** An improvement item; overdue when open or in progress past its due day (`today`, the company's). */
export function presentImprovement(row: ImprovementRow, ownerName: string, today: string) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    plan: row.plan,
    owner: { id: row.owner_id, name: ownerName },
    dueOn: row.due_on,
    status: row.status,
    overdue: (row.status === 'open' || row.status === 'in_progress') && row.due_on < today,
    responseId: row.response_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}
