import type {
  ColumnType,
  Generated,
  GeneratedAlways,
  Insertable,
  Selectable,
  Updateable,
} from 'kysely'
import type { Role } from '../security/roles.js'

/** Table types for Kysely. One interface per table, named after it. */

type CreatedAt = ColumnType<Date, Date | undefined, never>

export type DepartmentTable = {
  id: Generated<string>
  name: string
  created_at: CreatedAt
}

export type AccountStatus = 'active' | 'disabled'

export type AccountTable = {
  id: Generated<string>
  username: string
  display_name: string
  department_id: string | null
  status: AccountStatus
  password_hash: string
  must_change_password: boolean
  password_changed_at: Date
  failed_logins: Generated<number>
  locked_until: Date | null
  /** TOTP secret, sealed by the system secret box (never plain). */
  totp_secret: string | null
  totp_pending_secret: string | null
  totp_enabled_at: Date | null
  /** Highest TOTP time step accepted: a code is never accepted twice. */
  totp_last_step: number | null
  created_at: CreatedAt
  updated_at: Date
}

export type AccountRoleTable = {
  account_id: string
  role: Role
}

export type RoleTable = {
  code: Role
  name_zh: string
  name_en: string
  /** ACC-1: which customer records the role reaches. */
  record_scope: 'none' | 'own' | 'department' | 'all' | 'complaints'
  /** Highest level (0-3) the role sees, masked where sensitive. */
  view_max_level: number
  /** Highest level (0-3) the role may reveal with a purpose (sensitive L1 and L2..max). */
  reveal_max_level: number
}

export type RolePermissionTable = {
  role: Role
  permission: string
}

export type SessionStage = 'full' | 'password_change' | 'totp_enrolment'

export type SessionTable = {
  /** SHA-256 of the cookie value: a database read never yields a usable session. */
  id_hash: string
  account_id: string
  stage: SessionStage
  created_at: Date
  last_seen_at: Date
  expires_at: Date
  source_ip: string | null
  user_agent: string | null
}

export type ApiTokenTable = {
  id: Generated<string>
  account_id: string
  name: string
  token_hash: string
  /** Permissions granted to the token: always a subset of its account's. */
  scopes: string[]
  created_at: Date
  /** Always set (migration 0012): at most 365 days, 30 for accounts that must use two-factor. */
  expires_at: Date
  /** Minted with a fresh TOTP code; required of accounts that must use two-factor. */
  minted_with_totp: Generated<boolean>
  last_used_at: Date | null
  revoked_at: Date | null
}

export type RateLimitTable = {
  key: string
  window_start: Date
  hits: number
}

export type AuditEventTable = {
  id: Generated<number>
  occurred_at: Date
  actor_type: 'account' | 'token' | 'system' | 'anonymous'
  actor_id: string | null
  /** Staff username at the time: staff identity, not customer data. */
  actor_name: string | null
  action: string
  target_type: string | null
  target_id: string | null
  fields: string[] | null
  purpose: string | null
  outcome: 'allowed' | 'denied'
  reason: string | null
  request_id: string | null
  source_ip: string | null
  user_agent: string | null
  details: ColumnType<Record<string, unknown> | null, string | null, never>
}

export type AuditPendingTable = { event_id: number }

export type AuditSealTable = {
  /** Position in the trail: 1, 2, 3, … with no gaps. */
  seq: number
  event_id: number
  /** Link of the hash chain up to and including this event. */
  chain_hash: Buffer
}

export type AuditCheckpointTable = {
  size: number
  chain_hash: Buffer
  signed_at: Date
  key_id: string
  signature: Buffer
}

export type AlertRuleTable = {
  code: string
  enabled: boolean
  params: ColumnType<Record<string, unknown>, string, string>
  updated_at: ColumnType<Date, Date | undefined, Date>
}

export type AlertStatus = 'open' | 'acknowledged' | 'closed'

export type AlertTable = {
  id: Generated<string>
  rule: string
  status: AlertStatus
  /** What the alert is about: an account id or a source address. */
  subject: string
  actor_id: string | null
  actor_name: string | null
  source_ip: string | null
  event_count: number
  first_event_id: number
  last_event_id: number
  first_seen_at: Date
  last_seen_at: Date
  handled_by: string | null
  note: string | null
  updated_at: Date
}

