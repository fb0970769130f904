import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { callOf } from '../../platform/http/call.js'
import { attributionRoutes } from './attribution.routes.js'
import { createCustomer } from './create-customers.js'
import type { CustomerFacts } from './customer-facts.js'
import { customerReadOf } from './customer-scope-guard.js'
import {
  createCustomerSchema,
  customerIdParams,
  customerPageSchema,
  customerViewSchema,
  destroyedCustomerSchema,
  listCustomersQuery,
  revealBodySchema,
  revealResultSchema,
  updateCustomerSchema,
} from './customers.schemas.js'
import { listCustomers, showCustomer } from './find-customers.js'
import { revealFields } from './reveal-fields.js'
import { updateCustomer } from './update-customer.js'
import { findAuthenticationData } from './validation/authentication-data.js'

/**
 * Customer records (CUS-1, CLS-2 to CLS-5, ACC-1, ACC-2). What other
 * modules keep about a customer (its destruction, its consents) comes in
 * as `facts`.
 */
export function customersRoutes(deps: AppDeps, facts: CustomerFacts): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['customers']

    // JR/T 0171 C3: authentication data is refused before anything else looks at the body.
    app.addHook('preValidation', async (request) => {
      const found = findAuthenticationData(request.body)
      if (found.length > 0) {
        throw new AppError(
          'AUTHENTICATION_DATA_REFUSED',
          Object.fromEntries(found.map((path) => [path, 'authenticationData'])),
        )
      }
    })

    await app.register(attributionRoutes(deps))

    app.post('/customers', {
      config: { access: 'customers.write' },
      schema: {
        tags,
        summary: 'Create a customer (individual or organization); answers the record masked',
        body: createCustomerSchema,
        response: { 201: customerViewSchema },
      },
      handler: async (request, reply) => {
        const view = await createCustomer(callOf(deps, request), request.body)
        return reply.code(201).send(view)
      },
    })

    app.get('/customers', {
      config: { access: 'customers.read' },
      schema: {
        tags,
        summary:
          'List and search customers (name, or exact mobile, ID number, email… on blind indexes)',
        querystring: listCustomersQuery,
        response: { 200: customerPageSchema },
      },
      handler: async (request) => listCustomers(callOf(deps, request), request.query),
    })

    app.get('/customers/:id', {
      config: {
        access: 'customers.read',
        customerScope: { record: 'customer', action: 'customer.viewed', readsValues: 'visible' },
      },
      schema: {
        tags,
        summary: 'One customer, masked; a destroyed one answers with its destruction record only',
        params: customerIdParams,
        response: { 200: z.union([customerViewSchema, destroyedCustomerSchema]) },
      },
      handler: async (request) =>
        showCustomer(callOf(deps, request), customerReadOf(request), facts),
    })

    app.patch('/customers/:id', {
      config: {
        access: 'customers.write',
        customerScope: { record: 'customer', action: 'customer.updated' },
      },
      schema: {
        tags,
        summary: 'Change a customer: given fields replace, null clears',
        params: customerIdParams,
        body: updateCustomerSchema,
        response: { 200: customerViewSchema },
      },
      handler: async (request) =>
        updateCustomer(callOf(deps, request), request.params.id, request.body),
    })

    app.post('/customers/:id/reveal', {
      config: {
        access: 'customers.reveal',
        customerScope: { record: 'customer', action: 'customer.revealed', readsValues: 'all' },
      },
      schema: {
        tags,
        summary: 'Plain values of named fields for a stated purpose (audited)',
        params: customerIdParams,
        body: revealBodySchema,
        response: { 200: revealResultSchema },
      },
      handler: async (request) =>
        revealFields(
          callOf(deps, request),
          { read: customerReadOf(request), ...request.body },
          facts,
        ),
    })
  }
}
