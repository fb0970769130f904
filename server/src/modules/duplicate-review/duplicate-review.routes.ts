import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import {
  mergePairSchema,
  mergeParams,
  mergeSchema,
  pairParams,
  queueQuerySchema,
  queueSchema,
  sweepSchema,
} from './duplicate-review.schemas.js'
import { dismissPair, listDuplicatePairs, sweepNow } from './duplicate-review.service.js'
import { mergePair, undoMerge } from './merge-pair.js'

/** The review queue of likely duplicates (DQ-1): read it, dismiss or merge a pair, undo a merge, sweep now. */
export function duplicateReviewRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['duplicates']

    app.get('/duplicates', {
      config: { access: 'duplicates.review' },
      schema: {
        tags,
        summary:
          'The likely duplicates whose two customers are both in the caller’s scope, best first, masked, with the last sweep’s figures',
        querystring: queueQuerySchema,
        response: { 200: queueSchema },
      },
      handler: async (request) => listDuplicatePairs(callOf(deps, request), request.query),
    })

    app.post('/duplicates/sweep', {
      config: { access: 'duplicates.review' },
      schema: {
        tags,
        summary:
          'Compare every customer for likely duplicates now, as the daily sweep does, and fill the queue',
        response: { 200: sweepSchema },
      },
      handler: async (request) => sweepNow(callOf(deps, request)),
    })

    app.post('/duplicates/:id/dismiss', {
      config: {
        access: 'duplicates.review',
        customerScope: { record: 'duplicate_pair', action: 'duplicates.dismissed' },
      },
      schema: {
        tags,
        summary: 'Decide that a pair’s customers are two people: the sweep does not ask again',
        params: pairParams,
        response: { 204: z.null() },
      },
      handler: async (request, reply) => {
        await dismissPair(callOf(deps, request), request.params.id)
        return reply.code(204).send(null)
      },
    })

    app.post('/duplicates/:id/merge', {
      config: {
        access: 'duplicates.review',
        customerScope: { record: 'duplicate_pair', action: 'duplicates.merged' },
      },
      schema: {
        tags,
        summary:
          'Merge a pair’s two records of one person: the survivor takes the fields named and every record of the other, which points to it from then on',
        params: pairParams,
        body: mergePairSchema,
        response: { 200: mergeSchema },
      },
      handler: async (request) => mergePair(callOf(deps, request), request.params.id, request.body),
    })

    app.post('/merges/:id/undo', {
      config: {
        access: 'duplicates.review',
        customerScope: { record: 'merge', action: 'duplicates.merge_undone' },
      },
      schema: {
        tags,
        summary:
          'Undo a merge within its period: the other record comes back with its values and records',
        params: mergeParams,
        response: { 204: z.null() },
      },
      handler: async (request, reply) => {
        await undoMerge(callOf(deps, request), request.params.id)
        return reply.code(204).send(null)
      },
    })
  }
}
