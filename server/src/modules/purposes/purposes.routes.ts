import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { pickLanguage } from '../../platform/i18n.js'
import { pendingApprovalSchema } from '../approvals/index.js'
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
        summary:
          'Add a purpose. One resting on a contract or a legal obligation answers 202 and waits for a second person',
        body: newPurposeSchema,
        response: { 201: purposeSchema, 202: pendingApprovalSchema },
      },
      handler: async (request, reply) => {
        const outcome = await addPurpose(callOf(deps, request), request.body)
        if ('pending' in outcome) return reply.code(202).send(outcome.pending)
        const language = pickLanguage(request.headers['accept-language'])
        return reply.code(201).send(presentPurpose(outcome.applied, language))
      },
    })

    app.patch('/purposes/:code', {
      config: { access: 'purposes.manage' },
      schema: {
        tags,
        summary:
          'Change or retire a purpose. A change that lets it reach further answers 202 and waits for a second person',
        params: purposeParams,
        body: changePurposeSchema,
        response: { 200: purposeSchema, 202: pendingApprovalSchema },
      },
      handler: async (request, reply) => {
        const outcome = await changePurpose(
          callOf(deps, request),
          request.params.code,
          request.body,
        )
        if ('pending' in outcome) return reply.code(202).send(outcome.pending)
        return presentPurpose(outcome.applied, pickLanguage(request.headers['accept-language']))
      },
    })
  }
}
