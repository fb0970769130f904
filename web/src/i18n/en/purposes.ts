import type { Shape } from '../shape.js'
import type { purposes as zh } from '../zh-CN/purposes.js'

export const purposes: Shape<typeof zh> = {
  purposes: {
    reach: 'Reaches',
    maxLevel: 'Highest field level',
    fields: 'Only these fields',
    fieldsHint: 'Empty: any field up to the level',
    create: 'New purpose',
    name: 'Name',
    code: 'Code',
    codeHint: 'Starts with a lower-case letter, e.g. loan_review',
    nameZh: 'Chinese name',
    nameEn: 'English name',
    legalBasis: 'Legal basis',
    bases: {
      consent: 'Consent',
      contract: 'Needed for a contract',
      legal_obligation: 'Legal obligation',
    },
    description: 'Description',
    descriptionZh: 'Chinese description',
    descriptionEn: 'English description',
    active: 'Active',
    yes: 'Active',
    no: 'Inactive',
  },
}
