import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { exportedCheckpointSchema } from '../../audit/checkpoint.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { callOf } from '../../platform/http/call.js'
import { pickLanguage } from '../../platform/i18n.js'
import {
  auditEventSchema,
  auditPageQuerySchema,
  exportQuerySchema,
  verifyResultSchema,
} from './audit.schemas.js'
import { latestCheckpoint, searchEvents, verifyAuditTrail } from './audit.service.js'
import { exportCheckpointsStream, exportEventsStream } from './audit-export.js'

/** AUD-4: only `auditor` and `compliance` hold audit.read. */
export function auditRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['audit']

    app.get('/audit/events', {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary:
          'Search the audit trail (newest first); customerId answers "who accessed this customer"',
        querystring: auditPageQuerySchema,
        response: {
          200: z.object({
            items: z.array(auditEventSchema),
            nextCursor: z.number().int().nullable(),
          }),
        },
      },
      handler: async (request) => searchEvents(deps, request.query),
    })

    app.get('/audit/events/export', {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary:
          'Export every matching event, streamed in trail order, as CSV or JSON (docs/audit-format.md; the export is audited)',
        querystring: exportQuerySchema,
      },
      handler: async (request, reply) => {
        const { language, ...query } = request.query
        const body = await exportEventsStream(
          callOf(deps, request),
          query,
          language ?? pickLanguage(request.headers['accept-language']),
        )
        const json = query.format === 'json'
        return reply
          .header(
            'content-type',
            json ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
          )
          .header(
            'content-disposition',
            `attachment; filename="custodia-audit.${json ? 'json' : 'csv'}"`,
          )
          .send(body)
      },
    })

    app.get('/audit/checkpoints', {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary:
          'Every signed checkpoint, oldest first, streamed as JSON (docs/audit-format.md; the export is audited)',
      },
      handler: async (request, reply) => {
        const body = await exportCheckpointsStream(callOf(deps, request))
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', 'attachment; filename="custodia-audit-checkpoints.json"')
          .send(body)
      },
    })

    app.get('/audit/verify', {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary: 'Verify the whole trail against its signed checkpoints',
        response: { 200: verifyResultSchema },
      },
      handler: async () => verifyAuditTrail(deps),
    })

    app.get('/audit/checkpoints/latest', {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary: 'The latest signed checkpoint, for an outside witness',
        response: { 200: exportedCheckpointSchema },
      },
      handler: async () => {
        const checkpoint = await latestCheckpoint(deps.db, deps.auditSigner.publicKeyPem)
        if (!checkpoint) throw new AppError('NOT_FOUND')
        return checkpoint
      },
    })

    app.get('/audit/public-key', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The Ed25519 public key that verifies checkpoints',
        response: { 200: z.object({ keyId: z.string(), publicKey: z.string() }) },
      },
      handler: async () => ({
        keyId: deps.auditSigner.keyId,
        publicKey: deps.auditSigner.publicKeyPem,
      }),
    })
  }
}
