import type { DatabaseHandle } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { consentStates } from '../src/modules/consents/consent-ledger.js'
import { recordConsent } from '../src/modules/consents/consents.service.js'
import { createCustomers } from '../src/modules/customers/create-customers.js'
import { customerReadInScope } from '../src/modules/customers/customer-guard.js'
import { revealFields } from '../src/modules/customers/reveal-fields.js'
import { publishNotice } from '../src/modules/notices/notices.service.js'
import type { AppDeps } from '../src/platform/deps.js'
import type { Principal } from '../src/platform/http/principal.js'
import { benchCall, benchDeps, benchManager } from './bench-deps.js'
import { onEachEngine } from './engines.js'

const CUSTOMERS = Number(process.env.BENCH_CONSENT_CUSTOMERS ?? 2000)
const REVEALS = Number(process.env.BENCH_REVEALS ?? 4000)
const IN_FLIGHT = 8

type Timing = { perSecond: number; p99: number }

async function reveals(
  deps: AppDeps,
  principal: Principal,
  ids: string[],
  purpose: string,
): Promise<Timing> {
  const latencies: number[] = []
  // The consent ledger as the composition root hands it to the reveal.
  const facts = {
    standingConsents: (customerId: string, purposes: string[]) =>
      consentStates(deps.db, customerId, purposes),
  }
  let next = 0
  const started = performance.now()
  const lane = async () => {
    while (next < REVEALS) {
      const id = ids[next++ % ids.length] as string
      const t0 = performance.now()
      // As the route runs it: the guard reads the customer, the reveal decides and opens.
      const call = benchCall(deps, principal)
      const read = await customerReadInScope(call, id, 'all', { action: 'customer.revealed' })
      await revealFields(call, { read, fields: ['mobile'], purpose }, facts)
      latencies.push(performance.now() - t0)
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane))
  latencies.sort((a, b) => a - b)
  return {
    perSecond: REVEALS / ((performance.now() - started) / 1000),
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0,
  }
}

async function benchEngine(handle: DatabaseHandle, engine: string): Promise<void> {
  await migrateToLatest(handle.db)
  const deps = await benchDeps(handle.db, { CUSTODIA_REVEAL_RATE_LIMIT: '100000000' })
  const { principal } = await benchManager(deps)
  const created = await createCustomers(
    benchCall(deps, principal),
    Array.from({ length: CUSTOMERS }, (_, i) => ({
      kind: 'individual' as const,
      name: `客户${i}`,
      mobile: `139${String(i).padStart(8, '0')}`,
    })),
  )
  const ids = created.records.map((r) => r.customer.id)
  // Consents rest on a published notice (CON-1).
  const section = {
    title: '隐私政策',
    purposes: '营销',
    scope: '手机号码、电子邮箱',
    method: '电子方式',
    retention: '撤回同意前',
    recipients: '无',
  }
  await publishNotice(benchCall(deps, principal), {
    purposes: ['marketing_sms', 'marketing_email'],
    content: { 'zh-CN': section, en: { ...section, title: 'Privacy notice' } },
  })
  // A ledger with some history: a grant withdrawn and granted again, and another channel.
  for (const id of ids) {
    for (const [purpose, granted] of [
      ['marketing_sms', true],
      ['marketing_email', true],
      ['marketing_sms', false],
      ['marketing_sms', true],
    ] as const) {
      await recordConsent(benchCall(deps, principal), id, { purpose, granted, channel: 'web' })
    }
  }

  // Alternate the two, twice, and keep the better of each: warm-up and noise count for neither.
  const best = (a: Timing, b: Timing) => (a.perSecond >= b.perSecond ? a : b)
  let without = await reveals(deps, principal, ids, 'service')
  let withCheck = await reveals(deps, principal, ids, 'marketing_sms')
  without = best(without, await reveals(deps, principal, ids, 'service'))
  withCheck = best(withCheck, await reveals(deps, principal, ids, 'marketing_sms'))

  console.log(
    `\n${engine}: ${CUSTOMERS.toLocaleString('en-US')} customers, ${(CUSTOMERS * 4).toLocaleString('en-US')} consent records, ${REVEALS.toLocaleString('en-US')} reveals, ${IN_FLIGHT} in flight`,
  )
  console.log(
    `  ${'reveal of one field'.padEnd(42)} ${'reveals/s'.padStart(10)} ${'p99 ms'.padStart(8)}`,
  )
  console.log(
    `  ${'contract purpose (no consent lookup)'.padEnd(42)} ${without.perSecond.toFixed(0).padStart(10)} ${without.p99.toFixed(1).padStart(8)}`,
  )
  console.log(
    `  ${'consent purpose (standing consent read)'.padEnd(42)} ${withCheck.perSecond.toFixed(0).padStart(10)} ${withCheck.p99.toFixed(1).padStart(8)}`,
  )
  console.log(
    `  ratio (with check / without): ${(withCheck.perSecond / without.perSecond).toFixed(2)}`,
  )
}

export async function benchConsents(): Promise<void> {
  console.log('\n== Consent check on the reveal path (CON-3, ACC-2)')
  await onEachEngine('consents', benchEngine)
}
