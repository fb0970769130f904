import type { DB } from './schema.js'

/**
 * Who owns each table: the one module (a folder of server/src/modules) or
 * layer (server/src/audit, security, platform) whose files may write it —
 * insert, update, delete. Anyone may read a table; a change to it goes
 * through its owner's functions, so that the rules about a table (what its
 * rows mean, what is audited, what a change must keep true) are written in
 * one place. Migrations create and seed every table and are not counted.
 *
 * A new table is added here with its owner, or the type check fails; the
 * test beside this file (table-ownership.test.ts) fails on a write by
 * anyone else.
 */
export const TABLE_OWNERS = {
  departments: 'departments',
  accounts: 'accounts',
  account_roles: 'accounts',
  // What each role grants: fixed by migrations, read by security/account-grants.ts.
  roles: 'security',
  role_permissions: 'security',
  sessions: 'sessions',
  api_tokens: 'tokens',
  rate_limits: 'platform',
  audit_events: 'audit',
  audit_pending: 'audit',
  audit_seals: 'audit',
  audit_checkpoints: 'audit',
  // The detection rules are configured through the alerts module; the alerts they raise, and
  // how far detection has read, belong to the detection itself (audit/alerts).
  alert_rules: 'alerts',
  alerts: 'audit',
  alert_cursor: 'audit',
  crypto_settings: 'security',
  system_keys: 'security',
  customers: 'customers',
  customer_keys: 'customers',
  customer_personal: 'customers',
  customer_sensitive: 'customers',
  customer_search_tokens: 'customers',
  field_catalogue: 'catalogue',
  purposes: 'purposes',
  notices: 'notices',
  consents: 'consents',
  calendar_days: 'calendar',
  data_requests: 'requests',
  data_request_events: 'requests',
  destructions: 'destruction',
  legal_holds: 'destruction',
  retention_policies: 'retention',
  retention_reviews: 'retention',
  backup_runs: 'backup',
  approvals: 'approvals',
  reception_duty: 'reception',
  reception_rotation: 'reception',
  reception_visits: 'reception',
  reception_calls: 'reception',
  entry_review_rules: 'customers',
  customer_reviews: 'customers',
  customer_registrations: 'customers',
  customer_owner_changes: 'customers',
  attribution_settings: 'customers',
  deal_stages: 'deals',
  deal_reasons: 'deals',
  deal_settings: 'deals',
  deals: 'deals',
  deal_stage_changes: 'deals',
  pool_rules: 'pool',
  pool_settings: 'pool',
  pool_warnings: 'pool',
  pool_picks: 'pool',
  interaction_outcomes: 'interactions',
  interactions: 'interactions',
  follow_up_settings: 'follow-ups',
  follow_ups: 'follow-ups',
  feedback_forms: 'feedback',
  feedback_surveys: 'feedback',
  feedback_invitations: 'feedback',
  feedback_responses: 'feedback',
  improvement_items: 'feedback',
  notifications: 'notifications',
  notification_addresses: 'notifications',
  tracking_settings: 'tracking',
  tracking_form_versions: 'tracking',
  tracking_checks: 'tracking',
  daily_reports: 'tracking',
  weekly_review_settings: 'weekly-review',
  weekly_reviews: 'weekly-review',
  weekly_review_items: 'weekly-review',
  customer_confirmations: 'weekly-review',
  imports: 'imports',
  import_file_chunks: 'imports',
  import_problems: 'imports',
  exports: 'exports',
  duplicate_pairs: 'duplicate-review',
  duplicate_sweeps: 'duplicate-review',
  customer_merges: 'customers',
  merge_settings: 'duplicate-review',
} as const satisfies Record<keyof DB, string>

export type TableOwner = (typeof TABLE_OWNERS)[keyof typeof TABLE_OWNERS]
