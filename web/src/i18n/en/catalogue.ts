import type { Shape } from '../shape.js'
import type { catalogue as zh } from '../zh-CN/catalogue.js'

export const catalogue: Shape<typeof zh> = {
  catalogue: {
    create: 'New custom field',
    label: 'Field',
    field: 'Key',
    fieldHint: 'Letters and digits starting with a lower-case letter, e.g. wechatId',
    labelZh: 'Chinese label',
    labelEn: 'English label',
    appliesTo: 'Applies to',
    kinds: { individual: 'Individuals', organization: 'Organisations', both: 'All' },
    level: 'Level',
    levels: {
      0: 'Not personal',
      1: 'Level 1: basic',
      2: 'Level 2: financial',
      3: 'Level 3: most sensitive',
    },
    sensitive: 'Sensitive personal information',
    yes: 'Yes',
    masking: 'Masking',
    maskingRules: {
      none: 'None',
      name: 'Name',
      'id-number': 'ID number',
      mobile: 'Mobile',
      phone: 'Landline',
      email: 'Email',
      address: 'Address',
      'bank-card': 'Bank card',
      'bank-account': 'Bank account',
      'credit-code': 'Credit code',
      amount: 'Amount',
      text: 'Text',
      hidden: 'Hidden',
    },
    protection: 'Protection',
    encrypted: 'Encrypted',
    searchable: 'Searchable',
    custom: 'Custom',
    retentionDays: 'Kept for (days)',
    retentionHint: 'Empty: as long as its purposes need',
    changeNotice:
      'A change of level moves stored values to the matching encrypted store; the change is audited.',
  },
}
