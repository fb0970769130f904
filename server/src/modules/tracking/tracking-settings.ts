import { recordAuditEvent } from '../../audit/audit-log.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { displayNamesOf } from '../accounts/index.js'
import { presentSettings } from './tracking.presenter.js'
import { loadSettings, saveSettings } from './tracking.repository.js'
import type { TrackingSettingsInput } from './tracking.schemas.js'
import { fieldsAreValid } from './tracking-rules.js'

/** GET /tracking-forms/settings: the form's fields and the staleness periods. */
export async function showTrackingSettings(call: Call) {
  const settings = await loadSettings(call.deps.db)
  const names = await displayNamesOf(call.deps.db, settings.changedBy ? [settings.changedBy] : [])
  return presentSettings(settings, settings.changedBy ? names.get(settings.changedBy) : undefined)
}

/**
 * PUT /tracking-forms/settings: replaces the fields and periods, audited
 * with what they were. Earlier versions keep the fields they were written
 * with; a value under a code no longer in the list stays in its version.
 */
export async function changeTrackingSettings(call: Call, input: TrackingSettingsInput) {
  const { deps, principal, now } = call
  if (!fieldsAreValid(input.fields)) throw new AppError('TRACKING_FIELDS_INVALID')
  const before = await loadSettings(deps.db)
  await deps.db.transaction().execute(async (trx) => {
    await saveSettings(trx, input, { by: principal.accountId, at: now })
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'tracking.settings_changed',
      details: {
        before: {
          fields: before.fields.map((f) => f.code),
          levelAStaleDays: before.levelAStaleDays,
          levelBStaleDays: before.levelBStaleDays,
        },
        after: {
          fields: input.fields.map((f) => f.code),
          levelAStaleDays: input.levelAStaleDays,
          levelBStaleDays: input.levelBStaleDays,
        },
      },
    })
  })
  return showTrackingSettings(call)
}
