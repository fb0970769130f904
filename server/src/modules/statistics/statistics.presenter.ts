import type { CountRow, ReasonCountRow, StaffRow, StageCountRow } from './statistics.repository.js'
import { COUNTS, type CountName, type Counts, type VisitsCalls } from './statistics.schemas.js'

/*
 * Count rows to the statistics' shape: pure. Per salesperson and period as
 * counted in SQL; a department's figures and the range's totals are the
 * sums of those rows, so a table's columns always add up to its total row.
 */

export const zeroCounts = (): Counts =>
  Object.fromEntries(COUNTS.map((name) => [name, 0])) as Counts

function add(into: Counts, name: CountName, n: number) {
  into[name] += n
}

export function presentVisitsCalls(
  head: Pick<VisitsCalls, 'period' | 'from' | 'to' | 'timeZone' | 'reach' | 'buckets'>,
  counted: CountRow[],
  staff: StaffRow[],
  departmentNames: Map<string, string>,
  stages: StageCountRow[],
  reasons: ReasonCountRow[],
): VisitsCalls {
  const people = new Map(staff.map((s) => [s.id, s]))
  const rows = new Map<string, VisitsCalls['rows'][number]>()
  const departments = new Map<string, VisitsCalls['departments'][number]>()
  const totals = zeroCounts()
  for (const c of counted) {
    const person = people.get(c.accountId)
    const departmentId = person?.departmentId ?? null
    const rowKey = `${c.bucket}|${c.accountId}`
    let row = rows.get(rowKey)
    if (!row) {
      row = {
        bucket: c.bucket,
        accountId: c.accountId,
        name: person?.name ?? '',
        departmentId,
        counts: zeroCounts(),
      }
      rows.set(rowKey, row)
    }
    const departmentKey = `${c.bucket}|${departmentId}`
    let department = departments.get(departmentKey)
    if (!department) {
      department = {
        bucket: c.bucket,
        departmentId,
        name: (departmentId && departmentNames.get(departmentId)) || null,
        counts: zeroCounts(),
      }
      departments.set(departmentKey, department)
    }
    add(row.counts, c.count, c.n)
    add(department.counts, c.count, c.n)
    add(totals, c.count, c.n)
  }
  const byBucketThenName = <T extends { bucket: string; name: string | null }>(a: T, b: T) =>
    a.bucket.localeCompare(b.bucket) || (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN')
  return {
    ...head,
    rows: [...rows.values()].sort(byBucketThenName),
    departments: [...departments.values()].sort(byBucketThenName),
    totals,
    dealsByStage: stages.map((s) => ({
      code: s.code,
      kind: s.kind,
      labelZh: s.label_zh,
      labelEn: s.label_en,
      count: s.count,
    })),
    noDealReasons: reasons.map((r) => ({
      code: r.code,
      kind: r.kind,
      labelZh: r.label_zh,
      labelEn: r.label_en,
      count: r.count,
    })),
  }
}
