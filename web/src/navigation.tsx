import { type ComponentType, type LazyExoticComponent, lazy } from 'react'
import type { Me } from './api/types.js'
import type { Permission } from './permissions.js'

type PageProps = { me: Me }

/**
 * Every screen of the console: where it lives, which permission opens it,
 * and where it sits in the menu. The server decides what a caller may do;
 * this only keeps screens out of sight that would answer "forbidden".
 */
export type Screen = {
  path: string
  /** Any one of these opens the screen; none listed means every signed-in user. */
  permissions?: Permission[]
  /** Menu group and label key (`menu.*`); screens without one are reached by links. */
  menu?: { group: 'work' | 'privacy' | 'audit' | 'admin' | 'personal'; label: string }
  page: LazyExoticComponent<ComponentType<PageProps>>
}

// Route-level code splitting: each page's code loads when it is first shown.
const page = <Name extends string>(
  load: () => Promise<Record<Name, ComponentType<PageProps>>>,
  name: Name,
) => lazy(() => load().then((module) => ({ default: module[name] })))

export const SCREENS: Screen[] = [
  {
    path: '/',
    menu: { group: 'work', label: 'dashboard' },
    page: page(() => import('./pages/Dashboard.js'), 'Dashboard'),
  },
  {
    path: '/customers',
    permissions: ['customers.read'],
    menu: { group: 'work', label: 'customers' },
    page: page(() => import('./pages/customers/CustomerList.js'), 'CustomerList'),
  },
  {
    path: '/customers/review',
    permissions: ['customers.read'],
    menu: { group: 'work', label: 'review' },
    page: page(() => import('./pages/customers/ReviewQueue.js'), 'ReviewQueue'),
  },
  {
    path: '/customers/new',
    permissions: ['customers.write'],
    page: page(() => import('./pages/customers/CustomerCreate.js'), 'CustomerCreate'),
  },
  {
    path: '/customers/:id',
    permissions: ['customers.read'],
    page: page(() => import('./pages/customers/CustomerDetail.js'), 'CustomerDetail'),
  },
  {
    path: '/customers/:id/edit',
    permissions: ['customers.write'],
    page: page(() => import('./pages/customers/CustomerEdit.js'), 'CustomerEdit'),
  },
  {
    path: '/imports',
    permissions: ['customers.import'],
    menu: { group: 'work', label: 'imports' },
    page: page(() => import('./pages/imports/ImportCustomers.js'), 'ImportCustomers'),
  },
  {
    path: '/reception',
    permissions: ['interactions.manage'],
    menu: { group: 'work', label: 'reception' },
    page: page(() => import('./pages/reception/ReceptionDesk.js'), 'ReceptionDesk'),
  },
  {
    path: '/deals',
    permissions: ['deals.manage'],
    menu: { group: 'work', label: 'deals' },
    page: page(() => import('./pages/deals/DealBoard.js'), 'DealBoard'),
  },
  {
    path: '/pool',
    permissions: ['pool.pick'],
    menu: { group: 'work', label: 'pool' },
    page: page(() => import('./pages/pool/CustomerPool.js'), 'CustomerPool'),
  },
  {
    path: '/follow-ups',
    permissions: ['interactions.manage'],
    menu: { group: 'work', label: 'followUps' },
    page: page(() => import('./pages/follow-ups/FollowUps.js'), 'FollowUps'),
  },
  {
    path: '/tracking-forms',
    permissions: ['tracking.supervise'],
    menu: { group: 'work', label: 'trackingChecks' },
    page: page(() => import('./pages/tracking/TrackingChecks.js'), 'TrackingChecks'),
  },
  {
    path: '/daily-reports',
    permissions: ['interactions.manage'],
    menu: { group: 'work', label: 'dailyReports' },
    page: page(() => import('./pages/tracking/DailyReports.js'), 'DailyReports'),
  },
  {
    path: '/surveys',
    permissions: ['customers.read'],
    menu: { group: 'work', label: 'surveys' },
    page: page(() => import('./pages/feedback/Surveys.js'), 'Surveys'),
  },
  {
    path: '/improvements',
    permissions: ['customers.read'],
    menu: { group: 'work', label: 'improvements' },
    page: page(() => import('./pages/feedback/Improvements.js'), 'Improvements'),
  },
  {
    path: '/feedback-forms',
    permissions: ['settings.manage'],
    menu: { group: 'admin', label: 'feedbackForms' },
    page: page(() => import('./pages/feedback/FeedbackForms.js'), 'FeedbackForms'),
  },
  {
    path: '/tracking-settings',
    permissions: ['settings.manage'],
    menu: { group: 'admin', label: 'trackingSettings' },
    page: page(() => import('./pages/tracking/TrackingSettings.js'), 'TrackingSettings'),
  },
  {
    path: '/weekly-review',
    permissions: ['interactions.manage'],
    menu: { group: 'work', label: 'weeklyReview' },
    page: page(() => import('./pages/weekly-review/WeeklyReview.js'), 'WeeklyReview'),
  },
  {
    path: '/confirmations',
    permissions: ['customers.read'],
    menu: { group: 'work', label: 'confirmations' },
    page: page(() => import('./pages/weekly-review/DueConfirmations.js'), 'DueConfirmations'),
  },
  {
    path: '/statistics',
    permissions: ['reports.read'],
    menu: { group: 'work', label: 'statistics' },
    page: page(() => import('./pages/statistics/VisitsCalls.js'), 'VisitsCalls'),
  },
  {
    path: '/exports/:id',
    permissions: ['customers.export'],
    page: page(() => import('./pages/exports/ExportDetail.js'), 'ExportDetail'),
  },
  {
    path: '/requests',
    permissions: ['requests.manage'],
    menu: { group: 'privacy', label: 'requests' },
    page: page(() => import('./pages/privacy/RequestQueue.js'), 'RequestQueue'),
  },
  {
    path: '/requests/:id',
    permissions: ['requests.manage'],
    page: page(() => import('./pages/privacy/RequestDetail.js'), 'RequestDetail'),
  },
  {
    path: '/notices',
    permissions: ['purposes.manage', 'consents.manage'],
    menu: { group: 'privacy', label: 'notices' },
    page: page(() => import('./pages/privacy/Notices.js'), 'Notices'),
  },
  {
    path: '/retention',
    permissions: ['retention.manage'],
    menu: { group: 'privacy', label: 'retention' },
    page: page(() => import('./pages/retention/Retention.js'), 'Retention'),
  },
  {
    path: '/destructions',
    permissions: ['approvals.decide'],
    menu: { group: 'privacy', label: 'destructions' },
    page: page(() => import('./pages/retention/Destructions.js'), 'Destructions'),
  },
  {
    path: '/audit',
    permissions: ['audit.read'],
    menu: { group: 'audit', label: 'audit' },
    page: page(() => import('./pages/audit/AuditTrail.js'), 'AuditTrail'),
  },
  {
    path: '/alerts',
    permissions: ['alerts.read'],
    menu: { group: 'audit', label: 'alerts' },
    page: page(() => import('./pages/audit/Alerts.js'), 'Alerts'),
  },
  {
    path: '/admin/accounts',
    permissions: ['accounts.read'],
    menu: { group: 'admin', label: 'accounts' },
    page: page(() => import('./pages/admin/Accounts.js'), 'Accounts'),
  },
  {
    path: '/admin/approvals',
    permissions: ['approvals.review'],
    menu: { group: 'admin', label: 'approvals' },
    page: page(() => import('./pages/admin/Approvals.js'), 'Approvals'),
  },
  {
    path: '/admin/departments',
    permissions: ['departments.manage'],
    menu: { group: 'admin', label: 'departments' },
    page: page(() => import('./pages/admin/Departments.js'), 'Departments'),
  },
  {
    path: '/admin/catalogue',
    permissions: ['catalogue.manage'],
    menu: { group: 'admin', label: 'catalogue' },
    page: page(() => import('./pages/admin/FieldCatalogue.js'), 'FieldCatalogue'),
  },
  {
    path: '/admin/purposes',
    permissions: ['purposes.manage'],
    menu: { group: 'admin', label: 'purposes' },
    page: page(() => import('./pages/admin/Purposes.js'), 'Purposes'),
  },
  {
    path: '/admin/entry-rules',
    permissions: ['settings.manage'],
    menu: { group: 'admin', label: 'entryRules' },
    page: page(() => import('./pages/admin/EntryRules.js'), 'EntryRules'),
  },
  {
    path: '/admin/backups',
    permissions: ['settings.manage'],
    menu: { group: 'admin', label: 'backups' },
    page: page(() => import('./pages/admin/Backups.js'), 'Backups'),
  },
  {
    path: '/tokens',
    permissions: ['tokens.own'],
    menu: { group: 'personal', label: 'tokens' },
    page: page(() => import('./pages/ApiTokens.js'), 'ApiTokens'),
  },
]

export function mayOpen(me: Me, screen: Screen): boolean {
  return !screen.permissions || screen.permissions.some((p) => me.permissions.includes(p))
}
