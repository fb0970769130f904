import type { Permission } from '../security/permissions.js'

/**
 * The audit vocabulary (AUD-1): every action an event may be recorded under,
 * with what it means. recordAuditEvent accepts only these names, so a typo
 * fails the type check; the alert rules name actions from this list, the
 * console labels each one (web/src/i18n), and docs/audit-actions.md is
 * generated from it by a test. An action names what was done or attempted;
 * a refusal is the same action with outcome `denied` and a reason below.
 */
export const AUDIT_ACTIONS = {
  // Access to the API
  'access.denied': 'a request was refused by the route access policy before it ran',

  // Sign-in and own credentials
  'auth.sign_in': 'an account signed in (a password step passed; the stage tells what is left)',
  'auth.sign_in_failed': 'a sign-in was refused',
  'auth.sign_out': 'a session was ended by its holder',
  'auth.password_changed': 'an account holder changed their own password',
  'auth.password_change_failed':
    'a password change was refused: the current password was wrong or the new one was refused',
  'auth.totp_enrolled': 'an account holder set up two-factor authentication',
  'auth.totp_enrolment_failed':
    'a two-factor set-up was refused: the code did not match the new secret',

  // Accounts
  'account.created': 'an administrator created an account',
  'account.updated': 'an account’s display name or department was changed',
  'account.roles_changed': 'an account’s roles were changed (directly or on approval)',
  'account.disabled': 'an account was disabled; its sessions and tokens stop working',
  'account.enabled': 'a disabled account was enabled again',
  'account.locked': 'an account was locked after too many failed password or code attempts',
  'account.password_reset': 'an administrator set a new one-time password on an account',
  'account.totp_reset': 'an account’s two-factor enrolment was cleared',
  'account.totp_reset_requested': 'a two-factor reset was filed for a second person’s approval',
  'account.credentials_reissued':
    'on approval, a one-time password was issued in two parts and the account’s sessions and tokens ended',

  // Departments
  'department.created': 'a department was created',
  'department.updated': 'a department was renamed',

  // API tokens
  'token.created': 'an account created an API token for itself',
  'token.create_failed': 'an API token was refused (a wrong or locked two-factor check)',
  'token.revoked': 'an API token was revoked',

  // Second-person approvals
  'approval.requested': 'a change was filed for a second person’s approval',
  'approval.approved': 'a second person approved a filed change, which took effect',
  'approval.rejected': 'a second person rejected a filed change',
  'approval.withdrawn': 'a filed change was withdrawn, by its requester or because it went stale',

  // Field catalogue and purposes
  'catalogue.changed': 'a field’s classification, masking or protection was changed',
  'catalogue.field_added': 'a custom field was added to the catalogue',
  'purpose.added': 'a processing purpose was added',
  'purpose.changed': 'a processing purpose was changed or retired',
  'notice.published': 'a new version of the privacy notice was published',

  // Reception (接待管理)
  'reception.checked_in':
    'a member of staff checked in at their department’s reception desk, or came back to it from duty',
  'reception.stepped_out':
    'a member of the reception desk went out on duty; the turns they miss are owed back to them',
  'reception.checked_out': 'a member of staff left the reception desk for the day',
  'reception.visit_received':
    'a visitor was registered and given to a receiver: by turn, a make-up turn, named by the visitor, returning, or a manager’s override with a reason',
  'reception.visitor_registered':
    'a walk-in was entered as a customer record from the visitor register, registered from their arrival',
  'reception.visit_finished': 'a visit was finished, with its outcome',
  'reception.call_logged':
    'an inbound call was entered in the call register, with its channel and outcome',

  // Pool (公海, CUS-10)
  'pool.listed':
    'a department’s customer pool, or the caller’s customers about to return to it, was listed (masked names only)',
  'pool.warned':
    'an owner was warned that a customer returns to the pool on a date unless followed up or closed',
  'pool.picked':
    'a pick from the pool was refused (a pick itself is customer.owner_changed, kind picked)',
  'pool.settings_changed': 'the pool’s rules per grade or its limits were changed',

  // Statistics (来人来电统计, RPT-1)
  'statistics.exported':
    'the visit-and-call statistics of a period were downloaded as a workbook (counts and staff names, no customer)',

  // Imports of customers from files (issue 18 §1, DQ-3)
  'import.uploaded':
    'a CSV or Excel file was uploaded for an import, kept sealed until the job ends (its format and size, never its contents)',
  'import.validated':
    'an import’s column mapping was set and its dry run started (the fields mapped and the duplicate handling)',
  'import.started': 'an import’s run was started after its dry run (the rows to go through)',
  'import.cancelled': 'an import was cancelled; its file was deleted',

  // Exports of the customer list (issue 18 §2, DQ-3, CLS-4, ACC-5)
  'export.requested':
    'an export of the customer list was asked for (its filter without search terms, fields, format, mode, purpose and row count)',
  'export.approved':
    'a second person approved an export of plain values, which can now be downloaded by its requester for a limited time',
  'export.downloaded':
    'an export’s file was made and downloaded by its requester (the rows written; never a value)',

  // Likely duplicates and their review (issue 18 §3, DQ-1)
  'duplicates.swept':
    'every customer was compared for likely duplicates and the review queue filled (the figures; never a value)',
  'duplicates.listed':
    'the review queue of likely duplicates was read (the pairs shown, masked names only)',
  'duplicates.dismissed':
    'a reviewer decided that a pair of likely duplicates are two people; the sweep does not ask again',
  'duplicates.merged':
    'two records of one person were merged: the survivor took the fields named, the other became a pointer to it and its records moved (the merge, the fields; never a value)',
  'duplicates.merge_undone':
    'a merge was undone within its period: the record merged away came back with its values and records',
  'duplicates.merges_finalised':
    'merges past their undo period became final: what they kept for an undo was destroyed (the merges)',

  // Deals (成交)
  'deal.created': 'a deal was recorded for a customer, at a stage (never its amount)',
  'deal.updated': 'a deal’s amount, product or closer was changed (the fields, never the values)',
  'deal.stage_changed': 'a deal moved to another stage, with the reason it ended if it did',
  'deal.credit_split':
    'a deal was signed and its credit split fixed: who gets which share, by which rule (CUS-5)',
  'deal.viewed': 'a deal was read',
  'deal.listed': 'a list of deals, or a deposit register, was read',

  // Interactions (跟进记录, issue 17)
  'interaction.logged':
    'an interaction with a customer was logged: channel, direction, outcome (the note sealed, never in the trail)',
  'interaction.listed': 'a customer’s interactions were read (notes masked)',
  'interaction.revealed':
    'the plain note and next step of an interaction were shown for a stated purpose',
  'customer.timeline_viewed':
    'a customer’s timeline (interactions, deals, consents, requests) was read',

  // Follow-ups (跟踪 / 回访, issue 17)
  'follow_up.created':
    'a follow-up of a customer was planned, for an assignee and a due time (never a note)',
  'follow_up.completed':
    'a follow-up was done, with a result code (the note sealed, never in the trail); a recurring plan’s next one was planned',
  'follow_up.listed': 'a list of follow-ups was read (masked customer names only)',
  'follow_up.reminded': 'the assignee of a follow-up coming due was notified',
  'follow_up.escalated':
    'the managers of an assignee were notified of a follow-up overdue past the escalation delay',
  'follow_up.settings_changed':
    'the rules of follow-up plans (recurrence, reminder, escalation) were changed',

  // Feedback (客户信息反馈管理, issue 17, CUS-7)
  'feedback.form_saved':
    'a feedback form was built or revised: a new version with its fields (the version before kept)',
  'feedback.survey_created':
    'a satisfaction survey was created: the customers invited (consent to the channel now, CON-3) and the counts left out by reason',
  'feedback.survey_viewed': 'a survey’s figures and invited customers were read (masked names)',
  'feedback.response_recorded':
    'a customer’s answers to a feedback form were recorded (scores as numbers, the rest sealed, never in the trail)',
  'feedback.responses_listed': 'a customer’s feedback responses were read (answers masked)',
  'feedback.response_revealed':
    'the plain answers of a feedback response were shown for a stated purpose',
  'improvement.created':
    'an improvement item (改善方案) was opened from suggestions or complaints, with an owner and a due day',
  'improvement.updated': 'an improvement item’s status, owner, due day or plan was changed',

  // Tracking forms and daily reports (客户追踪表, 晚会, issue 17)
  'tracking_form.viewed': 'a customer’s tracking form was read (values and comments masked)',
  'tracking_form.updated':
    'a new version of a customer’s tracking form was written (the field codes, never the values)',
  'tracking_form.revealed':
    'the plain values of a tracking form and its checks’ comments were shown for a stated purpose',
  'tracking_form.checked':
    'a supervisor recorded a check of a customer’s tracking form (the comment sealed, never in the trail)',
  'tracking_form.listed':
    'the list of A and B customers’ tracking forms was read (masked names, stale flags)',
  'tracking.settings_changed': 'the tracking form’s fields or staleness periods were changed',
  'daily_report.submitted':
    'a salesperson submitted or amended the day’s report (the counts, never the text)',
  'daily_report.listed': 'daily reports were read, their text opened for their author or manager',
  'daily_report.reviewed':
    'a manager reviewed a daily report, which is locked from then on (the comment sealed)',

  // Weekly review and re-confirmation (梳理, issue 17, CUS-8, DQ-2)
  'weekly_review.viewed':
    'a week’s review lists of one grade were read (masked customer names only)',
  'weekly_review.recorded':
    'the week’s review of a grade of a department was recorded, with next week’s follow-ups (never a note)',
  'weekly_review.items_added':
    'plan items were added to a recorded weekly review as follow-ups (never a note)',
  'weekly_review.settings_changed':
    'the periods after which a record is stale or due for re-confirmation were changed',
  'confirmation.recorded':
    'a customer’s record was re-confirmed with the customer: field names and how, never a value',
  'confirmation.listed':
    'a customer’s re-confirmations, or the list of records due for one, were read',

  // Notifications (issue 17)
  'notification.mailed':
    'a notification was sent by e-mail (the kind and the account, never the address)',
  'notification.address_changed':
    'an account set or removed the e-mail address it receives notifications at',

  // Customers
  'customer.created': 'a customer record was created',
  'customer.listed': 'a page of customers was listed or searched (masked)',
  'customer.viewed': 'a customer record was read (masked)',
  'customer.updated': 'a customer record was changed (the fields, never the values)',
  'customer.revealed': 'plain values of named fields were shown for a stated purpose',
  'customer.submitted': 'a draft customer record was submitted for review (CUS-4)',
  'customer.approved': 'a reviewer approved a submitted record, which became active (CUS-4)',
  'customer.rejected':
    'a reviewer rejected a submitted record with a reason; it went back to its creator (CUS-4)',
  'customer.duplicate_checked':
    'the identifiers of a record being entered were checked against existing customers (CUS-4, DQ-1)',
  'customer.review_rule_changed':
    'whether new records of a department or source need review was set (switched off only on approval)',
  'customer.attribution_settings_changed':
    'the registration validity, what renews it, or how long a rejected draft is kept was changed',
  'customer.owner_changed':
    'a customer was given to another owner, returned to the pool or picked from it (CUS-5, CUS-10)',
  'customer.exported': 'customer records were exported (watched by the bulk and off-hours alerts)',
  'customer.restricted': 'processing of a customer was restricted at their request',
  'customer.destruction_requested': 'the destruction of a customer was requested',
  'customer.destruction_approved':
    'a second person approved a destruction (refused to its requester)',
  'customer.destruction_rejected': 'a second person rejected a destruction',
  'customer.destroyed': 'a customer was destroyed: their data key shredded',
  'customer.legal_hold_placed': 'a legal hold was placed on a customer, stopping destruction',
  'customer.legal_hold_released': 'a legal hold on a customer was released',

  // Consents
  'consent.granted': 'a customer’s consent to a purpose was recorded',
  'consent.withdrawn': 'a customer’s withdrawal of consent to a purpose was recorded',
  'consent.recorded': 'a consent record was attempted (recorded when out of the caller’s scope)',
  'consent.listed': 'a customer’s consent records were read',
  'consent.recipients_sealed':
    'recipients stored before sealing were sealed under the customer’s key',

  // Customer requests (DSR)
  'request.received': 'a customer request was taken in and its due date fixed',
  'request.assigned': 'a customer request was assigned to a handler',
  'request.identity_verified': 'the requester’s identity was verified',
  'request.refused': 'a customer request was refused, with its reason',
  'request.fulfilled': 'a customer request was fulfilled',
  'request.handed_to_destruction': 'a deletion request was handed to destruction',
  'request.viewed': 'a customer request was read',
  'request.exported': 'the copy of an access or portability request was downloaded',
  'request.due_soon': 'a customer request is close to its due date',
  'request.overdue': 'a customer request passed its due date unanswered',

  // Retention
  'retention.policy_added': 'a retention policy was added',
  'retention.policy_changed': 'a retention policy was changed',
  'retention.flagged': 'customers past a retention period were put into the review queue',
  'retention.kept': 'a retention review decided to keep the customer',

  // Working-day calendar
  'calendar.day_set': 'a day of the working-day calendar was set as a holiday or a working day',
  'calendar.day_removed': 'a day set on the working-day calendar was removed',

  // Alerts
  'alert.acknowledged': 'a security alert was acknowledged',
  'alert.closed': 'a security alert was closed',
  'alert_rule.changed': 'an alert rule was enabled, disabled or given new parameters',

  // The audit trail itself
  'audit.exported': 'audit events or checkpoints were exported',

  // Keys and backups (command line)
  'keys.rotated': 'the master key was rotated and every data key re-wrapped under the new one',
  'backup.created': 'a backup archive was made',
  'backup.verified': 'a backup archive was verified (a reason when it failed)',
  'backup.restored': 'a backup archive was restored',
} as const satisfies Record<string, string>

