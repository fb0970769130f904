import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { customerIdParams } from '../customers/index.js'
import { customerTimeline } from './customer-timeline.js'
import {
  interactionIdParams,
  interactionListSchema,
  interactionSchema,
  listInteractionsQuerySchema,
  logInteractionSchema,
  revealedInteractionSchema,
  revealInteractionSchema,
  timelineSchema,
} from './interactions.schemas.js'
import { listInteractions, logInteraction, revealInteraction } from './interactions.service.js'

/** Interactions (跟进记录, issue 17, CUS-6) with the customers in the caller's scope, and their timeline. */
export function interactionsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['interactions']

    app.get('/customers/:id/interactions', {
      config: {
        access: 'customers.read',
        customerScope: { record: 'customer', action: 'interaction.listed' },
      },
      schema: {
        tags,
        summary: 'A customer’s interactions, the latest first, notes masked',
        params: customerIdParams,
        querystring: listInteractionsQuerySchema,
        response: { 200: interactionListSchema },
      },
      handler: async (request) =>
        listInteractions(callOf(deps, request), request.params.id, request.query.limit),
    })

    app.post('/customers/:id/interactions', {
      config: {
        access: 'interactions.manage',
        customerScope: { record: 'customer', action: 'interaction.logged' },
      },
      schema: {
        tags,
        summary:
          'Log a visit, call, message, meeting or e-mail with an active customer; the note is sealed',
        params: customerIdParams,
        body: logInteractionSchema,
        response: { 201: interactionSchema },
      },
      handler: async (request, reply) =>
        reply
          .code(201)
          .send(await logInteraction(callOf(deps, request), request.params.id, request.body)),
    })

    app.post('/interactions/:id/reveal', {
      config: {
        access: 'customers.reveal',
        customerScope: { record: 'interaction', action: 'interaction.revealed' },
      },
      schema: {
        tags,
        summary: 'The plain note and next step of an interaction, for a stated purpose (audited)',
        params: interactionIdParams,
        body: revealInteractionSchema,
        response: { 200: revealedInteractionSchema },
      },
      handler: async (request) =>
        revealInteraction(callOf(deps, request), request.params.id, request.body.purpose),
    })

    app.get('/customers/:id/timeline', {
      config: {
        access: 'customers.read',
        customerScope: { record: 'customer', action: 'customer.timeline_viewed' },
      },
      schema: {
        tags,
        summary:
          'A customer’s timeline: interactions, deal stages, consents and requests, as the caller may see them',
        params: customerIdParams,
        response: { 200: timelineSchema },
      },
      handler: async (request) => customerTimeline(callOf(deps, request), request.params.id),
    })
  }
}
