import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { APPROVAL_KINDS, SEALED_STORAGE } from './approval-kinds.js'
import { auditJobs } from './audit/audit.jobs.js'
import { databaseJobs } from './db/database.jobs.js'
import { accountsRoutes } from './modules/accounts/index.js'
import { alertsRoutes } from './modules/alerts/index.js'
import { approvalsRoutes } from './modules/approvals/index.js'
import { auditRoutes } from './modules/audit/index.js'
import { authRoutes } from './modules/auth/index.js'
import { backupJobs, backupsRoutes } from './modules/backup/index.js'
import { calendarRoutes } from './modules/calendar/index.js'
import { catalogueRoutes } from './modules/catalogue/index.js'
import { consentStates, consentsRoutes } from './modules/consents/index.js'
import { customersRoutes } from './modules/customers/index.js'
import { dealsRoutes } from './modules/deals/index.js'
import { departmentsRoutes } from './modules/departments/index.js'
import { destructionJobs, destructionOf, destructionRoutes } from './modules/destruction/index.js'
import { duplicateReviewJobs, duplicateReviewRoutes } from './modules/duplicate-review/index.js'
import { exportsRoutes } from './modules/exports/index.js'
import { feedbackRoutes } from './modules/feedback/index.js'
import { followUpsJobs, followUpsRoutes } from './modules/follow-ups/index.js'
import { importsJobs, importsRoutes } from './modules/imports/index.js'
import { interactionsRoutes, logFromRegister } from './modules/interactions/index.js'
import { noticesRoutes } from './modules/notices/index.js'
import { notificationsRoutes } from './modules/notifications/index.js'
import { poolJobs, poolRoutes } from './modules/pool/index.js'
import { purposesRoutes } from './modules/purposes/index.js'
import { receptionRoutes } from './modules/reception/index.js'
import { requestsJobs, requestsRoutes } from './modules/requests/index.js'
import { retentionJobs, retentionRoutes } from './modules/retention/index.js'
import { rolesRoutes } from './modules/roles/index.js'
import { sessionsJobs } from './modules/sessions/index.js'
import { statisticsRoutes } from './modules/statistics/index.js'
import { tokensRoutes } from './modules/tokens/index.js'
import { trackingRoutes } from './modules/tracking/index.js'
import { weeklyReviewRoutes } from './modules/weekly-review/index.js'
import type { AppDeps } from './platform/deps.js'
import type { Job, JobsOf } from './platform/jobs.js'
import { rateLimitJobs } from './platform/rate-limit.js'

/** What the server mounts and schedules for one domain module. */
export type ServerModule = {
  name: string
  /** Its routes, under /api/v1. */
  routes?: (deps: AppDeps) => FastifyPluginAsyncZod
  /** Its background jobs (platform/jobs.ts: one process at a time runs each). */
  jobs?: JobsOf
}

/**
 * Every domain module of the server: app.ts mounts their routes in this
 * order (the order of the API document) and the server start schedules
 * their jobs. A new module is one line here. A module that needs something
 * of a module above it gets it handed in here, so that neither imports the
 * other (the customers module: a destroyed customer's destruction record,
 * the standing consents a reveal needs).
 */
export const MODULES: readonly ServerModule[] = [
  { name: 'auth', routes: authRoutes },
  { name: 'sessions', jobs: sessionsJobs },
  { name: 'accounts', routes: accountsRoutes },
  { name: 'approvals', routes: (deps) => approvalsRoutes(deps, APPROVAL_KINDS) },
  { name: 'departments', routes: departmentsRoutes },
  { name: 'roles', routes: rolesRoutes },
  { name: 'tokens', routes: tokensRoutes },
  { name: 'audit', routes: auditRoutes },
  { name: 'alerts', routes: alertsRoutes },
  { name: 'catalogue', routes: (deps) => catalogueRoutes(deps, SEALED_STORAGE) },
  { name: 'purposes', routes: purposesRoutes },
  {
    name: 'customers',
    routes: (deps) =>
      customersRoutes(deps, {
        destructionOf: (customerId) => destructionOf(deps, customerId),
        standingConsents: (customerId, purposes) => consentStates(deps.db, customerId, purposes),
      }),
  },
  { name: 'consents', routes: consentsRoutes },
  { name: 'notices', routes: noticesRoutes },
  { name: 'calendar', routes: calendarRoutes },
  {
    name: 'reception',
    routes: (deps) => receptionRoutes(deps, { logInteraction: logFromRegister }),
  },
  { name: 'pool', routes: poolRoutes, jobs: poolJobs },
  { name: 'duplicate-review', routes: duplicateReviewRoutes, jobs: duplicateReviewJobs },
  { name: 'deals', routes: dealsRoutes },
  { name: 'interactions', routes: interactionsRoutes },
  { name: 'follow-ups', routes: followUpsRoutes, jobs: followUpsJobs },
  { name: 'tracking', routes: trackingRoutes },
  { name: 'feedback', routes: feedbackRoutes },
  { name: 'weekly-review', routes: weeklyReviewRoutes },
  { name: 'notifications', routes: notificationsRoutes },
  { name: 'statistics', routes: statisticsRoutes },
  { name: 'exports', routes: (deps) => exportsRoutes(deps, APPROVAL_KINDS) },
  { name: 'imports', routes: importsRoutes, jobs: importsJobs },
  { name: 'requests', routes: requestsRoutes, jobs: requestsJobs },
  { name: 'destruction', routes: destructionRoutes, jobs: destructionJobs },
  { name: 'retention', routes: retentionRoutes, jobs: retentionJobs },
  { name: 'backup', routes: backupsRoutes, jobs: backupJobs },
]

/** Every job the server runs: the layers' own (rate limits, the audit trail), then each module's. */
export function allJobs(deps: AppDeps): Job[] {
  return [
    ...rateLimitJobs(deps),
    ...databaseJobs(deps),
    ...auditJobs(deps),
    ...MODULES.flatMap((module) => module.jobs?.(deps) ?? []),
  ]
}
