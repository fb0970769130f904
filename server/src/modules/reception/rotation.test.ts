import { describe, expect, it } from 'vitest'
import { afterTurn, type DeskMember, nextTurn, upNext } from './rotation.js'

const member = (accountId: string, position: number, state: Partial<DeskMember> = {}) => ({
  accountId,
  position,
  away: false,
  busy: false,
  owed: 0,
  ...state,
})

/** The rotation's rules on their own (S0 篇五 (二) 接待管理, issue 16). */
describe('the reception rotation', () => {
  it('starts from the next position and goes round the desk', () => {
    const desk = [member('a', 0), member('b', 1), member('c', 2)]
    expect(nextTurn(desk, 0)?.receiver.accountId).toBe('a')
    expect(nextTurn(desk, 2)?.receiver.accountId).toBe('c')
    // Past the last position, the round starts again at the first.
    const wrapped = nextTurn(desk, 3)
    expect([wrapped?.receiver.accountId, wrapped?.nextPosition]).toEqual(['a', 1])
  })

  it('passes over the away and the busy, saying why, and owes only the away', () => {
    const desk = [member('a', 0, { away: true }), member('b', 1, { busy: true }), member('c', 2)]
    const turn = nextTurn(desk, 0)
    expect(turn?.receiver.accountId).toBe('c')
    expect(turn?.passedOver).toEqual([
      { accountId: 'a', why: 'away' },
      { accountId: 'b', why: 'busy' },
    ])
    const after = afterTurn(desk, turn as NonNullable<typeof turn>)
    expect(after.map((m) => [m.accountId, m.owed, m.busy])).toEqual([
      ['a', 1, false],
      ['b', 0, true],
      ['c', 0, true],
    ])
  })

  it('pays an owed turn first without moving the rotation', () => {
    const desk = [member('a', 0), member('b', 1, { owed: 2 })]
    const turn = nextTurn(desk, 0)
    expect([turn?.receiver.accountId, turn?.makeUp, turn?.nextPosition]).toEqual(['b', true, 0])
    expect(afterTurn(desk, turn as NonNullable<typeof turn>)[1]?.owed).toBe(1)
  })

  it('shows the next and the one standing by, and nobody when all are out or busy', () => {
    expect(upNext([member('a', 0), member('b', 1)], 0)).toEqual({ next: 'a', standby: 'b' })
    // One free member: next, and nobody stands by (they would be receiving).
    expect(upNext([member('a', 0), member('b', 1, { away: true })], 0)).toEqual({ next: 'a' })
    expect(upNext([member('a', 0, { away: true }), member('b', 1, { busy: true })], 0)).toEqual({})
    expect(nextTurn([], 0)).toBeUndefined()
  })
})
