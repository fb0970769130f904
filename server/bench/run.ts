/**
 * `npm run bench`: every benchmark in turn. Each prints its figures next to
 * a baseline measured in the same run; none fails on time.
 */
import { cpus, totalmem } from 'node:os'
import { benchAudit } from './audit.bench.js'
import { benchAuth } from './auth.bench.js'

const cpu = cpus()[0]?.model ?? 'unknown CPU'
console.log(
  `Machine: ${cpu}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
)

await benchAuth()
await benchAudit()
