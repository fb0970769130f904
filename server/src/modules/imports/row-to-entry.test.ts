import { beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/test-app.js'
import { type Catalogue, loadCatalogue } from '../catalogue/index.js'
import { checkEntry } from '../customers/index.js'
import { type ColumnMapping, rowToEntry } from './row-to-entry.js'

/**
 * Issue 18 (DQ-3): a row of an import becomes the body of a new customer by
 * its mapping, and meets every rule an entry through the API meets (CUS-2),
 * answered per field as message keys that never carry the value.
 */
let t: TestApp
let catalogue: Catalogue

beforeAll(async () => {
  t = await createTestApp()
  catalogue = await loadCatalogue(t.deps.db)
})

const MAPPING: ColumnMapping = [
  'name',
  'gender',
  'idNumber',
  'mobile',
  'grade',
  'assets',
  'bankCards',
  null,
  'source',
]
const defaults = { kind: 'individual' as const }
const entry = (cells: string[]) => rowToEntry(cells, MAPPING, defaults, catalogue)

describe('a row of an import as a new customer', () => {
  it('takes the words people write for codes, numbers with their units, lists, and leaves empty cells out', () => {
    expect(
      entry([
        '王明',
        '男',
        '11010519491231002X',
        '13800138000',
        '重要',
        '1.5万',
        '6222 0000；6222 0001',
        '忽略',
        '',
      ]),
    ).toEqual({
      kind: 'individual',
      name: '王明',
      gender: 'male',
      idNumber: '11010519491231002X',
      mobile: '13800138000',
      grade: 'important',
      assets: 15000,
      bankCards: ['6222 0000', '6222 0001'],
    })
    expect(entry(['李华', '女', '', '', '一般', '12,000', '', '', '转介绍'])).toEqual({
      kind: 'individual',
      name: '李华',
      gender: 'female',
      grade: 'general',
      assets: 12000,
      source: 'referral',
    })
  })

  it('passes a good row and names each bad field of a bad one, never its value', () => {
    const good = checkEntry(
      catalogue,
      entry(['王明', '男', '11010519491231002X', '13800138000', '重要', '', '', '', '']),
    )
    expect(good.ok).toBe(true)
    const bad = checkEntry(
      catalogue,
      entry(['', '未知', '110105194912310021', '12345', '特别', '很多', '', '', '']),
    )
    expect(bad).toEqual({
      ok: false,
      fields: {
        name: 'required',
        gender: 'notAllowed',
        grade: 'notAllowed',
        assets: 'invalid',
      },
    })
    // The identifier checks run once the schema passes: the ID number's checksum, the mobile.
    const identifiers = checkEntry(
      catalogue,
      entry(['王明', '', '110105194912310021', '12345', '', '', '', '', '']),
    )
    expect(identifiers.ok).toBe(false)
    expect(identifiers).toMatchObject({
      fields: { idNumber: expect.any(String), mobile: expect.any(String) },
    })
    expect(JSON.stringify(identifiers)).not.toContain('110105194912310021')
  })
})
