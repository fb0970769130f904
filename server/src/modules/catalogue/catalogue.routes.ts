import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { pendingApprovalSchema } from '../approvals/index.js'
import {
  catalogueEntrySchema,
  changeEntrySchema,
  fieldParams,
  newCustomFieldSchema,
} from './catalogue.schemas.js'
import { addCustomField, changeEntry, loadCatalogue } from './catalogue.service.js'
import type { SealedStorage } from './entry-change.js'

/**
 * The field catalogue (CLS-1): readable by every signed-in user, changed by
 * secadmin and compliance; a change lowering protection waits for the other
 * of the two to approve it (ACC-5).
 */
export function catalogueRoutes(deps: AppDeps, storage: SealedStorage): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['field catalogue']

    app.get('/field-catalogue', {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Every field with its level, sensitivity, masking rule and storage',
        response: { 200: z.object({ items: z.array(catalogueEntrySchema) }) },
      },
      handler: async () => ({ items: (await loadCatalogue(deps.db)).entries }),
    })

    app.post('/field-catalogue', {
      config: { access: 'catalogue.manage' },
      schema: {
        tags,
        summary: 'Add a custom field with its classification',
        body: newCustomFieldSchema,
        response: { 201: catalogueEntrySchema },
      },
      handler: async (request, reply) => {
        const entry = await addCustomField(callOf(deps, request), request.body)
        return reply.code(201).send(entry)
      },
    })

    app.patch('/field-catalogue/:field', {
      config: { access: 'catalogue.manage' },
      schema: {
        tags,
        summary:
          "Change a field's classification (audited; values move store when needed). A change that lowers protection answers 202 and waits for a second person's approval",
        params: fieldParams,
        body: changeEntrySchema,
        response: { 200: catalogueEntrySchema, 202: pendingApprovalSchema },
      },
      handler: async (request, reply) => {
        const outcome = await changeEntry(
          callOf(deps, request),
          { field: request.params.field, changes: request.body },
          storage,
        )
        if ('pending' in outcome) return reply.code(202).send(outcome.pending)
        return outcome.applied
      },
    })
  }
}
