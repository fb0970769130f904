import type { MaskingRule } from '../../security/masking.js'

export type CustomerKind = 'individual' | 'organization'
export type FieldAppliesTo = CustomerKind | 'both'
export type FieldDataType = 'text' | 'number' | 'text-list' | 'contacts' | 'choice'

/** One entry of the field catalogue (CLS-1). */
export type CatalogueEntry = {
  field: string
  appliesTo: FieldAppliesTo
  labelZh: string
  labelEn: string
  /** 0 = not personal (kept plain); 1 basic; 2 financial status; 3 most sensitive. */
  level: 0 | 1 | 2 | 3
  /** Sensitive personal information (PIPL Art. 28, GB/T 35273 Annex B): follows the law, not the level. */
  sensitive: boolean
  masking: MaskingRule
  /** Every personal value is encrypted (CLS-2); only level-0 attributes are plain. */
  encrypted: boolean
  /** Has a blind index (CLS-5). Fixed per field: it needs a normaliser and a token builder. */
  searchable: boolean
  dataType: FieldDataType
  retentionDays: number | null
}

type Seed = Omit<CatalogueEntry, 'encrypted' | 'retentionDays' | 'searchable'> & {
  searchable?: boolean
}

/**
 * The default catalogue of CLS-1, after S0 客户信息保密管理制度 三: L1 basic
 * (name, ID number, contact details, address, employer), L2 financial status
 * (income, assets), L3 most sensitive (bank accounts, cards, investments).
 * Seeded by a migration; afterwards the catalogue is data that `secadmin` and
 * `compliance` change through the API.
 */
// biome-ignore format: one field per line reads as the table it is
const SEEDS: Seed[] = [
  // Both kinds
  { field: 'name', appliesTo: 'both', labelZh: '姓名/名称', labelEn: 'Name', level: 1, sensitive: false, masking: 'name', searchable: true, dataType: 'text' },
  { field: 'address', appliesTo: 'both', labelZh: '地址', labelEn: 'Address', level: 1, sensitive: false, masking: 'address', dataType: 'text' },
  // Individuals (CUS-1)
  { field: 'gender', appliesTo: 'individual', labelZh: '性别', labelEn: 'Gender', level: 1, sensitive: false, masking: 'none', dataType: 'choice' },
  { field: 'idType', appliesTo: 'individual', labelZh: '证件类型', labelEn: 'ID document type', level: 1, sensitive: false, masking: 'none', dataType: 'choice' },
  { field: 'idNumber', appliesTo: 'individual', labelZh: '证件号码', labelEn: 'ID number', level: 1, sensitive: true, masking: 'id-number', searchable: true, dataType: 'text' },
  { field: 'mobile', appliesTo: 'individual', labelZh: '手机号码', labelEn: 'Mobile', level: 1, sensitive: false, masking: 'mobile', searchable: true, dataType: 'text' },
  { field: 'phone', appliesTo: 'individual', labelZh: '固定电话', labelEn: 'Landline', level: 1, sensitive: false, masking: 'phone', dataType: 'text' },
  { field: 'email', appliesTo: 'individual', labelZh: '电子邮箱', labelEn: 'Email', level: 1, sensitive: false, masking: 'email', searchable: true, dataType: 'text' },
  { field: 'employer', appliesTo: 'individual', labelZh: '工作单位', labelEn: 'Employer', level: 1, sensitive: false, masking: 'none', dataType: 'text' },
  { field: 'occupation', appliesTo: 'individual', labelZh: '职业', labelEn: 'Occupation', level: 1, sensitive: false, masking: 'none', dataType: 'text' },
  { field: 'income', appliesTo: 'individual', labelZh: '收入', labelEn: 'Income', level: 2, sensitive: true, masking: 'amount', dataType: 'number' },
  { field: 'assets', appliesTo: 'individual', labelZh: '资产', labelEn: 'Assets', level: 2, sensitive: true, masking: 'amount', dataType: 'number' },
  { field: 'bankAccounts', appliesTo: 'individual', labelZh: '银行账户', labelEn: 'Bank accounts', level: 3, sensitive: true, masking: 'bank-account', searchable: true, dataType: 'text-list' },
  { field: 'bankCards', appliesTo: 'individual', labelZh: '银行卡号', labelEn: 'Bank cards', level: 3, sensitive: true, masking: 'bank-card', searchable: true, dataType: 'text-list' },
  { field: 'investments', appliesTo: 'individual', labelZh: '投资理财产品', labelEn: 'Investments', level: 3, sensitive: true, masking: 'text', dataType: 'text' },
  { field: 'needs', appliesTo: 'individual', labelZh: '需求与偏好', labelEn: 'Needs and preferences', level: 1, sensitive: false, masking: 'text', dataType: 'text' },
  { field: 'notes', appliesTo: 'individual', labelZh: '备注', labelEn: 'Notes', level: 1, sensitive: false, masking: 'text', dataType: 'text' },
  // Organisations (CUS-1)
  { field: 'creditCode', appliesTo: 'organization', labelZh: '统一社会信用代码', labelEn: 'Unified social credit code', level: 1, sensitive: false, masking: 'credit-code', searchable: true, dataType: 'text' },
  { field: 'contacts', appliesTo: 'organization', labelZh: '联系人', labelEn: 'Contacts', level: 1, sensitive: false, masking: 'none', dataType: 'contacts' },
  // Plain, non-personal attributes (CUS-3, CUS-5)
  { field: 'grade', appliesTo: 'both', labelZh: '客户等级', labelEn: 'Grade', level: 0, sensitive: false, masking: 'none', dataType: 'choice' },
  { field: 'trackingLevel', appliesTo: 'both', labelZh: '跟踪级别', labelEn: 'Tracking level', level: 0, sensitive: false, masking: 'none', dataType: 'choice' },
  { field: 'tenure', appliesTo: 'both', labelZh: '客户类型', labelEn: 'Customer type', level: 0, sensitive: false, masking: 'none', dataType: 'choice' },
  { field: 'industry', appliesTo: 'both', labelZh: '行业', labelEn: 'Industry', level: 0, sensitive: false, masking: 'none', dataType: 'text' },
  { field: 'size', appliesTo: 'organization', labelZh: '规模', labelEn: 'Size', level: 0, sensitive: false, masking: 'none', dataType: 'choice' },
  { field: 'source', appliesTo: 'both', labelZh: '来源渠道', labelEn: 'Source channel', level: 0, sensitive: false, masking: 'none', dataType: 'choice' },
]

export const DEFAULT_CATALOGUE: readonly CatalogueEntry[] = SEEDS.map((seed) => ({
  ...seed,
  searchable: seed.searchable ?? false,
  encrypted: seed.level > 0,
  retentionDays: null,
}))
