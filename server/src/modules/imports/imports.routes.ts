import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { callOf } from '../../platform/http/call.js'
import { pickLanguage } from '../../platform/i18n.js'
import { importErrorsCsv } from './import-errors-csv.js'
import {
  importErrorsQuerySchema,
  importErrorsSchema,
  importIdParams,
  importListSchema,
  importMappingSchema,
  importSchema,
} from './imports.schemas.js'
import {
  cancelImport,
  importErrors,
  listImports,
  runImportJob,
  setMapping,
  uploadImport,
  viewOf,
} from './imports.service.js'

/** Imports of customers from CSV and Excel files (issue 18 §1, DQ-3): for whoever may import. */
export function importsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['imports']
    const access = 'customers.import' as const
    // Multipart bodies here alone; the file streams to its sealed store, never whole in memory.
    await app.register(multipart, {
      limits: { fileSize: deps.config.imports.maxBytes, files: 1, fields: 5, fieldSize: 64 * 1024 },
    })
    const language = (request: { headers: Record<string, unknown> }) =>
      pickLanguage(request.headers['accept-language'] as string | undefined)

    app.post('/imports', {
      config: { access },
      schema: {
        tags,
        summary:
          'Upload a CSV or Excel (.xlsx) file as multipart form data: an `options` part (JSON: kind, source, ownerId, duplicates, encoding, mapping) before the `file` part. With a mapping the dry run starts at once; without one the import waits for it, answering the header and a suggested mapping',
        consumes: ['multipart/form-data'],
        response: { 201: importSchema },
      },
      handler: async (request, reply) => {
        if (!request.isMultipart()) throw new AppError('IMPORT_FILE_REQUIRED')
        const call = callOf(deps, request)
        const part = await request.file().catch(() => undefined)
        if (!part) throw new AppError('IMPORT_FILE_REQUIRED')
        const field = part.fields.options
        const text =
          field && !Array.isArray(field) && field.type === 'field' ? String(field.value) : '{}'
        let options: unknown
        try {
          options = JSON.parse(text)
        } catch {
          part.file.resume()
          throw new AppError('VALIDATION_FAILED', { options: 'invalid' })
        }
        const id = await uploadImport(
          call,
          { fileName: part.filename, stream: part.file, options },
          request.log,
        )
        return reply.status(201).send(await viewOf(call, id, language(request)))
      },
    })

    app.get('/imports', {
      config: { access },
      schema: { tags, summary: 'The caller’s latest imports', response: { 200: importListSchema } },
      handler: async (request) => listImports(callOf(deps, request), language(request)),
    })

    app.get('/imports/:id', {
      config: { access },
      schema: {
        tags,
        summary:
          'An import’s state, progress (rows done of total, rate, time left), counts and the summary of its problems',
        params: importIdParams,
        response: { 200: importSchema },
      },
      handler: async (request) =>
        viewOf(callOf(deps, request), request.params.id, language(request)),
    })

    app.put('/imports/:id/mapping', {
      config: { access },
      schema: {
        tags,
        summary: 'Set the column mapping (and duplicate handling), then run the dry run',
        params: importIdParams,
        body: importMappingSchema,
        response: { 200: importSchema },
      },
      handler: async (request) => {
        const call = callOf(deps, request)
        await setMapping(call, request.params.id, request.body, request.log)
        return viewOf(call, request.params.id, language(request))
      },
    })

    app.get('/imports/:id/errors', {
      config: { access },
      schema: {
        tags,
        summary:
          'The dry run’s and the run’s per-row report: row, column, field and the problem in the reader’s language, never the value; `format=csv` downloads it whole',
        params: importIdParams,
        querystring: importErrorsQuerySchema,
        response: { 200: importErrorsSchema },
      },
      handler: async (request, reply) => {
        const call = callOf(deps, request)
        const { format, language: asked, ...page } = request.query
        const lang = asked ?? language(request)
        if (format === 'csv') {
          const { filename, body } = await importErrorsCsv(call, request.params.id, lang)
          return (
            reply
              .header('content-type', 'text/csv; charset=utf-8')
              .header('content-disposition', `attachment; filename="${filename}"`)
              // The CSV body is the report itself, not the JSON the schema describes.
              .send(body as never)
          )
        }
        return importErrors(call, request.params.id, page, lang)
      },
    })

    app.post('/imports/:id/run', {
      config: { access },
      schema: {
        tags,
        summary:
          'Run the import after its dry run: rows are created, updated, skipped or queued for review',
        params: importIdParams,
        response: { 200: importSchema },
      },
      handler: async (request) => {
        const call = callOf(deps, request)
        await runImportJob(call, request.params.id, request.log)
        return viewOf(call, request.params.id, language(request))
      },
    })

    app.post('/imports/:id/cancel', {
      config: { access },
      schema: {
        tags,
        summary: 'Cancel an import: it stops after its current batch and its file is deleted',
        params: importIdParams,
        response: { 200: importSchema },
      },
      handler: async (request) => {
        const call = callOf(deps, request)
        await cancelImport(call, request.params.id)
        return viewOf(call, request.params.id, language(request))
      },
    })
  }
}
