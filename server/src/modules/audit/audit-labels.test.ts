import { describe, expect, it } from 'vitest'
import { audit as en } from '../../../../web/src/i18n/en/audit.js'
import { audit as zh } from '../../../../web/src/i18n/zh-CN/audit.js'
import type { VerifyProblem } from '../../audit/verify.js'
import type { WitnessReadProblem } from '../../audit/witness-log.js'
import { PERMISSIONS } from '../../security/permissions.js'
import { ACTION_NAMES, REASON_NAMES } from './audit-labels.js'

/** The console's label at an action code (`domain.verb`), as its i18n files nest it. */
const consoleLabel = (labels: Record<string, Record<string, string>>, action: string) => {
  const [domain = '', verb = ''] = action.split('.')
  return labels[domain]?.[verb]
}

describe('the export names actions and reasons as the console does (issue 14 item 1)', () => {
  it('has the console’s label for every action, in both languages', () => {
    for (const [action, name] of Object.entries(ACTION_NAMES)) {
      expect(name.zh, action).toBe(consoleLabel(zh.auditActions, action))
      expect(name.en, action).toBe(consoleLabel(en.auditActions, action))
    }
  })

  it('has the console’s label for every reason, in both languages', () => {
    for (const [reason, name] of Object.entries(REASON_NAMES)) {
      expect(name.zh, reason).toBe(zh.auditReasons[reason as keyof typeof zh.auditReasons])
      expect(name.en, reason).toBe(en.auditReasons[reason as keyof typeof en.auditReasons])
    }
  })

  it('the console names every permission a refusal may cite (missing_permission:<permission>)', () => {
    for (const labels of [zh.auditPermissions, en.auditPermissions]) {
      for (const permission of PERMISSIONS) {
        const label = consoleLabel(labels as Record<string, Record<string, string>>, permission)
        expect(typeof label === 'string' && label !== '' && label !== permission, permission).toBe(
          true,
        )
      }
    }
  })

  it('the console names every problem a verification may report', () => {
    // Every problem once: the type check fails when one is added and not listed here.
    const problems: Record<VerifyProblem | WitnessReadProblem, true> = {
      bad_checkpoint_signature: true,
      sequence_gap: true,
      event_missing: true,
      event_altered: true,
      chain_altered: true,
      checkpoint_mismatch: true,
      truncated: true,
      unsealed_event: true,
      pruned_off_checkpoint: true,
      checkpoint_missing: true,
      uncovered_event: true,
      pruned_too_young: true,
      witness_missing: true,
      witness_unreadable: true,
      witness_malformed: true,
      witness_chain_broken: true,
      witness_bad_signature: true,
      witness_out_of_order: true,
    }
    for (const labels of [zh.auditProblems, en.auditProblems]) {
      expect(Object.keys(labels).sort()).toEqual(Object.keys(problems).sort())
    }
  })
})
