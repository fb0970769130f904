import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import {
  attributionSchema,
  attributionSettingsSchema,
  bulkTransferBodySchema,
  duplicateAnswerSchema,
  duplicateCheckSchema,
  rejectBodySchema,
  reviewRulesSchema,
  setReviewRuleAnswerSchema,
  setReviewRuleSchema,
  transferBodySchema,
  transferResultSchema,
  wishBodySchema,
} from './attribution.schemas.js'
import { customerIdParams } from './customers.schemas.js'
import { checkDuplicates } from './duplicate-check.js'
import {
  decideReview,
  listReviewRules,
  reviewCounts,
  setReviewRule,
  submitCustomer,
} from './entry-review.js'
import { attributionSettings, setAttributionSettings } from './registrations.js'
import {
  attributionOf,
  recordCustomerWish,
  transferAll,
  transferCustomer,
} from './transfer-customers.js'

const statusAnswer = z.object({ id: z.uuid(), status: z.string() })

/**
 * Entry review (CUS-4), duplicates at entry, and whose customer it is
 * (CUS-5): submit, approve, reject, the duplicate check, the review rules,
 * transfers and the customer's wish.
 */
export function attributionRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['customers']

    app.post('/customers/duplicate-check', {
      config: { access: 'customers.write' },
      schema: {
        tags,
        summary:
          'The customers sharing an identifier of a record being entered, as the caller may know them (audited)',
        body: duplicateCheckSchema,
        response: { 200: duplicateAnswerSchema },
      },
      handler: async (request) => checkDuplicates(callOf(deps, request), request.body),
    })

    app.get('/customers/review-counts', {
      config: { access: 'customers.read' },
      schema: {
        tags,
        summary: 'How many records in the caller’s reach are drafts, submitted, or rejected',
        response: {
          200: z.object({ draft: z.number(), submitted: z.number(), rejected: z.number() }),
        },
      },
      handler: async (request) => reviewCounts(callOf(deps, request)),
    })

    app.get('/customers/review-rules', {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        summary: 'Which new records need review, by department and source',
        response: { 200: reviewRulesSchema },
      },
      handler: async () => ({ rules: await listReviewRules(deps.db) }),
    })

    app.put('/customers/review-rules', {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        summary:
          'Set whether new records of a department and source need review; switching it off waits for a second person',
        body: setReviewRuleSchema,
        response: { 200: setReviewRuleAnswerSchema, 202: setReviewRuleAnswerSchema },
      },
      handler: async (request, reply) => {
        const answer = await setReviewRule(callOf(deps, request), request.body)
        return reply.code(answer.status === 'applied' ? 200 : 202).send(answer)
      },
    })

    app.get('/customers/attribution-settings', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary:
          'How long a registration (建档) holds, what renews it, how long a rejected draft is kept',
        response: { 200: attributionSettingsSchema },
      },
      handler: async () => attributionSettings(deps.db),
    })

    app.put('/customers/attribution-settings', {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        summary:
          'Set the registration validity, what renews it, and how long a rejected draft is kept',
        body: attributionSettingsSchema,
        response: { 200: attributionSettingsSchema },
      },
      handler: async (request) => setAttributionSettings(callOf(deps, request), request.body),
    })

    app.post('/customers/:id/submit', {
      config: {
        access: 'customers.write',
        customerScope: { record: 'customer', action: 'customer.submitted' },
      },
      schema: {
        tags,
        summary: 'Submit a draft (or a corrected rejected record) for review',
        params: customerIdParams,
        response: { 200: statusAnswer },
      },
      handler: async (request) => {
        await submitCustomer(callOf(deps, request), request.params.id)
        return { id: request.params.id, status: 'submitted' }
      },
    })

    app.post('/customers/:id/approve', {
      config: {
        access: 'customers.review',
        customerScope: { record: 'customer', action: 'customer.approved' },
      },
      schema: {
        tags,
        summary: 'Approve a submitted record (a reviewer who did not enter it); it becomes active',
        params: customerIdParams,
        response: { 200: statusAnswer },
      },
      handler: async (request) => {
        await decideReview(callOf(deps, request), request.params.id, { approve: true })
        return { id: request.params.id, status: 'active' }
      },
    })

    app.post('/customers/:id/reject', {
      config: {
        access: 'customers.review',
        customerScope: { record: 'customer', action: 'customer.rejected' },
      },
      schema: {
        tags,
        summary: 'Reject a submitted record with a reason; it returns to its creator',
        params: customerIdParams,
        body: rejectBodySchema,
        response: { 200: statusAnswer },
      },
      handler: async (request) => {
        await decideReview(callOf(deps, request), request.params.id, {
          approve: false,
          reason: request.body.reason,
        })
        return { id: request.params.id, status: 'rejected' }
      },
    })

    app.get('/customers/:id/attribution', {
      config: {
        access: 'customers.read',
        customerScope: { record: 'customer', action: 'customer.viewed' },
      },
      schema: {
        tags,
        summary: 'Owner, registration (建档) and its validity, past owners, and the review history',
        params: customerIdParams,
        response: { 200: attributionSchema },
      },
      handler: async (request) => attributionOf(callOf(deps, request), request.params.id),
    })

    app.post('/customers/:id/transfer', {
      config: {
        access: 'customers.transfer',
        customerScope: { record: 'customer', action: 'customer.owner_changed' },
      },
      schema: {
        tags,
        summary: 'Give the customer to another owner, with a reason (the history stays)',
        params: customerIdParams,
        body: transferBodySchema,
        response: { 204: z.null() },
      },
      handler: async (request, reply) => {
        await transferCustomer(callOf(deps, request), request.params.id, request.body)
        return reply.code(204).send(null)
      },
    })

    app.post('/customers/transfer', {
      config: { access: 'customers.transfer' },
      schema: {
        tags,
        summary: 'Give every customer of one owner (within scope) to another — when someone leaves',
        body: bulkTransferBodySchema,
        response: { 200: transferResultSchema },
      },
      handler: async (request) => transferAll(callOf(deps, request), request.body),
    })

    app.post('/customers/:id/wish', {
      config: {
        access: 'customers.write',
        customerScope: { record: 'customer', action: 'customer.owner_changed' },
      },
      schema: {
        tags,
        summary:
          'The customer asks to be served by a colleague (以客户意愿为主): the follow-up moves, the registration stays',
        params: customerIdParams,
        body: wishBodySchema,
        response: { 204: z.null() },
      },
      handler: async (request, reply) => {
        await recordCustomerWish(callOf(deps, request), request.params.id, request.body)
        return reply.code(204).send(null)
      },
    })
  }
}