export type AlertCursorTable = { id: Generated<boolean>; last_seq: number }

export type CryptoSettingsTable = {
  id: Generated<boolean>
  suite: 'aes-gcm' | 'sm'
  created_at: CreatedAt
}

export type SystemKeyTable = {
  name: string
  wrapped: Buffer
  master_key_id: string
  created_at: CreatedAt
}

export type CustomerTable = {
  id: Generated<string>
  kind: 'individual' | 'organization'
  status: Generated<string>
  grade: string | null
  tracking_level: string | null
  tenure: string | null
  industry: string | null
  size: string | null
  source: string | null
  /** Null while the customer is in its department's pool (公海, CUS-10). */
  owner_id: string | null
  department_id: string | null
  created_by: string
  created_at: Date
  updated_at: Date
  destroyed_at: Generated<Date | null>
  /** The latest follow-up, visit or deal: the clock the customer pool reads (CUS-10). */
  last_activity_at: Date | null
  /** When the customer's first interaction happened, and who made it (the statistics' first contact). */
  first_contact_at: Date | null
  first_contact_by: string | null
  /** A record merged away (status `merged`, DQ-1): the record it lives on in. */
  merged_into: Generated<string | null>
}

/** CUS-4: does a new record of this department (null: any) and source (null: any) need review? */
export type EntryReviewRuleTable = {
  id: Generated<string>
  department_id: string | null
  source: string | null
  required: boolean
  changed_by: string | null
  changed_at: Generated<Date>
}

export type CustomerReviewTable = {
  id: Generated<string>
  customer_id: string
  event: 'submitted' | 'approved' | 'rejected'
  by: string
  at: Date
  /** A rejection's reason, sealed under the customer's key. */
  sealed_reason: string | null
}

/** CUS-5, 建档: who registered the customer, valid until when (建档有效期). */
export type CustomerRegistrationTable = {
  id: Generated<string>
  customer_id: string
  account_id: string
  department_id: string | null
  registered_at: Date
  valid_until: Date
  ended_at: Date | null
  ended_reason: 'transferred' | 'recycled' | 'destroyed' | 'merged' | null
}

export type OwnerChangeKind = 'transfer' | 'wish' | 'recycled' | 'picked'

export type CustomerOwnerChangeTable = {
  id: Generated<string>
  customer_id: string
  /** Null when the customer came from the pool (a pick). */
  from_owner_id: string | null
  to_owner_id: string | null
  from_department_id: string | null
  to_department_id: string | null
  kind: OwnerChangeKind
  /** A reason code (docs/attribution.md), never free text. */
  reason: string
  changed_by: string | null
  changed_at: Date
}

export type AttributionSettingsTable = {
  id: Generated<boolean>
  registration_validity_days: Generated<number>
  renew_on_follow_up: Generated<boolean>
  renew_on_deal: Generated<boolean>
  rejected_draft_days: Generated<number>
}

/** CUS-10: after how many days without activity a customer of a grade (null: the default) returns to the pool. */
export type PoolRuleTable = {
  id: Generated<string>
  grade: string | null
  recycle_after_days: number
  warn_days_before: number
  changed_by: string | null
  changed_at: Generated<Date>
}

/** CUS-10: the pool's limits, one row. */
export type PoolSettingsTable = {
  id: Generated<boolean>
  recycling_enabled: Generated<boolean>
  daily_pick_limit: Generated<number>
  cool_off_days: Generated<number>
  owner_cap: Generated<number>
  changed_by: string | null
  changed_at: Generated<Date>
}

/** CUS-10: a warning to an owner that a customer returns to the pool at `returns_at`. */
export type PoolWarningTable = {
  id: Generated<string>
  customer_id: string
  owner_id: string
  returns_at: Date
  warned_at: Date
}

/** CUS-10: one pick from the pool, on a calendar day of the company (the daily limit counts them). */
export type PoolPickTable = {
  id: Generated<string>
  /** Null once the customer is destroyed: the pick still counts, and names nobody. */
  customer_id: string | null
  account_id: string
  department_id: string | null
  day: string
  picked_at: Date
}

export type CustomerKeyTable = {
  customer_id: string
  wrapped: Buffer
  master_key_id: string
  key_version: number
}

/** field name -> base64 of the sealed value. */
export type SealedValues = Record<string, string>

export type CustomerSealedTable = {
  customer_id: string
  sealed: ColumnType<SealedValues, string, string>
}

