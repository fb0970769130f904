import { type ChannelWatch, watchChannel } from '../db/change-feed.js'
import type { Database } from '../db/database.js'

export type NotifiedCache<T> = { get(db: Database): Promise<T> }

type State<T> = {
  value?: Promise<T>
  /** A read on its way, shared by whoever asks meanwhile, unless a notice comes first. */
  loading?: { generation: number; value: Promise<T> }
  watch: ChannelWatch
}

/**
 * A value read from the database and kept per process until a trigger
 * announces on `channel` that what it was read from changed (migration
 * 0016, db/change-feed.ts). It is served only once every notice committed
 * before the call is in, so it is never staler than a fresh read. A
 * database without a change feed reads every time.
 */
export function notifiedCache<T>(
  channel: string,
  load: (db: Database) => Promise<T>,
): NotifiedCache<T> {
  const states = new WeakMap<Database, State<T> | null>()
  const stateOf = (db: Database): State<T> | null => {
    const known = states.get(db)
    if (known !== undefined) return known
    const drop = () => {
      if (state) state.value = undefined
    }
    const watch = watchChannel(db, channel, { onNotice: drop, onLost: drop })
    const state: State<T> | null = watch ? { watch } : null
    states.set(db, state)
    return state
  }
  return {
    async get(db) {
      const state = stateOf(db)
      if (!state?.watch.listening) return load(db)
      const { watch } = state
      if (state.value || state.loading) {
        // What was read, or is being read, counts only once every notice before this call is in.
        if (!(await watch.current())) return load(db)
        if (state.value) return state.value
        if (state.loading?.generation === watch.generation) return state.loading.value
      }
      const readAt = watch.generation
      const value = load(db)
      state.loading = { generation: readAt, value }
      value
        .then(
          () => {
            if (watch.generation === readAt) state.value = value
          },
          () => {},
        )
        .finally(() => {
          if (state.loading?.value === value) state.loading = undefined
        })
      return value
    },
  }
}
