/**
 * `npm run bench`: every benchmark in turn. Each prints its figures next to
 * a baseline measured in the same run; none fails on time.
 */
import { cpus, totalmem } from 'node:os'
import { benchAudit } from './audit.bench.js'
import { benchAuth } from './auth.bench.js'
import { benchBackup } from './backup.bench.js'
import { benchConsents } from './consents.bench.js'
import { benchCustomers } from './customers.bench.js'
import { benchDuplicates } from './duplicates.bench.js'
import { benchImports } from './imports.bench.js'
import { benchWork } from './work.bench.js'

const cpu = cpus()[0]?.model ?? 'unknown CPU'
console.log(
  `Machine: ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
)

// BENCH_ONLY=customers (or auth, audit, consents, backup, work, duplicates, imports) runs one of them.
const only = process.env.BENCH_ONLY
const benchmarks = {
  auth: benchAuth,
  audit: benchAudit,
  customers: benchCustomers,
  consents: benchConsents,
  backup: benchBackup,
  work: benchWork,
  duplicates: benchDuplicates,
  imports: benchImports,
}
for (const [name, run] of Object.entries(benchmarks)) {
  if (!only || only === name) await run()
}
