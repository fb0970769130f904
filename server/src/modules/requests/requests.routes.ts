import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AuditAction } from '../../audit/audit-actions.js'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { pickLanguage } from '../../platform/i18n.js'
import { renderAccessDocument, renderPortableCsv } from './export-documents.js'
import { exportRequest } from './export-request.js'
import { fulfilRequest } from './fulfil-request.js'
import {
  assignSchema,
  createRequestSchema,
  exportQuery,
  fulfilSchema,
  listRequestsQuery,
  refuseSchema,
  requestDetailSchema,
  requestIdParams,
  requestViewSchema,
  verifyIdentitySchema,
} from './requests.schemas.js'
import {
  assignRequest,
  createRequest,
  getRequest,
  listRequests,
  refuseRequest,
  verifyIdentity,
} from './requests.service.js'

/** Customer requests (DSR-1, DSR-2): intake, queue, steps, fulfilment and exports. */
export function requestsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['requests']
    /** A step on one request: the caller's scope on its customer is checked first (ACC-1). */
    const onRequest = (action: AuditAction) => ({
      access: 'requests.manage' as const,
      customerScope: { record: 'request' as const, action },
    })
    const stepSchema = <Body extends z.ZodType>(summary: string, body: Body) => ({
      tags,
      summary,
      params: requestIdParams,
      body,
      response: { 200: requestDetailSchema },
    })

    app.post('/requests', {
      config: { access: 'requests.manage' },
      schema: {
        tags,
        summary: 'Take in a customer request; its due date is fixed on the working-day calendar',
        body: createRequestSchema,
        response: { 201: requestDetailSchema },
      },
      handler: async (request, reply) => {
        const created = await createRequest(callOf(deps, request), request.body)
        return reply.code(201).send(created)
      },
    })

    app.get('/requests', {
      config: { access: 'requests.manage' },
      schema: {
        tags,
        summary: 'The request queue, soonest due first',
        querystring: listRequestsQuery,
        response: { 200: z.object({ items: z.array(requestViewSchema) }) },
      },
      handler: async (request) => ({
        items: await listRequests(callOf(deps, request), request.query),
      }),
    })

    app.get('/requests/:id', {
      config: onRequest('request.viewed'),
      schema: {
        tags,
        summary: 'One request with its operation log',
        params: requestIdParams,
        response: { 200: requestDetailSchema },
      },
      handler: async (request) => getRequest(callOf(deps, request), request.params.id),
    })

    app.post('/requests/:id/assign', {
      config: onRequest('request.assigned'),
      schema: stepSchema('Assign the request to a member of staff', assignSchema),
      handler: async (request) =>
        assignRequest(callOf(deps, request), request.params.id, request.body.assigneeId),
    })

    app.post('/requests/:id/verify-identity', {
      config: onRequest('request.identity_verified'),
      schema: stepSchema('Record how the requester’s identity was verified', verifyIdentitySchema),
      handler: async (request) =>
        verifyIdentity(callOf(deps, request), request.params.id, request.body),
    })

    app.post('/requests/:id/refuse', {
      config: onRequest('request.refused'),
      schema: stepSchema('Refuse the request, stating the reason (PIPL Art. 50)', refuseSchema),
      handler: async (request) =>
        refuseRequest(callOf(deps, request), request.params.id, request.body.reason),
    })

    app.post('/requests/:id/fulfil', {
      config: onRequest('request.fulfilled'),
      schema: stepSchema('Carry the request out (for `correct`: with the changes)', fulfilSchema),
      handler: async (request) =>
        fulfilRequest(callOf(deps, request), request.params.id, request.body),
    })

    app.get('/requests/:id/export', {
      config: onRequest('request.exported'),
      schema: {
        tags,
        summary:
          'The export of a completed access (json, html) or portability (json, csv) request, made now',
        params: requestIdParams,
        querystring: exportQuery,
      },
      handler: async (request, reply) => {
        const { format } = request.query
        const { row, data } = await exportRequest(callOf(deps, request), request.params.id, format)
        const name = `personal-information-${row.id}`
        reply.header('cache-control', 'no-store')
        if (format === 'html') {
          const language = request.query.lang ?? pickLanguage(request.headers['accept-language'])
          return reply
            .type('text/html; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}.html"`)
            .send(renderAccessDocument(data, language))
        }
        if (format === 'csv') {
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}.csv"`)
            .send(renderPortableCsv(data))
        }
        return reply
          .type('application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.json"`)
          .send(JSON.stringify(data, null, 2))
      },
    })
  }
}
