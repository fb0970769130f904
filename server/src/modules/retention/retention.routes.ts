import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import {
  newPolicySchema,
  policyChangeSchema,
  policySchema,
  reviewSchema,
  reviewStatusSchema,
} from './retention.schemas.js'
import * as retention from './retention.service.js'

/** Retention policies and the review queue (RET-1), for `compliance`: one service call a route. */
export function retentionRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['retention']
    const access = { access: 'retention.manage' as const }

    app.get('/retention/policies', {
      config: access,
      schema: {
        tags,
        summary: 'Retention periods per category and purpose',
        response: { 200: z.object({ items: z.array(policySchema) }) },
      },
      handler: async () => ({ items: await retention.listPolicies(deps) }),
    })

    app.post('/retention/policies', {
      config: access,
      schema: {
        tags,
        summary:
          'Add a retention period (for a purpose: counted from the withdrawal of its consent)',
        body: newPolicySchema,
        response: { 201: policySchema },
      },
      handler: async (request, reply) =>
        reply.code(201).send(await retention.addPolicy(callOf(deps, request), request.body)),
    })

    app.patch('/retention/policies/:code', {
      config: access,
      schema: {
        tags,
        summary: 'Change a period, or switch a policy on or off',
        params: z.object({ code: z.string().max(40) }),
        body: policyChangeSchema,
        response: { 200: policySchema },
      },
      handler: async (request) =>
        retention.changePolicy(callOf(deps, request), request.params.code, request.body),
    })

    app.get('/retention/reviews', {
      config: access,
      schema: {
        tags,
        summary: 'The review queue: customers past a retention period',
        querystring: z.strictObject({ status: reviewStatusSchema.default('open') }),
        response: { 200: z.object({ items: z.array(reviewSchema) }) },
      },
      handler: async (request) => ({
        items: await retention.listReviews(callOf(deps, request), request.query.status),
      }),
    })

    app.post('/retention/reviews/:id/keep', {
      config: {
        ...access,
        customerScope: { record: 'retention_review', action: 'retention.kept' },
      },
      schema: {
        tags,
        summary:
          'Keep the customer: the relationship or a legal duty goes on (flagged again after a period)',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
      handler: async (request, reply) => {
        await retention.keepCustomer(callOf(deps, request), request.params.id)
        return reply.code(204).send(null)
      },
    })
  }
}
