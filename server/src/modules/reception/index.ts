/** The reception module's face: what the composition root and other modules may use. */
export { visitsOfCustomerOn } from './reception.repository.js'
export { receptionRoutes } from './reception.routes.js'
export type { ReceptionHooks, RegisterEntry } from './reception-interactions.js'
