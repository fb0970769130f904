import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { colleaguesOf } from './accounts.repository.js'
import {
  accountIdParams,
  accountViewSchema,
  createAccountSchema,
  oneTimePasswordSchema,
  splitCredentialPendingSchema,
  twoFactorResetPendingSchema,
  updateAccountSchema,
} from './accounts.schemas.js'
import * as accounts from './accounts.service.js'

export function accountsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['accounts']

    app.get('/accounts', {
      config: { access: 'accounts.read' },
      schema: {
        tags,
        summary: 'List staff accounts',
        response: { 200: z.object({ items: z.array(accountViewSchema) }) },
      },
      handler: async () => ({ items: await accounts.listAccounts(deps) }),
    })

    app.get('/colleagues', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary:
          'The active staff of the caller’s department, by name (to name a colleague: a transfer, a customer’s wish)',
        response: {
          200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) }),
        },
      },
      handler: async (request) => ({
        items: await colleaguesOf(deps.db, callOf(deps, request).principal.departmentId),
      }),
    })

    app.post('/accounts', {
      config: { access: 'accounts.manage' },
      schema: {
        tags,
        summary:
          'Create a staff account; a role that reads customer data or the audit trail waits for a security administrator (202)',
        body: createAccountSchema,
        response: { 201: oneTimePasswordSchema, 202: splitCredentialPendingSchema },
      },
      handler: async (request, reply) => {
        const { account, oneTimePassword, approvalId, oneTimePasswordFirstPart } =
          await accounts.createAccount(callOf(deps, request), request.body)
        if (approvalId && oneTimePasswordFirstPart)
          return reply.code(202).send({
            id: account.id,
            status: 'pending_approval' as const,
            approvalId,
            account,
            oneTimePasswordFirstPart,
          })
        return reply.code(201).send({ account, oneTimePassword })
      },
    })

    app.get('/accounts/:id', {
      config: { access: 'accounts.read' },
      schema: {
        tags,
        summary: 'One staff account',
        params: accountIdParams,
        response: { 200: accountViewSchema },
      },
      handler: async (request) => accounts.getAccount(deps, request.params.id),
    })

    app.patch('/accounts/:id', {
      config: { access: 'accounts.manage' },
      schema: {
        tags,
        summary:
          'Change name, roles or department; never your own roles; a role that reads customer data or the audit trail waits for a security administrator (202)',
        params: accountIdParams,
        body: updateAccountSchema,
        response: { 200: accountViewSchema, 202: splitCredentialPendingSchema },
      },
      handler: async (request, reply) => {
        const { account, approvalId, oneTimePasswordFirstPart } = await accounts.updateAccount(
          callOf(deps, request),
          request.params.id,
          request.body,
        )
        if (approvalId && oneTimePasswordFirstPart)
          return reply.code(202).send({
            id: account.id,
            status: 'pending_approval' as const,
            approvalId,
            account,
            oneTimePasswordFirstPart,
          })
        return reply.code(200).send(account)
      },
    })

    for (const [path, status, summary] of [
      ['disable', 'disabled', 'Disable an account (ends its sessions at once)'],
      ['enable', 'active', 'Enable an account again'],
    ] as const) {
      app.post(`/accounts/:id/${path}`, {
        config: { access: 'accounts.manage' },
        schema: { tags, summary, params: accountIdParams, response: { 200: accountViewSchema } },
        handler: async (request) =>
          accounts.setAccountStatus(callOf(deps, request), request.params.id, status),
      })
    }

    app.post('/accounts/:id/password-reset', {
      config: { access: 'accounts.manage' },
      schema: {
        tags,
        summary:
          'Issue a one-time password; for an account that reads customer data or the audit trail, or authorises access, it waits for a second person, and each of the two is shown one part of it (202)',
        params: accountIdParams,
        response: { 200: oneTimePasswordSchema, 202: splitCredentialPendingSchema },
      },
      handler: async (request, reply) => {
        const reset = await accounts.resetPassword(callOf(deps, request), request.params.id)
        if (reset.approvalId !== null)
          return reply.code(202).send({
            id: reset.account.id,
            status: 'pending_approval' as const,
            approvalId: reset.approvalId,
            account: reset.account,
            oneTimePasswordFirstPart: reset.oneTimePasswordFirstPart,
          })
        return reply
          .code(200)
          .send({ account: reset.account, oneTimePassword: reset.oneTimePassword })
      },
    })

    app.post('/accounts/:id/two-factor-reset', {
      config: { access: 'accounts.manage' },
      schema: {
        tags,
        summary:
          'Remove two-factor so the account enrols again; for an account that reads customer data or the audit trail, or authorises access, it waits for a second person (202)',
        params: accountIdParams,
        response: { 200: accountViewSchema, 202: twoFactorResetPendingSchema },
      },
      handler: async (request, reply) => {
        const { account, approvalId } = await accounts.resetTwoFactor(
          callOf(deps, request),
          request.params.id,
        )
        if (approvalId)
          return reply
            .code(202)
            .send({ id: account.id, status: 'pending_approval' as const, approvalId, account })
        return reply.code(200).send(account)
      },
    })
  }
}