export type CustomerSearchTokenTable = {
  field: string
  token: string
  customer_id: string
}

export type FieldCatalogueTable = {
  field: string
  applies_to: 'individual' | 'organization' | 'both'
  label_zh: string
  label_en: string
  level: number
  sensitive: boolean
  masking: string
  encrypted: boolean
  searchable: boolean
  data_type: string
  retention_days: number | null
  custom: Generated<boolean>
  updated_at: Generated<Date>
}

export type PurposeTable = {
  code: string
  name_zh: string
  name_en: string
  legal_basis: 'consent' | 'contract' | 'legal_obligation'
  description_zh: string
  description_en: string
  active: Generated<boolean>
  max_level: Generated<number>
  fields: string[] | null
}

export type NoticeTable = {
  version: number
  content: ColumnType<NoticeContent, string, never>
  purposes: string[]
  published_by: string
  published_at: Date
}
export type NoticeSection = {
  title: string
  purposes: string
  scope: string
  method: string
  retention: string
  recipients: string
}
export type NoticeContent = { 'zh-CN': NoticeSection; en: NoticeSection }

export type ConsentTable = {
  id: GeneratedAlways<string>
  customer_id: string
  purpose: string
  granted: boolean
  channel: string
  notice_version: number | null
  /** Only a recipient recorded before 0009-sealed-recipients, until the server seals it at start. */
  legacy_recipient: string | null
  by_guardian: Generated<boolean>
  /** Sealed under the customer's data key: evidence, guardian, recipient. */
  sealed: ColumnType<SealedValues, string | undefined, never>
  recorded_by: string
  recorded_at: Date
}

export type CalendarDayTable = { day: string; kind: 'holiday' | 'workday'; name: string }

export type DataRequestType =
  | 'access'
  | 'correct'
  | 'delete'
  | 'restrict'
  | 'withdraw'
  | 'portability'
export type DataRequestStatus =
  | 'received'
  | 'in_progress'
  | 'completed'
  | 'refused'
  | 'awaiting_destruction'

export type DataRequestTable = {
  id: Generated<string>
  customer_id: string
  type: DataRequestType
  status: DataRequestStatus
  channel: string
  purposes: Generated<string[]>
  /** Sealed under the customer's data key: details, identity note, refusal reason. */
  sealed: ColumnType<SealedValues, string | undefined, string>
  assignee_id: string | null
  identity_method: string | null
  identity_verified_by: string | null
  identity_verified_at: Date | null
  received_at: Date
  due_day: string
  due_at: Date
  warned_at: Date | null
  overdue_at: Date | null
  closed_at: Date | null
  created_by: string
}

export type DataRequestEventTable = {
  id: GeneratedAlways<string>
  request_id: string
  action: string
  actor_id: string | null
  at: Date
}

export type DestructionTable = {
  id: Generated<string>
  customer_id: string
  reason: string
  status: 'pending_approval' | 'completed' | 'rejected'
  data_request_id: string | null
  requested_by: string
  requested_at: Date
  decided_by: string | null
  decided_at: Date | null
}

export type LegalHoldTable = {
  id: Generated<string>
  customer_id: string
  reference: string
  placed_by: string
  placed_at: Date
  released_by: string | null
  released_at: Date | null
}

export type RetentionPolicyTable = {
  code: string
  name_zh: string
  name_en: string
  basis: 'legal' | 'business' | 'consented' | 'lead'
  applies_to: 'all' | 'leads'
  measured_from: 'created' | 'updated' | 'consent_withdrawn'
  purpose: string | null
  period_days: number
  active: Generated<boolean>
}

export type RetentionReviewTable = {
  id: Generated<string>
  customer_id: string
  policy: string
  expired_at: Date
  flagged_at: Date
  status: 'open' | 'kept' | 'destruction_requested'
  decided_by: string | null
  decided_at: Date | null
}

