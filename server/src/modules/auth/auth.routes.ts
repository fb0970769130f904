import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { anonymousCallOf, callOf } from '../../platform/http/call.js'
import { principalOf } from '../../platform/http/request-context.js'
import { meSchema } from '../accounts/index.js'
import { lookupSession, SESSION_COOKIE } from '../sessions/index.js'
import {
  changePasswordSchema,
  signInSchema,
  totpConfirmSchema,
  totpEnrolmentSchema,
} from './auth.schemas.js'
import { describeMe, withCurrentStage } from './me.service.js'
import { changeOwnPassword } from './password.service.js'
import { signIn } from './sign-in.service.js'
import { signOut } from './sign-out.service.js'
import { confirmTotpEnrolment, startTotpEnrolment } from './totp.service.js'

export function authRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['auth']

    app.post('/auth/login', {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Sign in; sets the session cookie',
        body: signInSchema,
        response: { 200: meSchema },
      },
      handler: async (request, reply) => {
        const { token } = await signIn(anonymousCallOf(deps, request), request.body)
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: request.protocol === 'https',
          maxAge: deps.config.session.maxHours * 3600,
        })
        const session = await lookupSession(deps, token)
        if (!('principal' in session)) throw new AppError('UNAUTHENTICATED')
        return describeMe(deps, session.principal)
      },
    })

    app.post('/auth/logout', {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Sign out', response: { 204: z.null() } },
      handler: async (request, reply) => {
        await signOut(callOf(deps, request))
        reply.clearCookie(SESSION_COOKIE, { path: '/' })
        return reply.code(204).send(null)
      },
    })

    app.get('/me', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The signed-in account, its permissions and any pending step',
        response: { 200: meSchema },
      },
      handler: async (request) => describeMe(deps, principalOf(request)),
    })

    app.post('/auth/password', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Change your own password',
        body: changePasswordSchema,
        response: { 200: meSchema },
      },
      handler: async (request) => {
        const call = callOf(deps, request)
        await changeOwnPassword(call, request.body)
        return describeMe(deps, await withCurrentStage(deps, call.principal))
      },
    })

    app.post('/auth/totp/enrol', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Start two-factor enrolment',
        response: { 200: totpEnrolmentSchema },
      },
      handler: async (request) => startTotpEnrolment(callOf(deps, request)),
    })

    app.post('/auth/totp/confirm', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Finish two-factor enrolment with a current code',
        body: totpConfirmSchema,
        response: { 200: meSchema },
      },
      handler: async (request) => {
        const call = callOf(deps, request)
        await confirmTotpEnrolment(call, request.body.code)
        return describeMe(deps, await withCurrentStage(deps, call.principal))
      },
    })
  }
}
