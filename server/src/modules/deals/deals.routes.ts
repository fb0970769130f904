import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import {
  createDealSchema,
  dealIdParams,
  dealListSchema,
  dealSchema,
  dealSettingsSchema,
  listDealsQuerySchema,
  updateDealSchema,
} from './deals.schemas.js'
import { createDeal, dealSettings, getDeal, listDeals, updateDeal } from './deals.service.js'

/** Deals (成交, issue 16, CUS-9) with the credit split of CUS-5, of the customers in the caller's scope. */
export function dealsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['deals']
    const access = 'deals.manage' as const
    /** A route on one deal: the caller's scope on its customer is checked first (ACC-1). */
    const onDeal = (action: 'deal.viewed' | 'deal.updated') => ({
      access,
      customerScope: { record: 'deal' as const, action },
    })

    app.get('/deals/settings', {
      config: { access },
      schema: {
        tags,
        summary:
          'The deal stages, the reasons a deal ends with, and the shares of the credit split',
        response: { 200: dealSettingsSchema },
      },
      handler: async (request) => dealSettings(callOf(deps, request)),
    })

    app.post('/deals', {
      config: { access },
      schema: {
        tags,
        summary:
          'Record a deal of an active customer in the caller’s scope; at 签约 its credit split is fixed',
        body: createDealSchema,
        response: { 201: dealSchema },
      },
      handler: async (request, reply) =>
        reply.code(201).send(await createDeal(callOf(deps, request), request.body)),
    })

    app.get('/deals', {
      config: { access },
      schema: {
        tags,
        summary:
          'The deals of the customers in the caller’s scope, by stage (the 小定 and 大定 registers) or customer',
        querystring: listDealsQuerySchema,
        response: { 200: dealListSchema },
      },
      handler: async (request) => listDeals(callOf(deps, request), request.query),
    })

    app.get('/deals/:id', {
      config: onDeal('deal.viewed'),
      schema: {
        tags,
        summary: 'One deal, with its credit split (fixed, or a preview before signing)',
        params: dealIdParams,
        response: { 200: dealSchema },
      },
      handler: async (request) => getDeal(callOf(deps, request), request.params.id),
    })

    app.patch('/deals/:id', {
      config: onDeal('deal.updated'),
      schema: {
        tags,
        summary:
          'Move a deal to another stage (a reason to end it), or change its amount, product or closer',
        params: dealIdParams,
        body: updateDealSchema,
        response: { 200: dealSchema },
      },
      handler: async (request) =>
        updateDeal(callOf(deps, request), request.params.id, request.body),
    })
  }
}