export type AuditAction = keyof typeof AUDIT_ACTIONS

export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[]

export function isAuditAction(name: string): name is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, name)
}

/**
 * Why an event was refused or marked (its `reason`). A route refused for a
 * permission the caller lacks is recorded as `missing_permission:<permission>`.
 */
export const AUDIT_REASONS = {
  // The route access policy (security/access-policy.ts)
  route_without_access: 'the route declares no access (refused by default)',
  not_signed_in: 'the caller is not signed in',
  password_change_pending: 'the caller must change their password first',
  totp_enrolment_pending: 'the caller must set up two-factor authentication first',
  missing_permission:
    'the caller’s roles or token scopes do not grant the route’s permission (written missing_permission:<permission>)',

  // Scope
  out_of_scope:
    'the record is outside the caller’s scope (answered as not found; the out-of-scope alert watches it)',

  // Sign-in, passwords, tokens
  rate_limited: 'too many attempts in a short time',
  unknown_account: 'no account has this username',
  locked: 'the account is locked after failed attempts',
  disabled: 'the account is disabled',
  bad_password: 'the password was wrong',
  bad_totp: 'the two-factor code was wrong or already used',
  bad_current_password: 'the current password given was wrong',
  new_password_refused:
    'the new password breaks the password policy, repeats the old one or is easy to guess',

  // Reveals
  purpose_unknown: 'the stated purpose is not an active purpose',
  no_reveal_grant: 'the caller’s roles do not allow revealing plain values',
  beyond_clearance: 'a field is above the caller’s clearance',
  beyond_purpose: 'a field is beyond what the purpose may reach',
  restricted: 'the customer asked for processing to be restricted',
  no_consent: 'the purpose needs consent and the customer gave none',
  consent_withdrawn: 'the customer withdrew consent to the purpose (the latest record wins)',
  no_sensitive_consent: 'sensitive data needs a separate consent the customer did not give',
  consent_not_by_guardian: 'a minor’s consent must come from a guardian',
  no_guardian_sensitive_consent: 'a minor’s sensitive data needs a guardian’s separate consent',

  // Second-person rules
  own_request: 'the approver filed the request themselves',
  own_account: 'the approver is the account the request concerns',
  same_person: 'the destruction was requested by the same person',
  stale: 'what the request would change has changed since it was filed',
  field_exists: 'the field the request would add exists already',

  // Catalogue
  legally_sensitive: 'the field is sensitive by law and cannot lose its protection',

  // Entry and attribution
  registered_by_other:
    'the customer is registered by someone else, whose registration is still valid (客户首访原则)',
  own_record: 'a reviewer may not approve or reject a record they entered themselves',
  in_pool: 'the customer is in its department’s pool: it is picked from there, not entered again',

  // Reception
  not_their_turn:
    'a walk-in was to be given to someone whose turn it was not, without a manager’s override (抢客)',

  // Pool
  pick_limit_reached:
    'the caller has picked as many customers from the pool today as the daily limit allows',
  cool_off:
    'the caller owned the customer until it returned to the pool, and the cool-off period has not passed',
  owner_cap_reached: 'the caller owns as many customers as the cap on owned customers allows',

  // Exports
  not_requester: 'the export was asked for by someone else: only its requester downloads it',
  awaiting_approval: 'the export of plain values has not been approved by a second person yet',
  not_approved: 'the export of plain values was rejected or withdrawn',
  expired: 'the time to download the export is over',

  // Backups
  verification_failed: 'the backup archive did not verify',
} as const satisfies Record<string, string>

type ReasonCode = Exclude<keyof typeof AUDIT_REASONS, 'missing_permission'>

/** A reason an event may carry: a catalogued code, or the permission a refused route needed. */
export type AuditReason = ReasonCode | `missing_permission:${Permission}`

export const AUDIT_REASON_CODES = Object.keys(AUDIT_REASONS) as (keyof typeof AUDIT_REASONS)[]
