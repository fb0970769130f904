import { markAlertHandled } from '../../audit/alerts/alert-handling.js'
import { isRuleCode, RULE_PARAMS } from '../../audit/alerts/rules.js'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { AlertStatus } from '../../db/schema.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Call } from '../../platform/http/call.js'
import { presentAlert } from './alerts.presenter.js'
import { listAlertRows } from './alerts.repository.js'

/** AUD-3: alerts as the console lists them, and their handling. */
export async function listAlerts(deps: AppDeps, status: AlertStatus | undefined) {
  return (await listAlertRows(deps.db, status)).map(presentAlert)
}

export async function setAlertStatus(
  call: Call,
  id: string,
  handling: { status: 'acknowledged' | 'closed'; note: string | undefined },
): Promise<void> {
  const { deps, context, principal, now } = call
  const { status, note } = handling
  await deps.db.transaction().execute(async (trx) => {
    const alert = await trx
      .selectFrom('alerts')
      .select(['status'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!alert) throw new AppError('ALERT_NOT_FOUND')
    if (alert.status === 'closed') throw new AppError('ALERT_CLOSED')
    await markAlertHandled(trx, id, { status, by: principal.username, at: now, note })
    await recordAuditEvent(trx, now, context, {
      actor: principal.actor,
      action: status === 'closed' ? 'alert.closed' : 'alert.acknowledged',
      target: { type: 'alert', id },
    })
  })
}

export async function listAlertRules(deps: AppDeps) {
  const rows = await deps.db.selectFrom('alert_rules').selectAll().orderBy('code').execute()
  return rows.map((row) => ({
    code: row.code,
    enabled: row.enabled,
    params: row.params,
    updatedAt: row.updated_at.toISOString(),
  }))
}

/** Rule parameters are checked against the rule's own schema; the change is audited. */
export async function updateAlertRule(
  call: Call,
  code: string,
  input: { enabled?: boolean | undefined; params?: Record<string, unknown> | undefined },
) {
  const { deps, context, principal, now } = call
  if (!isRuleCode(code)) throw new AppError('ALERT_RULE_NOT_FOUND')
  const params = input.params === undefined ? undefined : RULE_PARAMS[code].safeParse(input.params)
  if (params && !params.success) throw new AppError('VALIDATION_FAILED', { params: 'invalid' })
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('alert_rules')
      .set({
        updated_at: now,
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(params?.success ? { params: JSON.stringify(params.data) } : {}),
      })
      .where('code', '=', code)
      .execute()
    await recordAuditEvent(trx, now, context, {
      actor: principal.actor,
      action: 'alert_rule.changed',
      target: { type: 'alert_rule', id: code },
      fields: [...(input.enabled !== undefined ? ['enabled'] : []), ...(params ? ['params'] : [])],
    })
  })
  return (await listAlertRules(deps)).find((rule) => rule.code === code)
}
