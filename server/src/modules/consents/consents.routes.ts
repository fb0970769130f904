import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { customerIdParams } from '../customers/index.js'
import { customerConsentsSchema, recordConsentSchema } from './consents.schemas.js'
import { listConsents, recordConsent } from './consents.service.js'

/** The consent ledger of one customer (CON-2). */
export function consentsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['consents']

    app.get('/customers/:id/consents', {
      config: {
        access: 'customers.read',
        customerScope: { record: 'customer', action: 'consent.listed' },
      },
      schema: {
        tags,
        summary: 'A customer’s consents: the standing decision per purpose and the whole ledger',
        params: customerIdParams,
        response: { 200: customerConsentsSchema },
      },
      handler: async (request) => listConsents(callOf(deps, request), request.params.id),
    })

    app.post('/customers/:id/consents', {
      config: {
        access: 'consents.manage',
        customerScope: { record: 'customer', action: 'consent.recorded' },
      },
      schema: {
        tags,
        summary: 'Record a grant or a withdrawal (a withdrawal takes effect at once)',
        params: customerIdParams,
        body: recordConsentSchema,
        response: {
          201: z.object({
            id: z.string(),
            purpose: z.string(),
            granted: z.boolean(),
            noticeVersion: z.number().int().nullable(),
          }),
        },
      },
      handler: async (request, reply) => {
        const recorded = await recordConsent(callOf(deps, request), request.params.id, request.body)
        return reply.code(201).send(recorded)
      },
    })
  }
}
