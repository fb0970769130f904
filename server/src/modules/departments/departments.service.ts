import { recordAuditEvent } from '../../audit/audit-log.js'
import type { Database } from '../../db/database.js'
import type { Department } from '../../db/schema.js'
import type { AppDeps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import type { Call, Caller } from '../../platform/http/call.js'

export type DepartmentView = { id: string; name: string; createdAt: string }

const present = (row: Department): DepartmentView => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at.toISOString(),
})

/** Departments scope what managers and agents reach (ACC-1). */
export async function listDepartments(deps: AppDeps): Promise<DepartmentView[]> {
  return (await deps.db.selectFrom('departments').selectAll().orderBy('name').execute()).map(
    present,
  )
}

export async function saveDepartment(
  call: Call<Caller>,
  input: { id?: string; name: string },
): Promise<DepartmentView> {
  const { deps, context, now } = call
  const { actor } = call.principal
  const clash = await deps.db
    .selectFrom('departments')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', input.name.toLowerCase()))
    .executeTakeFirst()
  if (clash && clash.id !== input.id)
    throw new AppError('DEPARTMENT_NAME_TAKEN', { name: 'invalid' })
  return deps.db.transaction().execute(async (trx) => {
    const row = input.id
      ? await trx
          .updateTable('departments')
          .set({ name: input.name })
          .where('id', '=', input.id)
          .returningAll()
          .executeTakeFirst()
      : await trx
          .insertInto('departments')
          .values({ name: input.name, created_at: now })
          .returningAll()
          .executeTakeFirstOrThrow()
    if (!row) throw new AppError('DEPARTMENT_NOT_FOUND')
    await recordAuditEvent(trx, now, context, {
      actor,
      action: input.id ? 'department.updated' : 'department.created',
      target: { type: 'department', id: row.id },
      fields: ['name'],
    })
    return present(row)
  })
}

/**
 * Creates a department inside the caller's transaction, so that whatever
 * needs it (an account created with it, from the command line) succeeds or
 * fails with it: a refused account leaves no department behind.
 */
export async function createDepartmentWithin(
  trx: Database,
  call: Call<Caller>,
  name: string,
): Promise<string> {
  const { now, context } = call
  const { actor } = call.principal
  const clash = await trx
    .selectFrom('departments')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst()
  if (clash) throw new AppError('DEPARTMENT_NAME_TAKEN', { name: 'invalid' })
  const row = await trx
    .insertInto('departments')
    .values({ name, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  await recordAuditEvent(trx, now, context, {
    actor,
    action: 'department.created',
    target: { type: 'department', id: row.id },
    fields: ['name'],
  })
  return row.id
}
