import { describe, expect, it } from 'vitest'
import { runDetails } from './backup-run-details.js'
import { archiveDetail } from './backup-runs.js'
import { describeChecks } from './verify-backup.js'

/** Issue 14 item 1: the console words a run from its parts, never from the English line. */
describe('a backup run’s detail as parts (OPS-1, UI-1)', () => {
  it('reads an archive line back', () => {
    const line = archiveDetail(
      { counts: { customers: 1 } } as unknown as Parameters<typeof archiveDetail>[0],
      15847,
    )
    expect(runDetails(line)).toEqual({ type: 'archive', customers: 1, bytes: 15847 })
  })

  it('reads every check of a verification back, passed or failed', () => {
    const line = describeChecks({
      ok: false,
      checks: [
        { name: 'row counts', ok: false, detail: 'customers 1/1, audit_events 5/6, accounts 2/2' },
        { name: 'decryption sample', ok: true, detail: '1 of 1 customers opened' },
        { name: 'audit trail', ok: true, detail: '5 events verified' },
      ],
    })
    expect(runDetails(line)).toEqual({
      type: 'checks',
      checks: [
        {
          check: 'rowCounts',
          ok: false,
          tables: [
            { table: 'customers', found: 1, expected: 1 },
            { table: 'auditEvents', found: 5, expected: 6 },
            { table: 'accounts', found: 2, expected: 2 },
          ],
        },
        { check: 'decryptionSample', ok: true, opened: 1, sampled: 1 },
        { check: 'auditTrail', ok: true, events: 5, firstBadPosition: null },
      ],
    })
    expect(
      runDetails(
        describeChecks({
          ok: false,
          checks: [{ name: 'audit trail', ok: false, detail: 'first bad position 7' }],
        }),
      ),
    ).toEqual({
      type: 'checks',
      checks: [{ check: 'auditTrail', ok: false, events: null, firstBadPosition: 7 }],
    })
  })

  it('keeps a failed restore’s technical message, semicolons and all, for the hover', () => {
    const message = 'unsupported state or unable to authenticate data'
    expect(
      runDetails(
        describeChecks({ ok: false, checks: [{ name: 'restore', ok: false, detail: message }] }),
      ),
    ).toEqual({ type: 'checks', checks: [{ check: 'restore', ok: false, message }] })
  })

  it('passes a line it does not know on as text', () => {
    expect(runDetails('something else')).toEqual({ type: 'text', text: 'something else' })
  })
})
