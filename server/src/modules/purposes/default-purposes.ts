export type LegalBasis = 'consent' | 'contract' | 'legal_obligation'

export type PurposeSeed = {
  code: string
  nameZh: string
  nameEn: string
  legalBasis: LegalBasis
  descriptionZh: string
  descriptionEn: string
}

/**
 * The purposes a reveal may name (ACC-2, S0 三级 第十条: 查询客户信息需明确查询目的).
 * Each rests on a legal basis (PIPL Art. 13): a consent that covers it, a
 * contract with the customer, or a legal obligation. Seeded by a migration;
 * `secadmin` and `compliance` maintain the list.
 */
export const DEFAULT_PURPOSES: readonly PurposeSeed[] = [
  {
    code: 'service',
    nameZh: '客户服务',
    nameEn: 'Customer service',
    legalBasis: 'contract',
    descriptionZh: '为客户办理业务、解答咨询。',
    descriptionEn: 'Serving the customer: transactions and enquiries.',
  },
  {
    code: 'contract',
    nameZh: '履行合同',
    nameEn: 'Contract performance',
    legalBasis: 'contract',
    descriptionZh: '订立或履行与客户的合同所必需。',
    descriptionEn: 'Needed to enter into or perform a contract with the customer.',
  },
  {
    code: 'complaint',
    nameZh: '投诉处理',
    nameEn: 'Complaint handling',
    legalBasis: 'legal_obligation',
    descriptionZh: '受理、调查和答复客户投诉。',
    descriptionEn: 'Receiving, investigating and answering a complaint.',
  },
  {
    code: 'legal',
    nameZh: '履行法定义务',
    nameEn: 'Legal obligation',
    legalBasis: 'legal_obligation',
    descriptionZh: '依法配合监管、司法机关的要求。',
    descriptionEn: 'Answering a regulator or a court as the law requires.',
  },
  {
    code: 'risk',
    nameZh: '风险控制',
    nameEn: 'Risk control',
    legalBasis: 'legal_obligation',
    descriptionZh: '反洗钱、反欺诈等风险防控。',
    descriptionEn: 'Anti-money-laundering and fraud prevention.',
  },
  {
    code: 'marketing',
    nameZh: '营销推广',
    nameEn: 'Marketing',
    legalBasis: 'consent',
    descriptionZh: '产品推介与营销活动，须取得客户同意。',
    descriptionEn: 'Offers and campaigns; needs the customer’s consent.',
  },
]
