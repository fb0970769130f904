import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { PERMISSIONS } from '../../security/permissions.js'
import {
  createToken,
  listOwnTokens,
  revokeToken,
  TOKEN_MAX_DAYS,
  tokenPolicyFor,
} from './tokens.service.js'

const tokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  scopes: z.array(z.enum(PERMISSIONS)),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
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
        response: {
          200: z.object({
            items: z.array(tokenSchema),
            /** What minting asks of this account (the console shows the code field and the longest expiry). */
            policy: z.object({
              totpRequired: z.boolean(),
              defaultDays: z.number().int(),
              maxDays: z.number().int(),
            }),
          }),
        },
      },
      handler: async (request) => {
        const call = callOf(deps, request)
        return {
          items: await listOwnTokens(call),
          policy: tokenPolicyFor(deps, call.principal.roles),
        }
      },
    })

    app.post('/tokens', {
      config: { access: 'tokens.own' },
      schema: {
        tags,
        summary: 'Create an API token (the token is shown once)',
        body: z.strictObject({
          name: z.string().trim().min(1).max(64),
          scopes: z.array(z.enum(PERMISSIONS)).min(1),
          /** Days until it expires: 1–365, default 90; at most 30 (default 30) when a TOTP code is required. */
          expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).optional(),
          /** A current authenticator code, required when any of the account's roles must use two-factor. */
          totp: z
            .string()
            .trim()
            .regex(/^\d{6}$/)
            .optional(),
        }),
        response: { 201: z.object({ token: z.string(), details: tokenSchema }) },
      },
      handler: async (request, reply) =>
        reply.code(201).send(await createToken(callOf(deps, request), request.body)),
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
        await revokeToken(callOf(deps, request), request.params.id)
        return reply.code(204).send(null)
      },
    })
  }
}
