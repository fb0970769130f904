import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { principalOf, requestContext } from '../../platform/http/request-context.js'
import { pickLanguage } from '../../platform/i18n.js'
import {
  changePurposeSchema,
  newPurposeSchema,
  purposeParams,
  purposeSchema,
} from './purposes.schemas.js'
import { addPurpose, changePurpose, listPurposes, presentPurpose } from './purposes.service.js'

/** The purposes a reveal may name (ACC-2): listed for everyone signed in, kept by secadmin and compliance. */
export function purposesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['purposes']

    app.get('/purposes', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The configured purposes (查询目的) with their legal basis',
        response: { 200: z.object({ items: z.array(purposeSchema) }) },
      },
      handler: async (request) => {
        const language = pickLanguage(request.headers['accept-language'])
        return { items: (await listPurposes(deps.db)).map((p) => presentPurpose(p, language)) }
      },
    })

    app.post('/purposes', {
      config: { access: 'purposes.manage' },
      schema: {
        tags,
        summary: 'Add a purpose',
        body: newPurposeSchema,
        response: { 201: purposeSchema },
      },
      handler: async (request, reply) => {
        const row = await addPurpose(
          deps,
          requestContext(request),
          principalOf(request).actor,
          request.body,
        )
        const language = pickLanguage(request.headers['accept-language'])
        return reply.code(201).send(presentPurpose(row, language))
      },
    })

    app.patch('/purposes/:code', {
      config: { access: 'purposes.manage' },
      schema: {
        tags,
        summary: 'Change or retire a purpose',
        params: purposeParams,
        body: changePurposeSchema,
        response: { 200: purposeSchema },
      },
      handler: async (request) => {
        const row = await changePurpose(
          deps,
          requestContext(request),
          principalOf(request).actor,
          request.params.code,
          request.body,
        )
        return presentPurpose(row, pickLanguage(request.headers['accept-language']))
      },
    })
  }
}
