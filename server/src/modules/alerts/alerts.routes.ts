import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { RULE_CODES } from '../../audit/alerts/rules.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { callOf } from '../../platform/http/call.js'
import { listAlertRules, listAlerts, setAlertStatus, updateAlertRule } from './alerts.service.js'

const alertSchema = z.object({
  id: z.uuid(),
  rule: z.string(),
  status: z.enum(['open', 'acknowledged', 'closed']),
  subject: z.string(),
  actor: z.object({
    id: z.string().nullable(),
    /** The username (or a system actor's name) the events were recorded with. */
    name: z.string().nullable(),
    /** The account's display name, for an account or an API token of one; null otherwise. */
    displayName: z.string().nullable(),
  }),
  sourceIp: z.string().nullable(),
  eventCount: z.number().int(),
  firstEventId: z.number().int(),
  lastEventId: z.number().int(),
  firstSeenAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  handledBy: z.string().nullable(),
  note: z.string().nullable(),
})
const ruleSchema = z.object({
  code: z.string(),
  enabled: z.boolean(),
  params: z.record(z.string(), z.unknown()),
  updatedAt: z.iso.datetime(),
})
const handleBody = z.strictObject({ note: z.string().trim().max(1000).optional() }).optional()

export function alertsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['alerts']

    app.get('/alerts', {
      config: { access: 'alerts.read' },
      schema: {
        tags,
        summary: 'Alerts raised by the detection rules (AUD-3)',
        querystring: z.strictObject({
          status: z.enum(['open', 'acknowledged', 'closed']).optional(),
        }),
        response: { 200: z.object({ items: z.array(alertSchema) }) },
      },
      handler: async (request) => ({ items: await listAlerts(deps, request.query.status) }),
    })

    for (const [path, status] of [
      ['acknowledge', 'acknowledged'],
      ['close', 'closed'],
    ] as const) {
      app.post(`/alerts/:id/${path}`, {
        config: { access: 'alerts.manage' },
        schema: {
          tags,
          summary: `Mark an alert ${status}`,
          params: z.strictObject({ id: z.uuid() }),
          body: handleBody,
          response: { 204: z.null() },
        },
        handler: async (request, reply) => {
          await setAlertStatus(callOf(deps, request), request.params.id, {
            status,
            note: request.body?.note,
          })
          return reply.code(204).send(null)
        },
      })
    }

    app.get('/alert-rules', {
      config: { access: 'alerts.read' },
      schema: {
        tags,
        summary: 'Detection rules and their parameters',
        response: { 200: z.object({ items: z.array(ruleSchema) }) },
      },
      handler: async () => ({ items: await listAlertRules(deps) }),
    })

    app.patch('/alert-rules/:code', {
      config: { access: 'alert-rules.manage' },
      schema: {
        tags,
        summary: 'Turn a rule on or off, or change its parameters',
        params: z.strictObject({ code: z.enum(RULE_CODES as [string, ...string[]]) }),
        body: z.strictObject({
          enabled: z.boolean().optional(),
          params: z.record(z.string(), z.unknown()).optional(),
        }),
        response: { 200: ruleSchema },
      },
      handler: async (request) => {
        const rule = await updateAlertRule(callOf(deps, request), request.params.code, request.body)
        if (!rule) throw new AppError('ALERT_RULE_NOT_FOUND')
        return rule
      },
    })
  }
}
