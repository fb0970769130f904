import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { AppDeps } from '../../platform/deps.js'
import { callOf } from '../../platform/http/call.js'
import { customerIdParams } from '../customers/index.js'
import {
  dailyReportToday,
  listDailyReports,
  reviewDailyReport,
  submitDailyReport,
} from './daily-reports.js'
import { revealTrackingForm } from './reveal-tracking-form.js'
import {
  checkTrackingFormSchema,
  dailyReportParams,
  dailyReportSchema,
  dailyReportsPageSchema,
  dailyReportsQuerySchema,
  dailyReportTodaySchema,
  revealedTrackingFormSchema,
  revealTrackingFormSchema,
  reviewDailyReportSchema,
  submitDailyReportSchema,
  trackingFormSchema,
  trackingFormsPageSchema,
  trackingFormsQuerySchema,
  trackingSettingsInputSchema,
  trackingSettingsSchema,
  updateTrackingFormSchema,
} from './tracking.schemas.js'
import {
  checkTrackingForm,
  listTrackingForms,
  showTrackingForm,
  updateTrackingForm,
} from './tracking-forms.js'
import { changeTrackingSettings, showTrackingSettings } from './tracking-settings.js'

/**
 * The tracking form of A and B customers (客户追踪表) with the supervisor's
 * checks, and the salesperson's daily report (晚会) — issue 17 §3,
 * docs/tracking.md. A form is a customer-linked record: out of scope
 * answers as not found.
 */
export function trackingRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['tracking']

    app.get('/customers/:id/tracking-form', {
      config: {
        access: 'customers.read',
        customerScope: { record: 'customer', action: 'tracking_form.viewed' },
      },
      schema: {
        tags,
        summary: 'A customer’s tracking form: fields, values masked, history, supervisor checks',
        params: customerIdParams,
        response: { 200: trackingFormSchema },
      },
      handler: async (request) => showTrackingForm(callOf(deps, request), request.params.id),
    })

    app.put('/customers/:id/tracking-form', {
      config: {
        access: 'interactions.manage',
        customerScope: { record: 'customer', action: 'tracking_form.updated' },
      },
      schema: {
        tags,
        summary:
          'Update the tracking form of an A or B customer (a new dated version; the values sealed)',
        params: customerIdParams,
        body: updateTrackingFormSchema,
        response: { 200: trackingFormSchema },
      },
      handler: async (request) =>
        updateTrackingForm(callOf(deps, request), request.params.id, request.body),
    })

    app.post('/customers/:id/tracking-form/checks', {
      config: {
        access: 'tracking.supervise',
        customerScope: { record: 'customer', action: 'tracking_form.checked' },
      },
      schema: {
        tags,
        summary: 'Record a supervisor’s check of a tracking form, with a sealed comment',
        params: customerIdParams,
        body: checkTrackingFormSchema,
        response: { 201: trackingFormSchema },
      },
      handler: async (request, reply) =>
        reply
          .code(201)
          .send(
            await checkTrackingForm(callOf(deps, request), request.params.id, request.body.comment),
          ),
    })

    app.post('/customers/:id/tracking-form/reveal', {
      config: {
        access: 'customers.reveal',
        customerScope: { record: 'customer', action: 'tracking_form.revealed' },
      },
      schema: {
        tags,
        summary:
          'The plain values of a tracking form and its checks’ comments, for a stated purpose',
        params: customerIdParams,
        body: revealTrackingFormSchema,
        response: { 200: revealedTrackingFormSchema },
      },
      handler: async (request) =>
        revealTrackingForm(callOf(deps, request), request.params.id, request.body.purpose),
    })

    app.get('/tracking-forms', {
      config: { access: 'tracking.supervise' },
      schema: {
        tags,
        summary:
          'The A and B customers in scope with their form’s state, the soonest stale first (stale=true)',
        querystring: trackingFormsQuerySchema,
        response: { 200: trackingFormsPageSchema },
      },
      handler: async (request) => listTrackingForms(callOf(deps, request), request.query),
    })

    app.get('/tracking-forms/settings', {
      // The field definitions hold no customer data: the settings screen and the form both read them.
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The tracking form’s fields and after how many days a form is stale',
        response: { 200: trackingSettingsSchema },
      },
      handler: async (request) => showTrackingSettings(callOf(deps, request)),
    })

    app.put('/tracking-forms/settings', {
      config: { access: 'settings.manage' },
      schema: {
        tags,
        summary: 'Replace the tracking form’s fields and staleness periods (audited)',
        body: trackingSettingsInputSchema,
        response: { 200: trackingSettingsSchema },
      },
      handler: async (request) => changeTrackingSettings(callOf(deps, request), request.body),
    })

    app.get('/daily-reports/today', {
      config: { access: 'interactions.manage' },
      schema: {
        tags,
        summary:
          'The caller’s counts of the company’s day so far, and its daily report once submitted',
        response: { 200: dailyReportTodaySchema },
      },
      handler: async (request) => dailyReportToday(callOf(deps, request)),
    })

    app.get('/daily-reports', {
      config: { access: 'interactions.manage' },
      schema: {
        tags,
        summary: 'Daily reports, the latest day first: the caller’s own, or the department’s',
        querystring: dailyReportsQuerySchema,
        response: { 200: dailyReportsPageSchema },
      },
      handler: async (request) => listDailyReports(callOf(deps, request), request.query),
    })

    app.post('/daily-reports', {
      config: { access: 'interactions.manage' },
      schema: {
        tags,
        summary:
          'Submit (or, before review, amend) today’s report: counts from the records, problems sealed',
        body: submitDailyReportSchema,
        response: { 200: dailyReportSchema },
      },
      handler: async (request) => submitDailyReport(callOf(deps, request), request.body),
    })

    app.post('/daily-reports/:id/review', {
      config: { access: 'tracking.supervise' },
      schema: {
        tags,
        summary: 'Review a daily report of the department, which locks it',
        params: dailyReportParams,
        body: reviewDailyReportSchema,
        response: { 200: dailyReportSchema },
      },
      handler: async (request) =>
        reviewDailyReport(callOf(deps, request), request.params.id, request.body),
    })
  }
}
