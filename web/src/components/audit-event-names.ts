import type { TFunction } from 'i18next'
import type { AuditEvent } from '../api/types.js'

/** A name the server gives in both languages (the field catalogue's labels, a purpose's names). */
type LocalName = { zh: string; en: string }

/** What one event shows in a cell, and what it names on hover (the code or id behind it). */
export type Shown = { text: string; hover?: string }

/**
 * An audit event's codes and ids by name, in the user's language (issue 14
 * item 1, UI-1): the action and reason from the audit vocabulary's labels,
 * fields by their catalogue labels, the purpose by its name, the target by
 * the masked customer name or the account's display name, the actor by
 * display name. The code or id stays reachable on hover; it is never the text.
 */
export function auditEventNames(t: TFunction, language: string) {
  const local = (name: LocalName | null | undefined) =>
    name ? (language === 'en' ? name.en : name.zh) : undefined

  const action = (code: string): Shown => ({
    text: t(`auditActions.${code}`, { defaultValue: t('audit.unknownAction') }),
    hover: code,
  })

  const reason = (code: string): Shown => {
    const [base = code, detail] = code.split(':')
    const label = t(`auditReasons.${base}`, { defaultValue: t('audit.unknownReason') })
    // `missing_permission:<permission>`: the permission's name from the role screens' list.
    const permission = detail
      ? t(`auditPermissions.${detail}`, { defaultValue: detail })
      : undefined
    if (!permission) return { text: label, hover: code }
    return {
      text: language === 'en' ? `${label} (${permission})` : `${label}（${permission}）`,
      hover: code,
    }
  }

  const actor = (event: AuditEvent): Shown => {
    const { type, name, displayName } = event.actor
    switch (type) {
      case 'account':
        return { text: displayName ?? name ?? t('audit.unknownActor'), hover: name ?? undefined }
      case 'token':
        return {
          text: t('audit.tokenActor', { name: displayName ?? name ?? t('audit.unknownActor') }),
          hover: name ?? undefined,
        }
      case 'anonymous':
        return { text: t('audit.anonymous') }
      default:
        return { text: systemActor(t, name ?? ''), hover: name ?? undefined }
    }
  }

  const field = (event: AuditEvent, index: number): string => {
    const code = event.fields[index] ?? ''
    return (
      local(event.fieldNames[index]) ??
      t(`auditFields.${code}`, { defaultValue: t('audit.otherField') })
    )
  }

  const fields = (event: AuditEvent): Shown => ({
    text: event.fields.map((_, i) => field(event, i)).join('、'),
    hover: event.fields.join(', ') || undefined,
  })

  const purpose = (event: AuditEvent): Shown | null =>
    event.purpose === null
      ? null
      : { text: local(event.purposeName) ?? t('audit.retiredPurpose'), hover: event.purpose }

  const target = (event: AuditEvent): Shown | null => {
    const target = event.target
    if (!target) return null
    const kind = t(`auditTargets.${target.type}`, { defaultValue: t('audit.otherTarget') })
    const named = local(target.name)
    if (named) return { text: `${kind} ${named}`, hover: target.id }
    switch (target.type) {
      case 'notice':
        return { text: t('audit.noticeVersion', { version: target.id }), hover: target.id }
      case 'calendar_day':
        return { text: `${kind} ${target.id}`, hover: target.id }
      case 'alert_rule':
        return {
          text: `${kind} ${t(`alerts.rules.${target.id}`, { defaultValue: '' })}`.trim(),
          hover: target.id,
        }
      case 'audit_trail':
        return {
          text: t(`audit.trailParts.${target.id}`, { defaultValue: kind }),
          hover: target.id,
        }
      case 'route':
        // A refused request names its route (method and path): an address, shown as it is.
        return { text: `${kind} ${target.id}`, hover: target.id }
      case 'customer':
        // No name: the customer was destroyed (their key shredded) or their record is damaged.
        return { text: t('audit.unnamedCustomer'), hover: target.id }
      default:
        return { text: kind, hover: target.id }
    }
  }

  return { action, reason, actor, fields, purpose, target }
}

/** The server's own jobs and the command line, by what they are rather than by their internal names. */
function systemActor(t: TFunction, name: string): string {
  if (name.startsWith('cli:')) return t('audit.systemActors.cli', { user: name.slice(4) })
  if (name.startsWith('custodia ')) return t('audit.systemActors.command', { command: name })
  return t(`audit.systemActors.${name}`, { defaultValue: t('audit.systemActors.other') })
}
