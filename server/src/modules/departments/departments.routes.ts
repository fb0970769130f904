import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { listDepartments, saveDepartment } from './departments.service.js'

const departmentSchema = z.object({ id: z.uuid(), name: z.string(), createdAt: z.iso.datetime() })
const departmentBody = z.strictObject({ name: z.string().trim().min(1).max(64) })

export function departmentsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['departments']

    // Every signed-in account may read department names: they label records and accounts.
    app.get('/departments', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'List departments',
        response: { 200: z.object({ items: z.array(departmentSchema) }) },
      },
      handler: async () => ({ items: await listDepartments(deps) }),
    })

    app.post('/departments', {
      config: { access: 'departments.manage' },
      schema: {
        tags,
        summary: 'Create a department',
        body: departmentBody,
        response: { 201: departmentSchema },
      },
      handler: async (request, reply) => {
        const saved = await saveDepartment(callOf(deps, request), request.body)
        return reply.code(201).send(saved)
      },
    })

    app.patch('/departments/:id', {
      config: { access: 'departments.manage' },
      schema: {
        tags,
        summary: 'Rename a department',
        params: z.strictObject({ id: z.uuid() }),
        body: departmentBody,
        response: { 200: departmentSchema },
      },
      handler: async (request) =>
        saveDepartment(callOf(deps, request), {
          id: request.params.id,
          ...request.body,
        }),
    })
  }
}
