import { randomUUID } from 'node:crypto'
import cookie from '@fastify/cookie'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyInstance, LogController } from 'fastify'
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import { z } from 'zod'
import { registerCustomerScopeGuard } from './modules/customers/index.js'
import { lookupSession, SESSION_COOKIE } from './modules/sessions/index.js'
import { resolveToken } from './modules/tokens/index.js'
import { MODULES } from './modules.js'
import type { AppDeps } from './platform/deps.js'
import { registerAccessHook, requireDeclaredAccess } from './platform/http/access-hook.js'
import { registerErrorHandler } from './platform/http/error-handler.js'
import { clientErrorHandler, frameworkErrors } from './platform/http/framework-errors.js'
import { registerInputHygiene } from './platform/http/input-hygiene.js'
import { registerSecurityHeaders } from './platform/http/security-headers.js'
import { registerStrictTransportSecurity, transportOptions } from './platform/http/transport.js'
import { registerWebConsole } from './platform/http/web-console.js'
import { loggerOptions } from './platform/logging.js'

export type BuildAppOptions = {
  /** A pino destination for the logs (tests capture them); logging is off when absent and no level given. */
  logStream?: NodeJS.WritableStream
  logLevel?: string
}

export const API_PREFIX = '/api/v1'

const isQuietRequest = (request: { url: string }): boolean =>
  request.url === '/healthz' || !request.url.startsWith('/api/')

/** The Fastify instance, ready for inject() in tests or listen() in main. */
export async function buildApp(
  deps: AppDeps,
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const level = options.logLevel ?? (options.logStream ? 'info' : undefined)
  const app = Fastify({
    logger: level
      ? { ...loggerOptions(level), ...(options.logStream ? { stream: options.logStream } : {}) }
      : false,
    // Liveness probes and console files are logged at debug level only: at
    // info they would bury the API requests an operator looks for.
    logController: new LogController({
      disableRequestLogging: level === 'debug' || level === 'trace' ? false : isQuietRequest,
    }),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    // OPS-3: HTTPS when configured; X-Forwarded-* believed only from the configured proxies.
    ...transportOptions(deps.config),
    // OPS-3: errors before a route is chosen answer in the contract's error body too.
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>()

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  // JSON only: a form or text body is refused (415) rather than half-parsed (OPS-3).
  app.removeContentTypeParser(['text/plain'])
  requireDeclaredAccess(app)
  registerErrorHandler(app)
  registerInputHygiene(app)

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
    reply.header('cache-control', 'no-store')
  })
  registerSecurityHeaders(
    app,
    {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // The interactive API docs inline a little style and script.
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
        },
      },
      // RFC 6797: HSTS only over HTTPS; registerStrictTransportSecurity sends it there.
      hsts: false,
    },
    API_PREFIX,
  )
  registerStrictTransportSecurity(app)
  await app.register(cookie)
  registerAccessHook(app, deps, { sessionCookie: SESSION_COOKIE, lookupSession, resolveToken })
  registerCustomerScopeGuard(app, deps)

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Custodia API',
        version: '1',
        description:
          'Customer information management under a customer-information security policy.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'custodia_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs' })

  app.get('/healthz', {
    config: { access: 'public' },
    schema: {
      tags: ['operations'],
      summary: 'Liveness',
      response: { 200: z.object({ status: z.literal('ok') }) },
    },
    handler: async () => ({ status: 'ok' as const }),
  })
  app.get('/api/openapi.json', {
    config: { access: 'public' },
    schema: { hide: true },
    handler: async () => app.swagger(),
  })

  await app.register(
    async (api) => {
      for (const module of MODULES) if (module.routes) await api.register(module.routes(deps))
    },
    { prefix: API_PREFIX },
  )
  await registerWebConsole(app)
  return app
}
