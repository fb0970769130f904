import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { principalOf, requestContext } from '../../platform/http/request-context.js'
import { PERMISSIONS } from '../../security/permissions.js'
import { createToken, listOwnTokens, revokeToken } from './tokens.service.js'

const tokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(z.enum(PERMISSIONS)),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
})

export function tokensRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['api tokens']

    app.get('/tokens', {
      config: { access: 'tokens.own' },
      schema: {
        tags,
        summary: 'Your API tokens',
        response: { 200: z.object({ items: z.array(tokenSchema) }) },
      },
      handler: async (request) => ({ items: await listOwnTokens(deps, principalOf(request)) }),
    })

    app.post('/tokens', {
      config: { access: 'tokens.own' },
      schema: {
        tags,
        summary: 'Create an API token (the token is shown once)',
        body: z.strictObject({
          name: z.string().trim().min(1).max(64),
          scopes: z.array(z.enum(PERMISSIONS)).min(1),
          expiresInDays: z.number().int().min(1).max(366).optional(),
        }),
        response: { 201: z.object({ token: z.string(), details: tokenSchema }) },
      },
      handler: async (request, reply) =>
        reply
          .code(201)
          .send(
            await createToken(deps, requestContext(request), principalOf(request), request.body),
          ),
    })

    app.delete('/tokens/:id', {
      config: { access: 'tokens.own' },
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: z.strictObject({ id: z.uuid() }),
        response: { 204: z.null() },
      },
      handler: async (request, reply) => {
        await revokeToken(deps, requestContext(request), principalOf(request), request.params.id)
        return reply.code(204).send(null)
      },
    })
  }
}
