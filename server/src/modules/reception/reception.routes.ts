import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import {
  callRegisterSchema,
  callSchema,
  finishVisitSchema,
  logCallSchema,
  receiveVisitSchema,
  registeredVisitorSchema,
  registerQuerySchema,
  registerVisitorSchema,
  rotationSchema,
  visitIdParams,
  visitRegisterSchema,
  visitSchema,
} from './reception.schemas.js'
import {
  checkIn,
  checkOut,
  finishVisit,
  receiveVisit,
  showRotation,
  stepOut,
  visitRegister,
} from './reception.service.js'
import { callRegister, logCall } from './reception-calls.js'
import type { ReceptionHooks } from './reception-interactions.js'
import { registerVisitor } from './register-visitor.js'

/** The reception desk of the caller's department (接待管理, issue 16): rotation and visitor register. */
export function receptionRoutes(deps: AppDeps, hooks: ReceptionHooks): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['reception']
    const access = 'interactions.manage'

    app.get('/reception/rotation', {
      config: { access },
      schema: {
        tags,
        summary: 'Today’s desk: who is on it in order, their state, who is next and who stands by',
        response: { 200: rotationSchema },
      },
      handler: async (request) => showRotation(callOf(deps, request)),
    })

    app.post('/reception/check-in', {
      config: { access },
      schema: {
        tags,
        summary: 'Check in at the desk (or come back from duty): joins the rotation',
        response: { 200: rotationSchema },
      },
      handler: async (request) => checkIn(callOf(deps, request)),
    })

    app.post('/reception/step-out', {
      config: { access },
      schema: {
        tags,
        summary: 'Go out on duty: passed over until back, each missed turn owed back',
        response: { 200: rotationSchema },
      },
      handler: async (request) => stepOut(callOf(deps, request)),
    })

    app.post('/reception/check-out', {
      config: { access },
      schema: {
        tags,
        summary: 'Leave the desk for the day',
        response: { 200: rotationSchema },
      },
      handler: async (request) => checkOut(callOf(deps, request)),
    })

    app.post('/reception/visits', {
      config: { access },
      schema: {
        tags,
        summary: 'Register a visitor: answers who receives them and by which rule',
        body: receiveVisitSchema,
        response: { 201: visitSchema },
      },
      handler: async (request, reply) =>
        reply.code(201).send(await receiveVisit(callOf(deps, request), request.body)),
    })

    app.get('/reception/visits', {
      config: { access },
      schema: {
        tags,
        summary: 'The visitor register of the desk, by day (today unless told), newest first',
        querystring: registerQuerySchema,
        response: { 200: visitRegisterSchema },
      },
      handler: async (request) => visitRegister(callOf(deps, request), request.query),
    })

    app.post('/reception/calls', {
      config: { access },
      schema: {
        tags,
        summary: 'Enter an inbound call in the call register, taken by the caller now',
        body: logCallSchema,
        response: { 201: callSchema },
      },
      handler: async (request, reply) =>
        reply.code(201).send(await logCall(callOf(deps, request), request.body, hooks)),
    })

    app.get('/reception/calls', {
      config: { access },
      schema: {
        tags,
        summary: 'The call register of the desk, by day (today unless told), newest first',
        querystring: registerQuerySchema,
        response: { 200: callRegisterSchema },
      },
      handler: async (request) => callRegister(callOf(deps, request), request.query),
    })

    app.post('/reception/visits/:id/register', {
      config: { access: 'customers.write' },
      schema: {
        tags,
        summary:
          'Enter the walk-in received as a customer (a name and a number), registered from their arrival',
        params: visitIdParams,
        body: registerVisitorSchema,
        response: { 201: registeredVisitorSchema },
      },
      handler: async (request, reply) =>
        reply
          .code(201)
          .send(await registerVisitor(callOf(deps, request), request.params.id, request.body)),
    })

    app.post('/reception/visits/:id/finish', {
      config: { access },
      schema: {
        tags,
        summary: 'Finish a visit with its outcome: the receiver is free for the next turn',
        params: visitIdParams,
        body: finishVisitSchema,
        response: { 200: visitSchema },
      },
      handler: async (request) =>
        finishVisit(callOf(deps, request), request.params.id, request.body, hooks),
    })
  }
}
