/** The exports module's face: its routes and its approval kind (server/src/approval-kinds.ts). */
export { exportsRoutes } from './exports.routes.js'
export { plainExportApproval } from './plain-export-approval.js'
