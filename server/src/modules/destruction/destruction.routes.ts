import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { customerIdParams } from '../customers/index.js'
import {
  decideDestruction,
  listDestructions,
  placeLegalHold,
  releaseLegalHold,
  requestDestruction,
} from './destruction.service.js'
import { DESTRUCTION_REASONS, RULE_DESTRUCTION_REASONS } from './destruction-reasons.js'

const person = z.object({ id: z.string(), name: z.string() })
const destructionSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  reason: z.enum([...DESTRUCTION_REASONS, ...RULE_DESTRUCTION_REASONS]),
  status: z.enum(['pending_approval', 'completed', 'rejected']),
  dataRequestId: z.string().nullable(),
  requestedBy: person,
  requestedAt: z.date(),
  decidedBy: person.nullable(),
  decidedAt: z.date().nullable(),
})
const idParams = z.object({ id: z.uuid() })

/** Destruction with a second approver, and legal holds (RET-2, ACC-5, RET-1). */
export function destructionRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['destruction']

    app.post('/customers/:id/destruction', {
      config: {
        access: 'retention.manage',
        customerScope: { record: 'customer', action: 'customer.destruction_requested' },
      },
      schema: {
        tags,
        summary: 'Ask for a customer’s destruction; a second authorised person approves it',
        params: customerIdParams,
        body: z.strictObject({ reason: z.enum(DESTRUCTION_REASONS) }),
        response: { 202: destructionSchema },
      },
      handler: async (request, reply) => {
        const destruction = await requestDestruction(
          callOf(deps, request),
          request.params.id,
          request.body.reason,
        )
        return reply.code(202).send(destruction)
      },
    })

    app.get('/destructions', {
      config: { access: 'approvals.decide' },
      schema: {
        tags,
        summary: 'Destructions, those waiting for approval first',
        querystring: z.strictObject({
          status: z.enum(['pending_approval', 'completed', 'rejected']).optional(),
        }),
        response: { 200: z.object({ items: z.array(destructionSchema) }) },
      },
      handler: async (request) => ({
        items: await listDestructions(callOf(deps, request), request.query.status),
      }),
    })

    for (const [step, approve] of [
      ['approve', true],
      ['reject', false],
    ] as const) {
      app.post(`/destructions/:id/${step}`, {
        config: {
          access: 'approvals.decide',
          customerScope: {
            record: 'destruction',
            action: approve ? 'customer.destruction_approved' : 'customer.destruction_rejected',
          },
        },
        schema: {
          tags,
          summary: approve
            ? 'Approve, as a second person, and carry the destruction out (crypto-shredding)'
            : 'Reject the destruction',
          params: idParams,
          response: { 200: destructionSchema },
        },
        handler: async (request) =>
          decideDestruction(callOf(deps, request), request.params.id, approve),
      })
    }

    app.post('/customers/:id/legal-holds', {
      config: {
        access: 'retention.manage',
        customerScope: { record: 'customer', action: 'customer.legal_hold_placed' },
      },
      schema: {
        tags,
        summary: 'Place a legal hold: no destruction while it stands',
        params: customerIdParams,
        body: z.strictObject({
          /** A case or order reference — no personal data. */
          reference: z.string().trim().min(1).max(120),
        }),
        response: {
          201: z.object({
            id: z.string(),
            customerId: z.string(),
            reference: z.string(),
            placedAt: z.date(),
          }),
        },
      },
      handler: async (request, reply) => {
        const hold = await placeLegalHold(
          callOf(deps, request),
          request.params.id,
          request.body.reference,
        )
        return reply.code(201).send(hold)
      },
    })

    app.delete('/legal-holds/:id', {
      config: {
        access: 'retention.manage',
        customerScope: { record: 'legal_hold', action: 'customer.legal_hold_released' },
      },
      schema: {
        tags,
        summary: 'Release a legal hold',
        params: idParams,
        response: { 204: z.null() },
      },
      handler: async (request, reply) => {
        await releaseLegalHold(callOf(deps, request), request.params.id)
        return reply.code(204).send(null)
      },
    })
  }
}
