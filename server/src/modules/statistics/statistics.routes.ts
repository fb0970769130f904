import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { pickLanguage } from '../../platform/i18n.js'
import {
  visitsCallsExportQuerySchema,
  visitsCallsQuerySchema,
  visitsCallsSchema,
} from './statistics.schemas.js'
import { exportVisitsCalls, visitsCalls } from './statistics.service.js'

/** The visit-and-call statistics (来人来电统计, issue 17 §6, RPT-1): for whoever reads reports. */
export function statisticsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['statistics']

    app.get('/statistics/visits-calls', {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary:
          'Visits, calls, interactions, new customers, follow-ups done and missed, deals and conversion per salesperson and department, by day, ISO week or month; deals by stage and reasons for no deal',
        querystring: visitsCallsQuerySchema,
        response: { 200: visitsCallsSchema },
      },
      handler: async (request) => visitsCalls(callOf(deps, request), request.query),
    })

    app.get('/statistics/visits-calls/export', {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary:
          'The same statistics as an Excel workbook headed in the caller’s language (no customer in it; the download is audited)',
        querystring: visitsCallsExportQuerySchema,
      },
      handler: async (request, reply) => {
        const { language, ...query } = request.query
        const { file, filename } = await exportVisitsCalls(
          callOf(deps, request),
          query,
          language ?? pickLanguage(request.headers['accept-language']),
        )
        return reply
          .header(
            'content-type',
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(file)
      },
    })
  }
}
