import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { noticeSchema, noticeVersionParams, publishNoticeSchema } from './notices.schemas.js'
import { getNotice, listNotices, publishNotice } from './notices.service.js'

/** Versioned privacy notices (CON-1): read by every signed-in user, published by compliance and secadmin. */
export function noticesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notices']

    app.get('/notices', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Every version of the privacy notice, newest first',
        response: { 200: z.object({ items: z.array(noticeSchema) }) },
      },
      handler: async () => ({ items: await listNotices(deps) }),
    })

    app.get('/notices/:version', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'One version of the privacy notice',
        params: noticeVersionParams,
        response: { 200: noticeSchema },
      },
      handler: async (request) => getNotice(deps, request.params.version),
    })

    app.post('/notices', {
      config: { access: 'purposes.manage' },
      schema: {
        tags,
        summary:
          'Publish a new version (purposes, scope, method, retention, recipients; zh-CN and en)',
        body: publishNoticeSchema,
        response: { 201: noticeSchema },
      },
      handler: async (request, reply) => {
        const notice = await publishNotice(callOf(deps, request), request.body)
        return reply.code(201).send(notice)
      },
    })
  }
}
