import { type Kysely, sql, type Transaction } from 'kysely'
import type {
  DB,
  FeedbackField,
  FeedbackSurveyChannel,
  ImprovementStatus,
  SealedValues,
} from '../../db/schema.js'
import { type Clearance, scopeCondition, standingConsent } from '../../security/customer-policy.js'

type Db = Kysely<DB> | Transaction<DB>

// ------------------------------------------------------------------ forms

export async function insertFormVersion(
  trx: Transaction<DB>,
  form: {
    seriesId?: string
    version: number
    name: string
    grade: 'important' | 'general' | null
    fields: FeedbackField[]
    by: string
    at: Date
  },
) {
  return trx
    .insertInto('feedback_forms')
    .values({
      ...(form.seriesId && { series_id: form.seriesId }),
      version: form.version,
      name: form.name,
      grade: form.grade,
      fields: JSON.stringify(form.fields),
      created_by: form.by,
      created_at: form.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Marks a version superseded, if it still is the current one (false: someone revised it first). */
export async function supersedeForm(trx: Transaction<DB>, id: string): Promise<boolean> {
  const result = await trx
    .updateTable('feedback_forms')
    .set({ status: 'superseded' })
    .where('id', '=', id)
    .where('status', '=', 'current')
    .executeTakeFirst()
  return result.numUpdatedRows === 1n
}

export async function findForm(db: Db, id: string) {
  return db.selectFrom('feedback_forms').selectAll().where('id', '=', id).executeTakeFirst()
}

export type FormRow = NonNullable<Awaited<ReturnType<typeof findForm>>>

/** The current versions (or every version), newest series first; for a grade, those for it or for all. */
export async function listForms(db: Db, options: { all: boolean; grade?: string | null }) {
  let query = db.selectFrom('feedback_forms').selectAll()
  if (!options.all) query = query.where('status', '=', 'current')
  if (options.grade !== undefined) {
    const grade = options.grade
    query = query.where((eb) =>
      grade === null
        ? eb('grade', 'is', null)
        : eb.or([eb('grade', 'is', null), eb('grade', '=', grade as 'important' | 'general')]),
    )
  }
  return query.orderBy('created_at', 'desc').orderBy('version', 'desc').execute()
}

// ---------------------------------------------------------------- surveys

/**
 * The customers of a selection in the caller's scope, each with what CON-3
 * needs to know now: whether they are active and the standing consent to
 * the channel's purpose (null: never asked, false: withdrawn) — the
 * policy's rule, in SQL.
 */
export async function surveyCandidates(
  db: Db,
  options: {
    clearance: Clearance
    purpose: string
    selection: { customerIds: string[] } | { grade: string | null }
  },
) {
  let query = db
    .selectFrom('customers as c')
    .select(['c.id', 'c.status', 'c.grade'])
    .select(
      standingConsent('c.id', options.purpose, 'granted').$castTo<boolean | null>().as('consent'),
    )
    .where(scopeCondition(options.clearance, 'c'))
    .where('c.destroyed_at', 'is', null)
  const { selection } = options
  if ('customerIds' in selection) {
    query = query.where('c.id', 'in', selection.customerIds)
  } else {
    query = query.where('c.status', 'in', ['active', 'restricted'])
    if (selection.grade) query = query.where('c.grade', '=', selection.grade)
  }
  return query.orderBy('c.id').execute()
}

export async function insertSurvey(
  trx: Transaction<DB>,
  survey: {
    formId: string
    name: string
    channel: FeedbackSurveyChannel
    excluded: Record<string, number>
    by: string
    at: Date
  },
) {
  const row = await trx
    .insertInto('feedback_surveys')
    .values({
      form_id: survey.formId,
      name: survey.name,
      channel: survey.channel,
      excluded: JSON.stringify(survey.excluded),
      created_by: survey.by,
      created_at: survey.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

const INVITATION_CHUNK = 1000

export async function insertInvitations(
  trx: Transaction<DB>,
  surveyId: string,
  customerIds: string[],
  at: Date,
) {
  // In chunks: a grade of a large department is more rows than one statement's parameters allow.
  for (let start = 0; start < customerIds.length; start += INVITATION_CHUNK) {
    await trx
      .insertInto('feedback_invitations')
      .values(
        customerIds
          .slice(start, start + INVITATION_CHUNK)
          .map((id) => ({ survey_id: surveyId, customer_id: id, invited_at: at })),
      )
      .execute()
  }
}

/** Surveys with their form and counts: invited, and responded (one per invited customer at most). */
function surveysWithCounts(db: Db) {
  return db
    .selectFrom('feedback_surveys as s')
    .innerJoin('feedback_forms as f', 'f.id', 's.form_id')
    .select([
      's.id',
      's.name',
      's.channel',
      's.excluded',
      's.created_at',
      's.form_id',
      'f.name as form_name',
      'f.version as form_version',
      'f.fields as form_fields',
    ])
    .select((eb) => [
      eb
        .selectFrom('feedback_invitations as i')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.survey_id', '=', 's.id')
        .as('invited'),
      eb
        .selectFrom('feedback_responses as r')
        .select(sql<number>`count(distinct coalesce(r.customer_id::text, r.id::text))`.as('n'))
        .whereRef('r.survey_id', '=', 's.id')
        .as('responded'),
    ])
}

export async function listSurveys(db: Db) {
  return surveysWithCounts(db).orderBy('s.created_at', 'desc').orderBy('s.id').execute()
}

export async function findSurvey(db: Db, id: string) {
  return surveysWithCounts(db).where('s.id', '=', id).executeTakeFirst()
}

export type SurveyRow = NonNullable<Awaited<ReturnType<typeof findSurvey>>>

/** Per scale question of the survey's form: the average score and how many answered, in SQL. */
export async function surveyScores(db: Db, surveyId: string) {
  const { rows } = await sql<{ key: string; average: string | null; answers: number }>`
    select s.key, round(avg(s.value::numeric), 2)::text as average, count(*)::int as answers
    from feedback_responses r, jsonb_each_text(r.scores) as s(key, value)
    where r.survey_id = ${surveyId}
    group by s.key`.execute(db)
  return rows
}

/** The invited customers in the caller's scope, and whether each has answered. */
export async function surveyInvitees(db: Db, surveyId: string, clearance: Clearance) {
  return db
    .selectFrom('feedback_invitations as i')
    .innerJoin('customers as c', 'c.id', 'i.customer_id')
    .select(['i.customer_id'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('feedback_responses as r')
            .select('r.id')
            .whereRef('r.survey_id', '=', 'i.survey_id')
            .whereRef('r.customer_id', '=', 'i.customer_id'),
        )
        .as('responded'),
    )
    .where('i.survey_id', '=', surveyId)
    .where(scopeCondition(clearance, 'c'))
    .orderBy('i.invited_at')
    .orderBy('i.id')
    .limit(1000)
    .execute()
}

export async function isInvited(db: Db, surveyId: string, customerId: string) {
  const row = await db
    .selectFrom('feedback_invitations')
    .select('id')
    .where('survey_id', '=', surveyId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
  return row !== undefined
}

export async function hasAnswered(db: Db, surveyId: string, customerId: string) {
  const row = await db
    .selectFrom('feedback_responses')
    .select('id')
    .where('survey_id', '=', surveyId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst()
  return row !== undefined
}

/** Surveys the customer is invited to and has not answered. */
export async function openSurveysOf(db: Db, customerId: string) {
  return db
    .selectFrom('feedback_invitations as i')
    .innerJoin('feedback_surveys as s', 's.id', 'i.survey_id')
    .select(['s.id', 's.name', 's.form_id'])
    .where('i.customer_id', '=', customerId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('feedback_responses as r')
            .select('r.id')
            .whereRef('r.survey_id', '=', 's.id')
            .where('r.customer_id', '=', customerId),
        ),
      ),
    )
    .orderBy('s.created_at', 'desc')
    .execute()
}

// -------------------------------------------------------------- responses

export async function insertResponse(
  trx: Transaction<DB>,
  response: {
    formId: string
    surveyId: string | null
    customerId: string
    scores: Record<string, number>
    sealed: SealedValues
    by: string
    at: Date
  },
) {
  const row = await trx
    .insertInto('feedback_responses')
    .values({
      form_id: response.formId,
      survey_id: response.surveyId,
      customer_id: response.customerId,
      scores: JSON.stringify(response.scores),
      sealed: JSON.stringify(response.sealed),
      recorded_by: response.by,
      recorded_at: response.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

function responsesWithForm(db: Db) {
  return db
    .selectFrom('feedback_responses as r')
    .innerJoin('feedback_forms as f', 'f.id', 'r.form_id')
    .select([
      'r.id',
      'r.customer_id',
      'r.survey_id',
      'r.scores',
      'r.sealed',
      'r.recorded_by',
      'r.recorded_at',
      'f.id as form_id',
      'f.name as form_name',
      'f.version as form_version',
    ])
}

export async function findResponse(db: Db, id: string) {
  return responsesWithForm(db).where('r.id', '=', id).executeTakeFirst()
}

export type ResponseRow = NonNullable<Awaited<ReturnType<typeof findResponse>>>

export async function responsesOf(db: Db, customerId: string) {
  return responsesWithForm(db)
    .where('r.customer_id', '=', customerId)
    .orderBy('r.recorded_at', 'desc')
    .orderBy('r.id')
    .limit(200)
    .execute()
}

// ------------------------------------------------------ improvement items

const improvementColumns = [
  'id',
  'kind',
  'title',
  'plan',
  'owner_id',
  'status',
  'response_id',
  'created_at',
  'updated_at',
] as const

function improvements(db: Db) {
  return db
    .selectFrom('improvement_items')
    .select(improvementColumns)
    .select(sql<string>`to_char(due_on, 'YYYY-MM-DD')`.as('due_on'))
}

export async function insertImprovement(
  trx: Transaction<DB>,
  item: {
    kind: 'suggestion' | 'complaint'
    title: string
    plan: string | null
    ownerId: string
    dueOn: string
    responseId: string | null
    by: string
    at: Date
  },
) {
  const row = await trx
    .insertInto('improvement_items')
    .values({
      kind: item.kind,
      title: item.title,
      plan: item.plan,
      owner_id: item.ownerId,
      due_on: item.dueOn,
      response_id: item.responseId,
      created_by: item.by,
      created_at: item.at,
      updated_at: item.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function updateImprovement(
  trx: Transaction<DB>,
  id: string,
  change: {
    status?: ImprovementStatus
    plan?: string | null
    ownerId?: string
    dueOn?: string
    at: Date
  },
) {
  await trx
    .updateTable('improvement_items')
    .set({
      ...(change.status && { status: change.status }),
      ...(change.plan !== undefined && { plan: change.plan }),
      ...(change.ownerId && { owner_id: change.ownerId }),
      ...(change.dueOn && { due_on: change.dueOn }),
      updated_at: change.at,
    })
    .where('id', '=', id)
    .execute()
}

export async function findImprovement(db: Db, id: string) {
  return improvements(db).where('id', '=', id).executeTakeFirst()
}

export type ImprovementRow = NonNullable<Awaited<ReturnType<typeof findImprovement>>>

/** Items by due day; `overdueBefore`: only open or in progress due before that day. */
export async function listImprovements(
  db: Db,
  filter: { status?: ImprovementStatus; overdueBefore?: string },
) {
  let query = improvements(db)
  if (filter.status) query = query.where('status', '=', filter.status)
  if (filter.overdueBefore) {
    query = query
      .where('status', 'in', ['open', 'in_progress'])
      .where('due_on', '<', filter.overdueBefore)
  }
  return query.orderBy('due_on').orderBy('created_at').limit(500).execute()
}

export async function isActiveAccount(db: Db, accountId: string) {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', accountId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  return row !== undefined
}
