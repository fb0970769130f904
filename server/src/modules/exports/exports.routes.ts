import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { pickLanguage } from '../../platform/i18n.js'
import type { ApprovalKinds } from '../approvals/index.js'
import { downloadExport } from './export-file.js'
import {
  approveBodySchema,
  createExportSchema,
  exportIdParams,
  exportViewSchema,
  fileQuerySchema,
} from './exports.schemas.js'
import { approveExport, requestExport, showExport } from './exports.service.js'

/** Exports of the customer list (issue 18 §2; DQ-3, CLS-4, ACC-5, AUD-1). */
export function exportsRoutes(deps: AppDeps, kinds: ApprovalKinds): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['exports']

    app.post('/exports', {
      config: { access: 'customers.export' },
      schema: {
        tags,
        summary:
          'Ask for a CSV or Excel export of one’s customer list for a filter: masked by default; plain values need a purpose and a second person’s approval',
        body: createExportSchema,
        response: { 201: exportViewSchema },
      },
      handler: async (request, reply) =>
        reply.code(201).send(await requestExport(callOf(deps, request), request.body)),
    })

    app.get('/exports/:id', {
      config: { access: 'customers.export' },
      schema: {
        tags,
        summary:
          'One’s export: what it holds and its state (awaiting approval, ready, expired, rejected)',
        params: exportIdParams,
        response: { 200: exportViewSchema },
      },
      handler: async (request) => showExport(callOf(deps, request), request.params.id),
    })

    app.get('/exports/:id/file', {
      config: { access: 'customers.export' },
      schema: {
        tags,
        summary:
          'Download the export’s file, made now and streamed, watermarked with its id, requester and time (its requester only, while it is ready; audited)',
        params: exportIdParams,
        querystring: fileQuerySchema,
      },
      handler: async (request, reply) => {
        const language = request.query.language ?? pickLanguage(request.headers['accept-language'])
        const file = await downloadExport(callOf(deps, request), request.params.id, language)
        return reply
          .header('content-type', file.contentType)
          .header('content-disposition', `attachment; filename="${file.filename}"`)
          .header('cache-control', 'no-store')
          .send(file.body)
      },
    })

    app.post('/exports/:id/approve', {
      config: { access: 'exports.approve' },
      schema: {
        tags,
        summary:
          'Approve another person’s plain export as the second person (ACC-5); rejecting is POST /approvals/{id}/reject',
        params: exportIdParams,
        body: approveBodySchema,
        response: { 200: exportViewSchema },
      },
      handler: async (request) =>
        approveExport(callOf(deps, request), kinds, {
          id: request.params.id,
          note: request.body?.note || undefined,
        }),
    })
  }
}
