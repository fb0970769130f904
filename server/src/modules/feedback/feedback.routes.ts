import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { customerIdParams } from '../customers/index.js'
import {
  createImprovementSchema,
  createSurveySchema,
  formListSchema,
  formSchema,
  formsQuerySchema,
  idParams,
  improvementListSchema,
  improvementSchema,
  improvementsQuerySchema,
  recordResponseSchema,
  responseListSchema,
  responseSchema,
  revealedResponseSchema,
  revealResponseSchema,
  saveFormSchema,
  surveyDetailSchema,
  surveyListSchema,
  updateImprovementSchema,
} from './feedback.schemas.js'
import { createForm, getForm, listFeedbackForms, reviseForm } from './feedback-forms.js'
import { listResponses, recordResponse, revealResponse } from './feedback-responses.js'
import { createSurvey, listFeedbackSurveys, surveyDetail } from './feedback-surveys.js'
import { changeImprovement, createImprovement, listImprovementItems } from './improvement-items.js'

/** Feedback (客户信息反馈管理, issue 17, CUS-7): forms, satisfaction surveys, responses, improvement items. */
export function feedbackRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['feedback']

    app.get('/feedback-forms', {
      // A form names nobody: anyone signed in may read it (the builder, the staff who fill it in).
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The feedback forms: their current versions, or every version',
        querystring: formsQuerySchema,
        response: { 200: formListSchema },
      },
      handler: async (request) =>
        listFeedbackForms(callOf(deps, request), request.query.all === 'true'),
    })

    app.get('/feedback-forms/:id', {
      // A form names nobody: anyone signed in may read it (the builder, the staff who fill it in).
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'One version of a feedback form',
        params: idParams,
        response: { 200: formSchema },
      },
      handler: async (request) => getForm(callOf(deps, request), request.params.id),
    })

    app.post('/feedback-forms', {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        summary: 'Build a feedback form for a customer grade from typed fields (version 1)',
        body: saveFormSchema,
        response: { 201: formSchema },
      },
      handler: async (request, reply) =>
        reply.code(201).send(await createForm(callOf(deps, request), request.body)),
    })

    app.put('/feedback-forms/:id', {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        summary: 'Revise the current version of a form: a new version; the one before is kept',
        params: idParams,
        body: saveFormSchema,
        response: { 201: formSchema },
      },
      handler: async (request, reply) =>
        reply
          .code(201)
          .send(await reviseForm(callOf(deps, request), request.params.id, request.body)),
    })

    app.get('/feedback-surveys', {
      config: { access: 'customers.read' },
      schema: {
        tags,
        summary: 'Satisfaction surveys with invited, responded and the response rate',
        response: { 200: surveyListSchema },
      },
      handler: async (request) => listFeedbackSurveys(callOf(deps, request)),
    })

    app.post('/feedback-surveys', {
      config: { access: 'interactions.manage' },
      schema: {
        tags,
        summary:
          'Create a survey: invites the selected customers whose consent covers the channel now (CON-3); counts the rest by reason',
        body: createSurveySchema,
        response: { 201: surveyDetailSchema },
      },
      handler: async (request, reply) =>
        reply.code(201).send(await createSurvey(callOf(deps, request), request.body)),
    })

    app.get('/feedback-surveys/:id', {
      config: { access: 'customers.read' },
      schema: {
        tags,
        summary: 'A survey’s figures, average scores and invited customers (masked names)',
        params: idParams,
        response: { 200: surveyDetailSchema },
      },
      handler: async (request) => surveyDetail(callOf(deps, request), request.params.id),
    })

    app.get('/customers/:id/feedback', {
      config: {
        access: 'customers.read',
        customerScope: { record: 'customer', action: 'feedback.responses_listed' },
      },
      schema: {
        tags,
        summary:
          'A customer’s feedback responses (answers masked), the forms for them and open surveys',
        params: customerIdParams,
        response: { 200: responseListSchema },
      },
      handler: async (request) => listResponses(callOf(deps, request), request.params.id),
    })

    app.post('/customers/:id/feedback', {
      config: {
        access: 'interactions.manage',
        customerScope: { record: 'customer', action: 'feedback.response_recorded' },
      },
      schema: {
        tags,
        summary:
          'Record a customer’s answers to a form version; answers other than scores are sealed',
        params: customerIdParams,
        body: recordResponseSchema,
        response: { 201: responseSchema },
      },
      handler: async (request, reply) =>
        reply
          .code(201)
          .send(await recordResponse(callOf(deps, request), request.params.id, request.body)),
    })

    app.post('/feedback-responses/:id/reveal', {
      config: {
        access: 'customers.reveal',
        customerScope: { record: 'feedback_response', action: 'feedback.response_revealed' },
      },
      schema: {
        tags,
        summary: 'The plain answers of a feedback response, for a stated purpose (audited)',
        params: idParams,
        body: revealResponseSchema,
        response: { 200: revealedResponseSchema },
      },
      handler: async (request) =>
        revealResponse(callOf(deps, request), request.params.id, request.body.purpose),
    })

    app.get('/improvement-items', {
      config: { access: 'customers.read' },
      schema: {
        tags,
        summary: 'Improvement items (改善方案) by due day; overdue ones on asking',
        querystring: improvementsQuerySchema,
        response: { 200: improvementListSchema },
      },
      handler: async (request) => listImprovementItems(callOf(deps, request), request.query),
    })

    app.post('/improvement-items', {
      config: { access: 'interactions.manage' },
      schema: {
        tags,
        summary:
          'Open an improvement item from suggestions or complaints about the service environment',
        body: createImprovementSchema,
        response: { 201: improvementSchema },
      },
      handler: async (request, reply) =>
        reply.code(201).send(await createImprovement(callOf(deps, request), request.body)),
    })

    app.patch('/improvement-items/:id', {
      config: { access: 'interactions.manage' },
      schema: {
        tags,
        summary: 'Change an improvement item’s status, plan, owner or due day',
        params: idParams,
        body: updateImprovementSchema,
        response: { 200: improvementSchema },
      },
      handler: async (request) =>
        changeImprovement(callOf(deps, request), request.params.id, request.body),
    })
  }
}
