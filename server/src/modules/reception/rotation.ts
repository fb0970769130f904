import type { PassedOver } from '../../db/schema.js'

/**
 * The reception rotation (S0 篇五 (二) 接待管理), as pure rules over one desk's
 * members on one day:
 *
 * 1. Walk-ins are received in the order the staff checked in, round and
 *    round (销售员排列接待顺序，严格遵循轮流接待程序).
 * 2. Whoever is out on duty, or busy with a visitor, is passed over and the
 *    next in order receives (因公事外出或忙于接待客户时，其他销售员按顺序轮流接待).
 * 3. Each turn missed while out on duty is owed: back at the desk, the
 *    member receives the next walk-ins until the debt is paid, before the
 *    rotation goes on (空几轮，补接几名). A turn passed for being busy is not
 *    owed: the member was receiving.
 * 4. The one after the next stands by (第二位销售员必须坐在接待台后准备接待).
 */
export type DeskMember = {
  accountId: string
  position: number
  away: boolean
  busy: boolean
  owed: number
}

export type Turn = {
  receiver: DeskMember
  /** A make-up turn pays back one owed; it does not move the rotation. */
  makeUp: boolean
  passedOver: PassedOver[]
  /** Where the rotation looks next after this turn. */
  nextPosition: number
}

/** Who receives the next walk-in, or undefined when nobody on the desk is free. */
export function nextTurn(members: readonly DeskMember[], nextPosition: number): Turn | undefined {
  const free = (m: DeskMember) => !m.away && !m.busy
  const order = [...members].sort((a, b) => a.position - b.position)
  const owedTo = order.find((m) => m.owed > 0 && free(m))
  if (owedTo) return { receiver: owedTo, makeUp: true, passedOver: [], nextPosition }

  // From the member at or after nextPosition, round the desk once.
  const start = order.findIndex((m) => m.position >= nextPosition)
  const walk = start < 0 ? order : [...order.slice(start), ...order.slice(0, start)]
  const passedOver: PassedOver[] = []
  for (const member of walk) {
    if (free(member)) {
      return { receiver: member, makeUp: false, passedOver, nextPosition: member.position + 1 }
    }
    passedOver.push({ accountId: member.accountId, why: member.away ? 'away' : 'busy' })
  }
  return undefined
}

/** The members after a turn is taken: the receiver busy, a debt paid or new debts owed. */
export function afterTurn(members: readonly DeskMember[], turn: Turn): DeskMember[] {
  const owedNow = new Set(turn.passedOver.filter((p) => p.why === 'away').map((p) => p.accountId))
  return members.map((m) => {
    if (m.accountId === turn.receiver.accountId) {
      return { ...m, busy: true, owed: turn.makeUp ? m.owed - 1 : m.owed }
    }
    return owedNow.has(m.accountId) ? { ...m, owed: m.owed + 1 } : m
  })
}

/**
 * Who is next and who stands by, as the desk shows them: the two walk-ins
 * to come, if each was received at once (the first is then busy).
 */
export function upNext(
  members: readonly DeskMember[],
  nextPosition: number,
): { next?: string; standby?: string } {
  const first = nextTurn(members, nextPosition)
  if (!first) return {}
  const second = nextTurn(afterTurn(members, first), first.nextPosition)
  return {
    next: first.receiver.accountId,
    ...(second && { standby: second.receiver.accountId }),
  }
}
