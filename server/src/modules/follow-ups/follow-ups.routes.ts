import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import {
  completeFollowUpSchema,
  createFollowUpSchema,
  followUpParams,
  followUpSchema,
  followUpSettingsInputSchema,
  followUpSettingsSchema,
  followUpsPageSchema,
  followUpsQuerySchema,
} from './follow-ups.schemas.js'
import {
  changeSettings,
  completeFollowUp,
  createFollowUp,
  listFollowUps,
  showSettings,
} from './follow-ups.service.js'

/**
 * Follow-up plans (跟踪 / 回访, issue 17, CUS-6): planned for a customer in
 * the caller's scope, listed by due day, done with a result; a follow-up is
 * a customer-linked record, so out of scope answers as not found.
 */
export function followUpsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['follow-ups']

    app.get('/follow-ups', {
      config: { access: 'interactions.manage' },
      schema: {
        tags,
        summary:
          'Follow-ups of customers in the caller’s scope, soonest due first (assignee=me, due=today|overdue)',
        querystring: followUpsQuerySchema,
        response: { 200: followUpsPageSchema },
      },
      handler: async (request) => listFollowUps(callOf(deps, request), request.query),
    })

    app.post('/follow-ups', {
      config: { access: 'interactions.manage' },
      schema: {
        tags,
        summary: 'Plan a follow-up of a customer: assignee, due time, purpose, recurring or not',
        body: createFollowUpSchema,
        response: { 201: followUpSchema },
      },
      handler: async (request, reply) => {
        reply.code(201)
        return createFollowUp(callOf(deps, request), request.body)
      },
    })

    app.post('/follow-ups/:id/complete', {
      config: {
        access: 'interactions.manage',
        customerScope: { record: 'follow_up', action: 'follow_up.completed' },
      },
      schema: {
        tags,
        summary:
          'Mark a follow-up done with a result (and a sealed note); renews the registration, plans the next of a recurring plan',
        params: followUpParams,
        body: completeFollowUpSchema,
        response: { 200: followUpSchema },
      },
      handler: async (request) =>
        completeFollowUp(callOf(deps, request), request.params.id, request.body),
    })

    app.get('/follow-ups/settings', {
      config: { access: 'interactions.manage' },
      schema: {
        tags,
        summary: 'The rules of follow-up plans: recurrence by tracking level, reminder, escalation',
        response: { 200: followUpSettingsSchema },
      },
      handler: async (request) => showSettings(callOf(deps, request)),
    })

    app.put('/follow-ups/settings', {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        summary: 'Replace the rules of follow-up plans (audited with what they were)',
        body: followUpSettingsInputSchema,
        response: { 200: followUpSettingsSchema },
      },
      handler: async (request) => changeSettings(callOf(deps, request), request.body),
    })
  }
}
