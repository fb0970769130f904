import type { AuditAction, AuditReason } from '../src/audit/audit-actions.js'

/**
 * Names only tests record. recordAuditEvent takes catalogued names alone
 * (audit/audit-actions.ts); a test that needs an event of no real kind says
 * so here, and production code, which cannot import this folder, stays
 * strictly typed.
 */
export function testAction(name: `test.${string}`): AuditAction {
  return name as string as AuditAction
}

/** A reason outside the catalogue: for tests of how the trail stores and exports any text. */
export function testReason(reason: string): AuditReason {
  return reason as AuditReason
}
