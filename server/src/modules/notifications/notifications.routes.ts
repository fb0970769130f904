import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import {
  addressInputSchema,
  addressSchema,
  notificationParams,
  notificationSchema,
  notificationsPageSchema,
  notificationsQuerySchema,
} from './notifications.schemas.js'
import {
  changeAddress,
  listNotifications,
  readNotification,
  showAddress,
} from './notifications.service.js'

/**
 * The notification centre (issue 17): every account's own messages — a
 * follow-up due, one overdue — with masked parameters and a link. Nobody
 * reads another's.
 */
export function notificationsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notifications']

    app.get('/notifications', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The caller’s notifications, newest first, with the number unread',
        querystring: notificationsQuerySchema,
        response: { 200: notificationsPageSchema },
      },
      handler: async (request) => listNotifications(callOf(deps, request), request.query),
    })

    app.post('/notifications/:id/read', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Mark one of the caller’s notifications read',
        params: notificationParams,
        response: { 200: notificationSchema },
      },
      handler: async (request) => readNotification(callOf(deps, request), request.params.id),
    })

    app.get('/notifications/address', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Where the caller receives notifications by e-mail, and whether e-mail is sent',
        response: { 200: addressSchema },
      },
      handler: async (request) => showAddress(callOf(deps, request)),
    })

    app.put('/notifications/address', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Set (or remove, with null) the caller’s address for notifications by e-mail',
        body: addressInputSchema,
        response: { 200: addressSchema },
      },
      handler: async (request) => changeAddress(callOf(deps, request), request.body.email),
    })
  }
}
