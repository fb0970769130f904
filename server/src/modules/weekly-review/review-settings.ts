import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Call } from '../../platform/http/call.js'
import { displayNamesOf } from '../accounts/index.js'
import { presentSettings } from './weekly-review.presenter.js'
import { loadSettings, saveSettings } from './weekly-review.repository.js'
import type { ReviewSettingsInput } from './weekly-review.schemas.js'

/** GET /weekly-review/settings: when a record is stale and when due for re-confirmation. */
export async function showSettings(call: Call) {
  const settings = await loadSettings(call.deps.db)
  const names = await displayNamesOf(call.deps.db, settings.changedBy ? [settings.changedBy] : [])
  return presentSettings(settings, names)
}

/** PUT /weekly-review/settings: replaces them, audited with what they were. */
export async function changeSettings(call: Call, input: ReviewSettingsInput) {
  const { deps, principal, now } = call
  const before = await loadSettings(deps.db)
  await deps.db.transaction().execute(async (trx) => {
    await saveSettings(trx, input, { by: principal.accountId, at: now })
    await recordAuditEvent(trx, now, call.context, {
      actor: principal.actor,
      action: 'weekly_review.settings_changed',
      details: {
        before: { staleDays: before.staleDays, reconfirmDays: before.reconfirmDays },
        after: { staleDays: input.staleDays, reconfirmDays: input.reconfirmDays },
      },
    })
  })
  return showSettings(call)
}
