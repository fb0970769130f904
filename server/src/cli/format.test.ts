import stringWidth from 'string-width'
import { describe, expect, it } from 'vitest'
import { count, table } from './format.js'

describe('terminal text (UI-2)', () => {
  it('aligns columns after Chinese names by display width', () => {
    const lines = table(
      ['USERNAME', 'DEPARTMENT', 'STATUS'],
      [
        ['zhang.san', '零售业务部', 'active'],
        ['li.lei', 'Retail', 'disabled'],
      ],
    ).split('\n')
    const statusColumn = lines
      .slice(0, 3)
      .map((line) => stringWidth(line.slice(0, line.search(/(STATUS|active|disabled)$/))))
    expect(new Set(statusColumn).size).toBe(1)
  })

  it('counts in the singular and the plural', () => {
    expect(count(1, 'customer')).toBe('1 customer')
    expect(count(0, 'customer')).toBe('0 customers')
    expect(count(2, 'audit event')).toBe('2 audit events')
  })
})