export type BackupRunTable = {
  id: Generated<string>
  kind: 'create' | 'verify' | 'restore'
  trigger: 'schedule' | 'command'
  backup_id: string | null
  file: string | null
  ok: boolean
  detail: string
  started_at: Date
  finished_at: Date
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn'

/** ACC-5: a change waiting for, or decided by, a second authorised person (modules/approvals). */
export type ApprovalTable = {
  id: Generated<string>
  kind: string
  subject_type: string
  subject_id: string
  /** Ids and codes only, never a personal value. */
  payload: ColumnType<Record<string, unknown>, string, never>
  requested_by: string
  requested_at: Date
  status: ColumnType<ApprovalStatus, ApprovalStatus | undefined, ApprovalStatus>
  decided_by: string | null
  decided_at: Date | null
  decision_note: string | null
}

export type DB = {
  departments: DepartmentTable
  accounts: AccountTable
  account_roles: AccountRoleTable
  roles: RoleTable
  role_permissions: RolePermissionTable
  sessions: SessionTable
  api_tokens: ApiTokenTable
  rate_limits: RateLimitTable
  audit_events: AuditEventTable
  audit_pending: AuditPendingTable
  audit_seals: AuditSealTable
  audit_checkpoints: AuditCheckpointTable
  alert_rules: AlertRuleTable
  alerts: AlertTable
  alert_cursor: AlertCursorTable
  crypto_settings: CryptoSettingsTable
  system_keys: SystemKeyTable
  customers: CustomerTable
  customer_keys: CustomerKeyTable
  customer_personal: CustomerSealedTable
  customer_sensitive: CustomerSealedTable
  customer_search_tokens: CustomerSearchTokenTable
  field_catalogue: FieldCatalogueTable
  purposes: PurposeTable
  notices: NoticeTable
  consents: ConsentTable
  calendar_days: CalendarDayTable
  data_requests: DataRequestTable
  data_request_events: DataRequestEventTable
  destructions: DestructionTable
  legal_holds: LegalHoldTable
  retention_policies: RetentionPolicyTable
  retention_reviews: RetentionReviewTable
  backup_runs: BackupRunTable
  approvals: ApprovalTable
  reception_duty: ReceptionDutyTable
  reception_rotation: ReceptionRotationTable
  reception_visits: ReceptionVisitTable
  reception_calls: ReceptionCallTable
  entry_review_rules: EntryReviewRuleTable
  customer_reviews: CustomerReviewTable
  customer_registrations: CustomerRegistrationTable
  customer_owner_changes: CustomerOwnerChangeTable
  attribution_settings: AttributionSettingsTable
  deal_stages: DealStageTable
  deal_reasons: DealReasonTable
  deal_settings: DealSettingsTable
  deals: DealTable
  deal_stage_changes: DealStageChangeTable
  pool_rules: PoolRuleTable
  pool_settings: PoolSettingsTable
  pool_warnings: PoolWarningTable
  pool_picks: PoolPickTable
  // Interactions (issue 17, CUS-6)
  interaction_outcomes: InteractionOutcomeTable
  interactions: InteractionTable
  // Follow-ups and notifications (issue 17)
  follow_up_settings: FollowUpSettingsTable
  follow_ups: FollowUpTable
  feedback_forms: FeedbackFormTable
  feedback_surveys: FeedbackSurveyTable
  feedback_invitations: FeedbackInvitationTable
  feedback_responses: FeedbackResponseTable
  improvement_items: ImprovementItemTable
  notifications: NotificationTable
  notification_addresses: NotificationAddressTable
  // Tracking forms and daily reports (issue 17, 客户追踪表, 晚会)
  tracking_settings: TrackingSettingsTable
  tracking_form_versions: TrackingFormVersionTable
  tracking_checks: TrackingCheckTable
  daily_reports: DailyReportTable
  // Weekly review and re-confirmation (issue 17, CUS-8, DQ-2)
  weekly_review_settings: WeeklyReviewSettingsTable
  weekly_reviews: WeeklyReviewTable
  weekly_review_items: WeeklyReviewItemTable
  customer_confirmations: CustomerConfirmationTable
  // Imports of customers from files (issue 18 §1, DQ-3)
  imports: ImportTable
  import_file_chunks: ImportFileChunkTable
  import_problems: ImportProblemTable
  // Exports of the customer list (issue 18 §2, DQ-3)
  exports: ExportTable
  // Likely duplicates and their review (issue 18 §3, DQ-1)
  duplicate_pairs: DuplicatePairTable
  duplicate_sweeps: DuplicateSweepTable
  customer_merges: CustomerMergeTable
  merge_settings: MergeSettingsTable
}

/** One member of a department's reception desk on one day (issue 16, 接待管理). */
export type ReceptionDutyTable = {
  department_id: string
  day: string
  account_id: string
  position: number
  checked_in_at: Date
  checked_out_at: Date | null
  away_since: Date | null
  owed: ColumnType<number, number | undefined, number>
}
export type ReceptionRotationTable = {
  department_id: string
  day: string
  next_position: ColumnType<number, number | undefined, number>
}
export type ReceptionRule = 'turn' | 'make_up' | 'named' | 'returning' | 'override'
/** Why a member's turn passed to the next: out on duty (owed back) or busy with a visitor. */
export type PassedOver = { accountId: string; why: 'away' | 'busy' }
export type ReceptionVisitTable = {
  id: Generated<string>
  department_id: string
  day: string
  arrived_at: Date
  received_by: string
  rule: ReceptionRule
  customer_id: string | null
  passed_over: ColumnType<PassedOver[], string | undefined, never>
  override_reason: string | null
  recorded_by: string
  finished_at: Date | null
  outcome: string | null
}

export type CallChannel = 'phone' | 'wechat' | 'online' | 'other'
export type CallOutcome = 'appointment' | 'interested' | 'not_interested' | 'other'
/** One inbound call of a department's desk (来电登记表). */
export type ReceptionCallTable = {
  id: Generated<string>
  department_id: string
  day: string
  received_at: Date
  taken_by: string
  channel: CallChannel
  outcome: CallOutcome
  customer_id: string | null
}

/** What a deal stage means to the system (issue 16, CUS-9): before signing, signed, paid, or an end. */
export type DealStageKind = 'open' | 'signed' | 'paid' | 'lost' | 'cancelled'
/** A stage of a deal as the company names it (成交阶段). */
export type DealStageTable = {
  code: string
  position: number
  kind: DealStageKind
  label_zh: string
  label_en: string
  active: Generated<boolean>
}
/** A reason a deal ends 未成交 (`lost`) or 退订 (`cancelled`). */
export type DealReasonTable = {
  kind: 'lost' | 'cancelled'
  code: string
  position: number
  label_zh: string
  label_en: string
  active: Generated<boolean>
}
/** The shares of the credit split (CUS-5); numeric, read as strings; each pair adds up to 1. */
export type DealSettingsTable = {
  id: Generated<boolean>
  valid_closer_share: ColumnType<string, string | undefined, string>
  valid_registrant_share: ColumnType<string, string | undefined, string>
  same_day_closer_share: ColumnType<string, string | undefined, string>
  same_day_registrant_share: ColumnType<string, string | undefined, string>
}
/** The credit split of a deal as fixed at signing, with what decided it (modules/deals/credit-split.ts). */
export type StoredCredit = {
  rule: string
  shares: { accountId: string; share: number; role: 'closer' | 'registrant' }[]
  registration: { id: string; accountId: string; registeredAt: string; validUntil: string } | null
  ownerChangeId: string | null
  visitId: string | null
  day: string
}
/** One deal (成交) of a customer; the amount sealed under the customer's key. */
export type DealTable = {
  id: Generated<string>
  /** Null once the customer is destroyed: the deal still counts, and names nobody. */
  customer_id: string | null
  stage: string
  sealed: ColumnType<SealedValues, string | undefined, string>
  product: string | null
  closer_id: string
  reason: string | null
  signed_at: Date | null
  credit: ColumnType<StoredCredit | null, string | null | undefined, string | null>
  credit_fixed_at: Date | null
  created_by: string
  created_at: Date
  updated_at: Date
}
export type DealStageChangeTable = {
  id: GeneratedAlways<string>
  deal_id: string
  from_stage: string | null
  to_stage: string
  reason: string | null
  changed_by: string
  changed_at: Date
}

/** How an interaction ended, as the company names the outcomes (issue 17, CUS-6). */
export type InteractionOutcomeTable = {
  code: string
  position: number
  label_zh: string
  label_en: string
  active: Generated<boolean>
}
export type InteractionChannel =
  | 'visit'
  | 'phone'
  | 'message'
  | 'wechat'
  | 'meeting'
  | 'email'
  | 'other'
export type InteractionDirection = 'inbound' | 'outbound'
/** One interaction (跟进记录) with a customer; its note and next step sealed under the customer's key. */
export type InteractionTable = {
  id: Generated<string>
  /** Null once the customer is destroyed: it still counts, and names nobody. */
  customer_id: string | null
  occurred_at: Date
  staff_id: string
  channel: InteractionChannel
  direction: InteractionDirection
  duration_minutes: number | null
  outcome: string | null
  sealed: ColumnType<SealedValues, string | undefined, string>
  origin: 'reception_visit' | 'reception_call' | null
  origin_ref: string | null
  created_by: string
  created_at: Date
}

export type Account = Selectable<AccountTable>
export type NewAccount = Insertable<AccountTable>
export type AccountUpdate = Updateable<AccountTable>
export type Department = Selectable<DepartmentTable>
export type Session = Selectable<SessionTable>
export type ApiToken = Selectable<ApiTokenTable>

/** The rules of follow-up plans (issue 17, CUS-6): one row. */
export type FollowUpSettingsTable = {
  id: ColumnType<boolean, never, never>
  level_a_every_days: number
  level_b_every_days: number
  remind_before_minutes: number
  escalate_after_hours: number
  changed_by: string | null
  changed_at: Date
}

/** One planned follow-up (跟踪 / 回访) of a customer (issue 17, CUS-6). */
export type FollowUpTable = {
  id: Generated<string>
  customer_id: string
  assignee_id: string
  due_at: Date
  purpose: string
  recurring: boolean
  status: ColumnType<'open' | 'done', 'open' | 'done' | undefined, 'open' | 'done'>
  result: string | null
  /** The result note, sealed under the customer's key. */
  sealed: ColumnType<SealedValues, SealedValues | undefined, SealedValues>
  previous_id: string | null
  reminded_at: Date | null
  escalated_at: Date | null
  completed_by: string | null
  completed_at: Date | null
  created_by: string
  created_at: Date
}

/** One message of an account's notification centre (issue 17): masked parameters only. */
export type NotificationTable = {
  id: Generated<string>
  account_id: string
  kind: string
  link: string
  params: ColumnType<Record<string, string>, Record<string, string>, Record<string, string>>
  created_at: Date
  read_at: Date | null
  mailed_at: Date | null
}

/** Where an account receives its notifications by e-mail. */
export type NotificationAddressTable = {
  account_id: string
  email: string
  changed_at: Date
}

/** A typed field of a feedback form (issue 17, CUS-7). */
export type FeedbackField = {
  key: string
  kind: 'choice' | 'scale' | 'text' | 'date'
  label: string
  required: boolean
  /** The options of a choice field. */
  options?: string[]
}

/** One version of a feedback form (客户信息反馈表, CUS-7). */
export type FeedbackFormTable = {
  id: Generated<string>
  series_id: ColumnType<string, string | undefined, never>
  version: number
  name: string
  grade: 'important' | 'general' | null
  fields: ColumnType<FeedbackField[], string, never>
  status: ColumnType<'current' | 'superseded', 'current' | undefined, 'superseded'>
  created_by: string
  created_at: Date
}

export type FeedbackSurveyChannel = 'sms' | 'email' | 'phone'

/** A satisfaction survey (满意度调查, CUS-7, CON-3). */
export type FeedbackSurveyTable = {
  id: Generated<string>
  form_id: string
  name: string
  channel: FeedbackSurveyChannel
  /** How many of the selection were left out, by reason: counts only. */
  excluded: ColumnType<Record<string, number>, string, never>
  created_by: string
  created_at: Date
}

/** A customer invited to a survey; null once the customer is destroyed (still counted). */
export type FeedbackInvitationTable = {
  id: Generated<string>
  survey_id: string
  customer_id: string | null
  invited_at: Date
}

/** One customer's answers to a form version: scale scores plain, the rest sealed. */
export type FeedbackResponseTable = {
  id: Generated<string>
  form_id: string
  survey_id: string | null
  customer_id: string | null
  scores: ColumnType<Record<string, number>, string, string>
  sealed: ColumnType<SealedValues, string | undefined, string>
  recorded_by: string
  recorded_at: Date
}

export type ImprovementStatus = 'open' | 'in_progress' | 'done' | 'dropped'

/** An improvement item (改善方案) from suggestions and complaints about the service environment. */
export type ImprovementItemTable = {
  id: Generated<string>
  kind: 'suggestion' | 'complaint'
  title: string
  plan: string | null
  owner_id: string
  due_on: ColumnType<string, string, string>
  status: ColumnType<ImprovementStatus, ImprovementStatus | undefined, ImprovementStatus>
  response_id: string | null
  created_by: string
  created_at: Date
  updated_at: Date
}

/** One field of the tracking form (客户追踪表, issue 17): its code, kind, labels and choices. */
export type TrackingField = {
  code: string
  kind: 'text' | 'choice' | 'amount' | 'date'
  labelZh: string
  labelEn: string
  options: { code: string; labelZh: string; labelEn: string }[]
}
/** The tracking form's fields and staleness periods: one row. */
export type TrackingSettingsTable = {
  id: ColumnType<boolean, never, never>
  fields: ColumnType<TrackingField[], string, string>
  level_a_stale_days: number
  level_b_stale_days: number
  changed_by: string | null
  changed_at: Date
}
/** One dated version of a customer's tracking form; the values sealed under the customer's key. */
export type TrackingFormVersionTable = {
  id: Generated<string>
  customer_id: string
  version: number
  sealed: ColumnType<SealedValues, SealedValues, SealedValues>
  /** The fields as they were defined when this version was written. */
  fields: ColumnType<TrackingField[], string, string>
  /** The codes of the fields that hold a value in this version. */
  filled: ColumnType<string[], string, string>
  /** The codes of the fields this version changed. */
  changed: ColumnType<string[], string, string>
  created_by: string
  created_at: Date
}
/** A supervisor's check of a customer's tracking form; the comment sealed under the customer's key. */
export type TrackingCheckTable = {
  id: Generated<string>
  customer_id: string
  version: number | null
  sealed: ColumnType<SealedValues, SealedValues, SealedValues>
  checked_by: string
  checked_at: Date
}
/** The day's counts of a daily report, taken from the records at submission. */
export type DailyReportCounts = {
  newCustomers: number
  interactions: number
  followUpsDone: number
  dealsSigned: number
}
/** A salesperson's daily report (晚会); text and comment sealed with the system secret box. */
export type DailyReportTable = {
  id: Generated<string>
  account_id: string
  department_id: string | null
  day: string
  counts: ColumnType<DailyReportCounts, string, string>
  sealed_text: string | null
  submitted_at: Date
  amended_at: Date | null
  reviewed_by: string | null
  reviewed_at: Date | null
  sealed_comment: string | null
}

/** When a record is stale and when due for re-confirmation (issue 17, CUS-8, DQ-2). */
export type WeeklyReviewSettingsTable = {
  id: ColumnType<boolean, never, never>
  stale_days: number
  reconfirm_days: number
  changed_by: string | null
  changed_at: Date
}

/** One recorded weekly review (梳理) of a grade of a department, once per ISO week. */
export type WeeklyReviewTable = {
  id: Generated<string>
  /** ISO week, `2026-W49`. */
  week: string
  grade: string
  department_id: string
  /** Each section's count when recorded: numbers only. */
  counts: ColumnType<Record<string, number>, Record<string, number>, Record<string, number>>
  recorded_by: string
  recorded_at: Date
}

/** A plan item of a weekly review, made into a follow-up; its note sealed under the customer's key. */
export type WeeklyReviewItemTable = {
  id: Generated<string>
  review_id: string
  customer_id: string
  follow_up_id: string
  sealed: ColumnType<SealedValues, SealedValues | undefined, SealedValues>
  added_by: string
  added_at: Date
}

/** A re-confirmation of a customer's record with the customer: field names, never values (DQ-2). */
export type CustomerConfirmationTable = {
  id: Generated<string>
  customer_id: string
  fields: string[]
  method: 'phone' | 'visit' | 'email' | 'message' | 'portal'
  confirmed_at: Date
  confirmed_by: string
  recorded_at: Date
}

export type ImportState =
  | 'uploaded'
  | 'validating'
  | 'ready'
  | 'importing'
  | 'done'
  | 'failed'
  | 'cancelled'

/** What to do with a row whose identifiers match a customer already recorded (DQ-1). */
export type DuplicateHandling = 'skip' | 'update' | 'create' | 'review'

/** How an import reads its file and makes its rows customers. */
export type ImportOptions = {
  /** The catalogue field each column holds, by column; null leaves a column out. Null until mapped. */
  mapping: (string | null)[] | null
  kind: 'individual' | 'organization'
  source: string | null
  /** The owner of every imported customer (the importer when null); its department is theirs. */
  ownerId: string | null
  duplicates: DuplicateHandling
}

/** An import of customers from a file, as one durable job (issue 18 §1). */
export type ImportTable = {
  id: Generated<string>
  created_by: string
  created_at: Date
  state: ImportState
  file_name: string
  format: 'csv' | 'xlsx'
  encoding: string | null
  byte_size: ColumnType<string | number | bigint, number, number>
  /** The header row, sealed: a file without one holds a customer's values there. */
  sealed_header: string
  options: ColumnType<ImportOptions, ImportOptions, ImportOptions>
  /** The dry run's and the run's counts by outcome: numbers only. */
  counts: ColumnType<
    Record<string, number>,
    Record<string, number> | undefined,
    Record<string, number>
  >
  rows_total: number | null
  rows_checked: Generated<number>
  /** The last row whose outcome committed: a resumed run goes on after it. */
  resume_row: Generated<number>
  rows_done: Generated<number>
  started_at: Date | null
  finished_at: Date | null
  failure: string | null
  /** Until when the process running the job holds it; renewed with every batch. */
  lease_until: Date | null
  expires_at: Date
}

/** One chunk of an uploaded file, sealed; the chunks in `seq` order are the file. */
export type ImportFileChunkTable = {
  import_id: string
  seq: number
  sealed: string
}

/** One problem of one row of an import: where, and the message key — never the value. */
export type ImportProblemTable = {
  import_id: string
  row: number
  column: number | null
  field: string
  problem: string
}

/** An export of the customer list (issue 18 §2): what was asked, never a value; the file is made when downloaded. */
export type ExportTable = {
  id: Generated<string>
  requested_by: string
  requested_at: Date
  format: 'csv' | 'xlsx'
  mode: 'masked' | 'plain'
  fields: ColumnType<string[], string, string>
  /** The filter's plain attributes and the names of its searches (never a term searched for). */
  filter_summary: ColumnType<Record<string, string | string[]>, string, string>
  /** The whole filter, search terms included, sealed with the system secrets. */
  sealed_filter: string
  purpose: string | null
  row_count: number
  state: 'pending_approval' | 'ready'
  ready_at: Date | null
  expires_at: Date | null
  downloads: Generated<number>
}

/** Two customers a sweep found likely to be one person (DQ-1); `customer_a` < `customer_b`. */
export type DuplicatePairTable = {
  id: Generated<string>
  customer_a: string
  customer_b: string
  score: number
  /** Field and agreement level with its weight in bits, strongest first: never a value. */
  reasons: ColumnType<{ field: string; key: string; weight: number }[], string, string>
  status: 'open' | 'dismissed' | 'merged'
  found_at: Date
  scored_at: Date
  decided_by: string | null
  decided_at: Date | null
}

/** One sweep's figures (DQ-1). */
export type DuplicateSweepTable = {
  id: Generated<string>
  started_at: Date
  finished_at: Date
  compared: number
  candidate_pairs: number
  opened: number
  likely_pairs: number
}

/** Rows of other modules a merge moved to the survivor, or kept with the tombstone, by table (ids as text). */
export type MergeRows = { moved: Record<string, string[]>; kept: Record<string, string[]> }

/** Sealed maps of a customer's values, general and sensitive (CLS-3). */
export type SealedStores = { personal: Record<string, string>; sensitive: Record<string, string> }

/** One merge of two records of a customer (DQ-1), and what its undo needs until it is final. */
export type CustomerMergeTable = {
  id: Generated<string>
  pair_id: string | null
  survivor_id: string
  merged_id: string
  merged_status: string
  merged_by: string
  merged_at: Date
  undo_until: Date
  taken_fields: ColumnType<string[], string, string>
  /** The survivor's own values of the taken fields before, under its key (absent: it had none). */
  survivor_before: ColumnType<SealedStores | null, string | null, string | null>
  /** Every value of the record merged away, re-sealed under the survivor's key. */
  merged_values: ColumnType<SealedStores | null, string | null, string | null>
  rows: ColumnType<MergeRows | null, string | null, string | null>
  ended_registration: string | null
  status: 'undoable' | 'undone' | 'final'
  undone_by: string | null
  undone_at: Date | null
}

/** How many days a merge may be undone (DQ-1). */
export type MergeSettingsTable = {
  id: Generated<boolean>
  undo_days: number
}
