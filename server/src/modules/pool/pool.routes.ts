import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import {
  pickedSchema,
  poolCustomerParams,
  poolPageSchema,
  poolQuerySchema,
  poolSettingsInputSchema,
  poolSettingsSchema,
  releasedSchema,
  returningSchema,
} from './pool.schemas.js'
import {
  changeSettings,
  listPool,
  listReturning,
  pickCustomer,
  releaseCustomer,
  showSettings,
} from './pool.service.js'

/**
 * The customer pool (公海, CUS-10). A customer in the pool has no owner, so
 * its pick route is reached under the pool rule (customer-policy
 * mayBrowsePool), not the owner scope of the customer guard.
 */
export function poolRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['pool']

    app.get('/pool', {
      config: { access: 'pool.pick' },
      schema: {
        tags,
        summary:
          'The pool of the caller’s department (every pool for a scope of all), masked, newest first, with today’s remaining picks',
        querystring: poolQuerySchema,
        response: { 200: poolPageSchema },
      },
      handler: async (request) => listPool(callOf(deps, request), request.query),
    })

    app.get('/pool/returning', {
      config: { access: 'pool.pick' },
      schema: {
        tags,
        summary:
          'The caller’s customers about to return to the pool, soonest first, with the date each returns unless followed up',
        response: { 200: returningSchema },
      },
      handler: async (request) => listReturning(callOf(deps, request)),
    })

    app.post('/pool/:customerId/pick', {
      config: { access: 'pool.pick' },
      schema: {
        tags,
        summary:
          'Pick a customer from the pool: the caller becomes its owner, within the daily limit, the cool-off and the cap',
        params: poolCustomerParams,
        response: { 200: pickedSchema },
      },
      handler: async (request) => pickCustomer(callOf(deps, request), request.params.customerId),
    })

    app.post('/pool/:customerId/release', {
      config: { access: 'pool.pick' },
      schema: {
        tags,
        summary:
          'Give a customer up to its department’s pool (its owner, or a manager whose scope reaches it)',
        params: poolCustomerParams,
        response: { 200: releasedSchema },
      },
      handler: async (request) => releaseCustomer(callOf(deps, request), request.params.customerId),
    })

    app.get('/pool/settings', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The pool’s rules per grade and its limits',
        response: { 200: poolSettingsSchema },
      },
      handler: async (request) => showSettings(callOf(deps, request)),
    })

    app.put('/pool/settings', {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        summary: 'Replace the pool’s rules per grade and its limits (audited with what they were)',
        body: poolSettingsInputSchema,
        response: { 200: poolSettingsSchema },
      },
      handler: async (request) => changeSettings(callOf(deps, request), request.body),
    })
  }
}
