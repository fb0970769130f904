import type { ZxcvbnFactory } from '@zxcvbn-ts/core'
import {
  COMMON_PASSWORDS_ZH,
  PINYIN_GIVEN_NAMES,
  PINYIN_SURNAMES,
  PINYIN_WORDS,
} from './common-passwords-zh.js'

/**
 * ACC-4: how guessable a new password is, estimated by zxcvbn-ts (common
 * passwords, English words and names, keyboard runs, dates, repeats, l33t)
 * with the Chinese lists of common-passwords-zh.ts added. Scores run 0–4;
 * below MIN_SCORE (fewer than about 10^8 guesses) is refused, for the
 * password as typed and for its letters and digits without separators.
 *
 * The dictionaries are large (some 100 ms to import, more to index), so the
 * estimator is loaded on first use, once per process: only setting or
 * changing a password needs it, never signing in.
 */
export const MIN_SCORE = 3

let estimator: Promise<ZxcvbnFactory> | undefined

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ])
    return new ZxcvbnFactory({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: {
        ...common.dictionary,
        ...en.dictionary,
        'passwords-zh': [...COMMON_PASSWORDS_ZH],
        'pinyin-words': [...PINYIN_WORDS],
        'pinyin-surnames': [...PINYIN_SURNAMES],
        'pinyin-given-names': [...PINYIN_GIVEN_NAMES],
      },
      // Levenshtein matching costs up to a second of CPU per check on long
      // inputs, which a signed-in caller could repeat at will; l33t and
      // reversal matching stay on.
      useLevenshteinDistance: false,
    })
  })()
  return estimator
}

/**
 * True when the password would take too few guesses. `userInputs` are the
 * account's own words (username, display name), which count as known to an
 * attacker. Nothing of the password or the estimator's feedback (which may
 * quote parts of it) leaves this function.
 */
export async function isGuessable(password: string, userInputs: string[]): Promise<boolean> {
  const zxcvbn = await loadEstimator()
  // Split names as people write them into passwords: "Li Lei" -> li, lei, lilei.
  const inputs = userInputs.flatMap((input) => {
    const lower = input.toLowerCase()
    const parts = lower.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length >= 2)
    return [lower, ...parts, parts.join('')]
  })
  const known = [...new Set(inputs)].filter(Boolean)
  if (zxcvbn.check(password, known).score < MIN_SCORE) return true
  // zxcvbn credits every separator between words as if it were random, so
  // "Woaini-1314!" scores like a strong password; cracking rules insert
  // separators for free. The words and digits alone must hold up too.
  const squeezed = password.replace(/[^\p{L}\p{N}]+/gu, '')
  return squeezed !== password && zxcvbn.check(squeezed, known).score < MIN_SCORE
}
