import { describe, expect, it } from 'vitest'
import { pickLanguage } from './i18n.js'

describe('response language (UI-1)', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-GB,en;q=0.8', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['fr-FR,en;q=0.5,zh;q=0.9', 'zh-CN'],
    ['de', 'zh-CN'],
    ['zh-TW;q=0.1,en;q=0.7', 'en'],
  ])('Accept-Language %s gives %s', (header, expected) => {
    expect(pickLanguage(header)).toBe(expected)
  })
})
