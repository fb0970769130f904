import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { listCalendar, setCalendarDay } from './calendar.service.js'

const dayParams = z.object({
  day: z.iso.date(),
})
const calendarDaySchema = z.object({
  day: z.string(),
  kind: z.enum(['holiday', 'workday']),
  name: z.string(),
})

/** The working-day calendar of request deadlines (DSR-1): holidays and make-up working days. */
export function calendarRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['calendar']

    app.get('/calendar', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Holidays and make-up working days of a year (other days: Monday–Friday work)',
        querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: z.object({ items: z.array(calendarDaySchema) }) },
      },
      handler: async (request) => ({ items: await listCalendar(deps.db, request.query.year) }),
    })

    app.put('/calendar/:day', {
      config: { access: 'requests.manage' },
      schema: {
        tags,
        summary: 'Make a day a holiday or a make-up working day',
        params: dayParams,
        body: z.strictObject({
          kind: z.enum(['holiday', 'workday']),
          name: z.string().trim().min(1).max(40),
        }),
        response: { 204: z.null() },
      },
      handler: async (request, reply) => {
        await setCalendarDay(callOf(deps, request), request.params.day, request.body)
        return reply.code(204).send(null)
      },
    })

    app.delete('/calendar/:day', {
      config: { access: 'requests.manage' },
      schema: {
        tags,
        summary: 'Return a day to the ordinary week',
        params: dayParams,
        response: { 204: z.null() },
      },
      handler: async (request, reply) => {
        await setCalendarDay(callOf(deps, request), request.params.day, null)
        return reply.code(204).send(null)
      },
    })
  }
}
