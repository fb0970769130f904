/** The audit module's face (the trail's routes and exports; the audit point itself is server/src/audit/). */
export { auditRoutes } from './audit.routes.js'
export { latestCheckpoint } from './audit.service.js'
export { toCsv } from './csv.js'
