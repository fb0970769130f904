import { describe, expect, it } from 'vitest'
import { normaliseText } from './text.js'

const line = (value: string) => normaliseText(value, { multiline: false })
const multiline = (value: string) => normaliseText(value, { multiline: true })

describe('normaliseText (CUS-2)', () => {
  it('removes zero-width and other invisible characters', () => {
    expect(line('张\u200b三')).toEqual({ ok: true, value: '张三' })
    expect(line('\ufeff李\u200c\u200d四\u2060\u00ad\u200e\u200f\u061c')).toEqual({
      ok: true,
      value: '李四',
    })
  })

  it('refuses bidirectional overrides, embeddings and isolates', () => {
    // The name: an override that shows the rest reversed, and a zero-width space.
    expect(line('张\u202e三\u200b')).toEqual({ ok: false, reason: 'forbiddenCharacters' })
    for (const char of [
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ]) {
      expect(line(`a${char}b`).ok, char.codePointAt(0)?.toString(16)).toBe(false)
    }
  })

  it('refuses control characters, NUL first, in every kind of text', () => {
    for (const char of [
      '\u0000',
      '\u0001',
      '\u0008',
      '\u000b',
      '\u000c',
      '\u001b',
      '\u007f',
      '\u0085',
      '\u009f',
    ]) {
      expect(line(`a${char}b`).ok).toBe(false)
      expect(multiline(`a${char}b`).ok).toBe(false)
    }
    expect(line('a\u2028b').ok).toBe(false)
    expect(line('tag\u{e0041}').ok).toBe(false)
    expect(line('\ud800').ok).toBe(false)
    expect(line('a\udc00b').ok).toBe(false)
    // A surrogate pair is one character, not a refusal.
    expect(line('𠮷野家')).toEqual({ ok: true, value: '𠮷野家' })
  })

  it('keeps tab and line breaks in multi-line text only, with LF line ends', () => {
    expect(multiline('第一行\r\n第二行\r第三行\n\t缩进')).toEqual({
      ok: true,
      value: '第一行\n第二行\n第三行\n\t缩进',
    })
    expect(line('张三\n李四')).toEqual({ ok: false, reason: 'lineBreak' })
    expect(line('张三\t')).toEqual({ ok: false, reason: 'lineBreak' })
  })

  it('gives one encoding for one text: Unicode normalisation form C', () => {
    expect(line('Jose\u0301')).toEqual({ ok: true, value: 'José' })
    expect(line('阿卜杜热合曼·买买提')).toEqual({ ok: true, value: '阿卜杜热合曼·买买提' })
  })
})
