import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { type ApprovalKinds, approvalQueue } from './approvals.service.js'

const statusSchema = z.enum(['pending', 'approved', 'rejected', 'withdrawn'])
const staffRef = z.object({ id: z.uuid(), username: z.string() })

export const approvalSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }),
  /** What is asked, in codes and ids (e.g. the account and the roles for a role grant). */
  details: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()])),
  status: statusSchema,
  requestedBy: staffRef,
  requestedAt: z.iso.datetime(),
  decidedBy: staffRef.nullable(),
  decidedAt: z.iso.datetime().nullable(),
  note: z.string().nullable(),
})

/** The answer to an approval: for a request that re-issues credentials, the approver's part, shown once. */
const decidedSchema = approvalSchema.extend({
  /** The second part of the account's split one-time password; the password is the requester's part followed by this one. */
  oneTimePasswordSecondPart: z.string().optional(),
})

/** The answer of a change that waits for a second person (ACC-5). */
export const pendingApprovalSchema = z.object({
  id: z.uuid(),
  status: z.literal('pending_approval'),
  approvalId: z.uuid(),
})

/** The queue's routes, over the kinds the server registers (server/src/approval-kinds.ts). */
export function approvalsRoutes(deps: AppDeps, kinds: ApprovalKinds): FastifyPluginAsyncZod {
  const queue = approvalQueue(kinds)
  return async (app) => {
    const tags = ['approvals']

    app.get('/approvals', {
      config: { access: 'approvals.review' },
      schema: {
        tags,
        summary: 'Requests waiting for a second person, of the kinds the caller may decide (ACC-5)',
        querystring: z.strictObject({
          kind: z.string().trim().min(1).max(64).optional(),
          status: statusSchema.optional(),
        }),
        response: { 200: z.object({ items: z.array(approvalSchema) }) },
      },
      handler: async (request) => ({
        items: await queue.list(callOf(deps, request), request.query),
      }),
    })

    for (const [step, summary] of [
      ['approve', 'Approve, as a second person: the change takes effect now'],
      ['reject', 'Reject: the change never takes effect'],
    ] as const) {
      app.post(`/approvals/:id/${step}`, {
        config: { access: 'approvals.review' },
        schema: {
          tags,
          summary,
          params: z.strictObject({ id: z.uuid() }),
          body:
            step === 'reject'
              ? z.strictObject({ note: z.string().trim().min(1).max(1000) })
              : z.strictObject({ note: z.string().trim().max(1000).optional() }).nullish(),
          response: { 200: decidedSchema },
        },
        handler: async (request) =>
          queue.decide(callOf(deps, request), request.params.id, {
            decision: step,
            note: request.body?.note || undefined,
          }),
      })
    }
  }
}
