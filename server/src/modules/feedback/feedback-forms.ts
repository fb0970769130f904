import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { presentForm } from './feedback.presenter.js'
import { findForm, insertFormVersion, listForms, supersedeForm } from './feedback.repository.js'
import type { SaveFormInput } from './feedback.schemas.js'

type Version = { seriesId?: string; version: number }

/** Inserts a version of a form with its audit event, in one transaction. */
async function saveVersion(call: Call, input: SaveFormInput, version: Version, before?: string) {
  const { deps, principal, now } = call
  const row = await deps.db.transaction().execute(async (trx) => {
    // A revision of a version that is no longer current would fork the form: refused.
    if (before && !(await supersedeForm(trx, before)))
      throw new AppError('FEEDBACK_FORM_SUPERSEDED')
    const saved = await insertFormVersion(trx, {
      ...version,
      name: input.name,
      grade: input.grade,
      fields: input.fields,
      by: principal.accountId,
      at: now,
    })
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'feedback.form_saved',
      target: { type: 'feedback_form', id: saved.id },
      details: {
        seriesId: saved.series_id,
        version: saved.version,
        fields: input.fields.length,
        ...(before && { supersedes: before }),
      },
    })
    return saved
  })
  return presentForm(row)
}

/** POST /feedback-forms (CUS-7): the first version of a form (客户信息反馈表). */
export async function createForm(call: Call, input: SaveFormInput) {
  return saveVersion(call, input, { version: 1 })
}

/**
 * PUT /feedback-forms/{id}: a revision is the next version; the one revised
 * is kept, superseded, with every response that answered it.
 */
export async function reviseForm(call: Call, id: string, input: SaveFormInput) {
  const form = await findForm(call.deps.db, id)
  if (!form) throw new AppError('FEEDBACK_FORM_NOT_FOUND')
  if (form.status !== 'current') throw new AppError('FEEDBACK_FORM_SUPERSEDED')
  return saveVersion(call, input, { seriesId: form.series_id, version: form.version + 1 }, form.id)
}

/** GET /feedback-forms: the current versions, or every version. Forms name nobody: not audited. */
export async function listFeedbackForms(call: Call, all: boolean) {
  return { items: (await listForms(call.deps.db, { all })).map(presentForm) }
}

export async function getForm(call: Call, id: string) {
  const form = await findForm(call.deps.db, id)
  if (!form) throw new AppError('FEEDBACK_FORM_NOT_FOUND')
  return presentForm(form)
}
