import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { recordAuditEvent } from '../../audit/audit-log.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { principalOf, requestContext } from '../../platform/http/request-context.js'
import { clearanceOf, scopeCondition } from '../../security/customer-policy.js'

const policySchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  basis: z.enum(['legal', 'business', 'consented', 'lead']),
  appliesTo: z.enum(['all', 'leads']),
  measuredFrom: z.enum(['created', 'updated', 'consent_withdrawn']),
  purpose: z.string().nullable(),
  periodDays: z.number().int(),
  active: z.boolean(),
})
const reviewSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  policy: z.string(),
  expiredAt: z.date(),
  flaggedAt: z.date(),
  status: z.enum(['open', 'kept', 'destruction_requested']),
  decidedAt: z.date().nullable(),
})

/** Retention policies and the review queue (RET-1), for `compliance`. */
export function retentionRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['retention']
    const access = { access: 'retention.manage' as const }

    const listPolicies = async () =>
      (await deps.db.selectFrom('retention_policies').selectAll().orderBy('code').execute()).map(
        (p) => ({
          code: p.code,
          nameZh: p.name_zh,
          nameEn: p.name_en,
          basis: p.basis,
          appliesTo: p.applies_to,
          measuredFrom: p.measured_from,
          purpose: p.purpose,
          periodDays: p.period_days,
          active: p.active,
        }),
      )

    app.get('/retention/policies', {
      config: access,
      schema: {
        tags,
        summary: 'Retention periods per category and purpose',
        response: { 200: z.object({ items: z.array(policySchema) }) },
      },
      handler: async () => ({ items: await listPolicies() }),
    })

    app.post('/retention/policies', {
      config: access,
      schema: {
        tags,
        summary:
          'Add a retention period (for a purpose: counted from the withdrawal of its consent)',
        body: z
          .strictObject({
            code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
            nameZh: z.string().trim().min(1).max(60),
            nameEn: z.string().trim().min(1).max(60),
            basis: z.enum(['legal', 'business', 'consented', 'lead']),
            appliesTo: z.enum(['all', 'leads']),
            measuredFrom: z.enum(['created', 'updated', 'consent_withdrawn']),
            purpose: z.string().max(40).nullable().default(null),
            periodDays: z.number().int().min(1).max(36_500),
          })
          .refine((p) => (p.measuredFrom === 'consent_withdrawn') === (p.purpose !== null), {
            path: ['purpose'],
            params: { fieldMessage: 'required' },
          }),
        response: { 201: policySchema },
      },
      handler: async (request, reply) => {
        const input = request.body
        await deps.db.transaction().execute(async (trx) => {
          if (input.purpose) {
            const purpose = await trx
              .selectFrom('purposes')
              .select('code')
              .where('code', '=', input.purpose)
              .where('legal_basis', '=', 'consent')
              .executeTakeFirst()
            if (!purpose) throw new AppError('VALIDATION_FAILED', { purpose: 'notAllowed' })
          }
          const inserted = await trx
            .insertInto('retention_policies')
            .values({
              code: input.code,
              name_zh: input.nameZh,
              name_en: input.nameEn,
              basis: input.basis,
              applies_to: input.appliesTo,
              measured_from: input.measuredFrom,
              purpose: input.purpose,
              period_days: input.periodDays,
            })
            .onConflict((c) => c.doNothing())
            .returning('code')
            .executeTakeFirst()
          if (!inserted) {
            throw new AppError('VALIDATION_FAILED', { code: 'notAllowed' })
          }
          await recordAuditEvent(trx, deps.clock.now(), requestContext(request), {
            actor: principalOf(request).actor,
            action: 'retention.policy_added',
            target: { type: 'retention_policy', id: input.code },
          })
        })
        const policy = (await listPolicies()).find((p) => p.code === input.code)
        if (!policy) throw new AppError('NOT_FOUND')
        return reply.code(201).send(policy)
      },
    })

    app.patch('/retention/policies/:code', {
      config: access,
      schema: {
        tags,
        summary: 'Change a period, or switch a policy on or off',
        params: z.object({ code: z.string().max(40) }),
        body: z.strictObject({
          periodDays: z.number().int().min(1).max(36_500).optional(),
          active: z.boolean().optional(),
        }),
        response: { 200: policySchema },
      },
      handler: async (request) => {
        const { periodDays, active } = request.body
        await deps.db.transaction().execute(async (trx) => {
          const changed = await trx
            .updateTable('retention_policies')
            .set({
              ...(periodDays !== undefined && { period_days: periodDays }),
              ...(active !== undefined && { active }),
            })
            .where('code', '=', request.params.code)
            .executeTakeFirst()
          if (changed.numUpdatedRows === 0n) throw new AppError('NOT_FOUND')
          await recordAuditEvent(trx, deps.clock.now(), requestContext(request), {
            actor: principalOf(request).actor,
            action: 'retention.policy_changed',
            target: { type: 'retention_policy', id: request.params.code },
            fields: Object.keys(request.body),
          })
        })
        const policy = (await listPolicies()).find((p) => p.code === request.params.code)
        if (!policy) throw new AppError('NOT_FOUND')
        return policy
      },
    })

    app.get('/retention/reviews', {
      config: access,
      schema: {
        tags,
        summary: 'The review queue: customers past a retention period',
        querystring: z.strictObject({
          status: z.enum(['open', 'kept', 'destruction_requested']).default('open'),
        }),
        response: { 200: z.object({ items: z.array(reviewSchema) }) },
      },
      handler: async (request) => {
        // ACC-1: only customers in the caller's scope, filtered by the database.
        const rows = await deps.db
          .selectFrom('retention_reviews as r')
          .innerJoin('customers as c', 'c.id', 'r.customer_id')
          .selectAll('r')
          .where(scopeCondition(clearanceOf(principalOf(request)), 'c'))
          .where('r.status', '=', request.query.status)
          .orderBy('r.expired_at')
          .limit(500)
          .execute()
        return {
          items: rows.map((r) => ({
            id: r.id,
            customerId: r.customer_id,
            policy: r.policy,
            expiredAt: r.expired_at,
            flaggedAt: r.flagged_at,
            status: r.status,
            decidedAt: r.decided_at,
          })),
        }
      },
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
        const now = deps.clock.now()
        await deps.db.transaction().execute(async (trx) => {
          const review = await trx
            .updateTable('retention_reviews')
            .set({ status: 'kept', decided_by: principalOf(request).accountId, decided_at: now })
            .where('id', '=', request.params.id)
            .where('status', '=', 'open')
            .returning(['customer_id', 'policy'])
            .executeTakeFirst()
          if (!review) throw new AppError('NOT_FOUND')
          await recordAuditEvent(trx, now, requestContext(request), {
            actor: principalOf(request).actor,
            action: 'retention.kept',
            target: { type: 'customer', id: review.customer_id },
            details: { reviewId: request.params.id, policy: review.policy },
          })
        })
        return reply.code(204).send(null)
      },
    })
  }
}
