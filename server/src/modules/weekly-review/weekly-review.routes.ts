import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { customerIdParams } from '../customers/index.js'
import { confirmCustomer, listDueConfirmations, showConfirmations } from './confirmations.js'
import { addItems, recordReview } from './record-review.js'
import { changeSettings, showSettings } from './review-settings.js'
import { showWeek } from './show-week.js'
import {
  addItemsSchema,
  confirmSchema,
  customerConfirmationsSchema,
  duePageSchema,
  dueQuerySchema,
  recordReviewSchema,
  reviewParams,
  settingsInputSchema,
  settingsSchema,
  weekQuerySchema,
  weekSchema,
} from './weekly-review.schemas.js'

/**
 * The weekly review (客户信息梳理, issue 17, CUS-8) and the re-confirmation
 * of customers' records (DQ-2): the week's sections read in the caller's
 * scope, the review recorded once per grade and department with next
 * week's follow-ups, confirmations recorded without a value.
 */
export function weeklyReviewRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['weekly-review']

    app.get('/weekly-review', {
      config: { access: 'interactions.manage' },
      schema: {
        tags,
        summary:
          'A week of one grade: new, changed, stale, due for re-confirmation, follow-ups missed; the recorded review',
        querystring: weekQuerySchema,
        response: { 200: weekSchema },
      },
      handler: async (request) => showWeek(callOf(deps, request), request.query),
    })

    app.post('/weekly-review', {
      config: { access: 'reviews.record' },
      schema: {
        tags,
        summary:
          'Record the week’s review of a grade of the department, once, with next week’s plan items made follow-ups',
        body: recordReviewSchema,
        response: { 201: weekSchema },
      },
      handler: async (request, reply) => {
        reply.code(201)
        return recordReview(callOf(deps, request), request.body)
      },
    })

    app.post('/weekly-review/:id/items', {
      config: { access: 'reviews.record' },
      schema: {
        tags,
        summary: 'Add plan items (follow-ups) to a recorded review',
        params: reviewParams,
        body: addItemsSchema,
        response: { 200: weekSchema },
      },
      handler: async (request) => addItems(callOf(deps, request), request.params.id, request.body),
    })

    app.get('/weekly-review/settings', {
      config: { access: 'interactions.manage' },
      schema: {
        tags,
        summary: 'After how many days a record is stale, and due for re-confirmation',
        response: { 200: settingsSchema },
      },
      handler: async (request) => showSettings(callOf(deps, request)),
    })

    app.put('/weekly-review/settings', {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        summary: 'Replace the staleness and re-confirmation periods (audited with what they were)',
        body: settingsInputSchema,
        response: { 200: settingsSchema },
      },
      handler: async (request) => changeSettings(callOf(deps, request), request.body),
    })

    app.get('/customers/:id/confirmations', {
      config: {
        access: 'customers.read',
        customerScope: { record: 'customer', action: 'confirmation.listed' },
      },
      schema: {
        tags,
        summary: 'A customer’s re-confirmations and whether the record is due for one',
        params: customerIdParams,
        response: { 200: customerConfirmationsSchema },
      },
      handler: async (request) => showConfirmations(callOf(deps, request), request.params.id),
    })

    app.post('/customers/:id/confirmations', {
      config: {
        access: 'customers.write',
        customerScope: { record: 'customer', action: 'confirmation.recorded' },
      },
      schema: {
        tags,
        summary:
          'Record that the customer confirmed their record: which fields (names only), how, when',
        params: customerIdParams,
        body: confirmSchema,
        response: { 201: customerConfirmationsSchema },
      },
      handler: async (request, reply) => {
        reply.code(201)
        return confirmCustomer(callOf(deps, request), request.params.id, request.body)
      },
    })

    app.get('/confirmations/due', {
      config: { access: 'customers.read' },
      schema: {
        tags,
        summary:
          'Customers in the caller’s scope due for re-confirmation, longest unconfirmed first',
        querystring: dueQuerySchema,
        response: { 200: duePageSchema },
      },
      handler: async (request) => listDueConfirmations(callOf(deps, request), request.query),
    })
  }
}
