import { type SqlBool, sql } from 'kysely'
import { type CustomerDataHolder, countByCustomerId } from '../../platform/customer-data-holder.js'

/**
 * The customer's feedback (客户信息反馈, CUS-7): each form they answered,
 * when, and every answer — the scores and, opened with the customer's key,
 * what they said. Invitations to surveys are information about them too.
 * Improvement items are about the service environment, not the customer:
 * not in the copy.
 */
export const feedbackData: CustomerDataHolder<{
  feedbackResponses: {
    at: string
    form: string
    version: number
    answers: { question: string; answer: string }[]
  }[]
  surveyInvitations: { at: string; survey: string; channel: string }[]
}> = {
  name: 'feedback',
  tables: ['feedback_invitations', 'feedback_responses', 'improvement_items'],

  /** Answers go to the survivor; an invitation to a survey the survivor is invited to already stays with the record merged away. */
  movable: [
    {
      table: 'feedback_invitations',
      staysIf: (survivorId) =>
        sql<SqlBool>`exists (select 1 from feedback_invitations s
          where s.survey_id = r.survey_id and s.customer_id = ${survivorId})`,
    },
    { table: 'feedback_responses', sealedAs: (key) => `feedback.answer.${key}` },
  ],

  /** Every response, oldest first, its answers labelled by their questions; every invitation. */
  async exportFor(db, customerId, { vault, key }) {
    const [responses, invitations] = await Promise.all([
      db
        .selectFrom('feedback_responses as r')
        .innerJoin('feedback_forms as f', 'f.id', 'r.form_id')
        .select(['r.recorded_at', 'f.name', 'f.version', 'f.fields', 'r.scores', 'r.sealed'])
        .where('r.customer_id', '=', customerId)
        .orderBy('r.recorded_at')
        .orderBy('r.id')
        .execute(),
      db
        .selectFrom('feedback_invitations as i')
        .innerJoin('feedback_surveys as s', 's.id', 'i.survey_id')
        .select(['i.invited_at', 's.name', 's.channel'])
        .where('i.customer_id', '=', customerId)
        .orderBy('i.invited_at')
        .orderBy('i.id')
        .execute(),
    ])
    return {
      feedbackResponses: responses.map((r) => ({
        at: r.recorded_at.toISOString(),
        form: r.name,
        version: r.version,
        answers: r.fields.flatMap((field) => {
          const score = r.scores[field.key]
          const sealed = r.sealed[field.key]
          const answer =
            score !== undefined
              ? String(score)
              : sealed !== undefined
                ? vault.open(key, `feedback.answer.${field.key}`, sealed)
                : undefined
          return answer === undefined ? [] : [{ question: field.label, answer }]
        }),
      })),
      surveyInvitations: invitations.map((i) => ({
        at: i.invited_at.toISOString(),
        survey: i.name,
        channel: i.channel,
      })),
    }
  },

  /**
   * Responses and invitations are kept, unlinked, the sealed answers
   * dropped (they could no longer be opened anyway): the scores alone name
   * nobody, and a survey's response rate and averages stay true.
   * Improvement items hold no customer value: a response they point at is
   * unlinked, and that is all.
   */
  async shred(trx, customerId) {
    await trx
      .updateTable('feedback_responses')
      .set({ customer_id: null, sealed: '{}' })
      .where('customer_id', '=', customerId)
      .execute()
    await trx
      .updateTable('feedback_invitations')
      .set({ customer_id: null })
      .where('customer_id', '=', customerId)
      .execute()
  },

  /** Improvement items count when they point at one of the customer's responses. */
  async count(db, customerId) {
    const counts = await countByCustomerId(db, customerId, [
      'feedback_invitations',
      'feedback_responses',
    ])
    const items = await db
      .selectFrom('improvement_items as i')
      .innerJoin('feedback_responses as r', 'r.id', 'i.response_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('r.customer_id', '=', customerId)
      .executeTakeFirstOrThrow()
    return { ...counts, improvement_items: Number(items.n) }
  },
}
