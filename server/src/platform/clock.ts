/** Time is injected so tests can move it (idle expiry, lockout, deadlines). */
export type Clock = { now(): Date }

export const systemClock: Clock = { now: () => new Date() }

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  private current: Date

  constructor(start: Date | string = '2026-01-05T09:00:00+08:00') {
    this.current = new Date(start)
  }

  now(): Date {
    return new Date(this.current)
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms)
  }
}

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
