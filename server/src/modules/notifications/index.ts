/**
 * The notifications module's face (issue 17): the routes of the caller's
 * notification centre, and what another module calls to notify an account
 * (inside its transaction) and to send what is due by e-mail.
 */
export type { NewNotification } from './notifications.repository.js'
export { notificationsRoutes } from './notifications.routes.js'
export { mailPending, notify } from './notifications.service.js'
