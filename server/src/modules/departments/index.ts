/** The departments module's face: what other modules and the composition root may use. */
export { departmentsRoutes } from './departments.routes.js'
export { createDepartmentWithin, saveDepartment } from './departments.service.js'
