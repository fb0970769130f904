/**
 * The default field catalogue (CLS-1) and the first purposes (ACC-2) that
 * 0003-customers seeds into `field_catalogue` and `purposes`.
 *
 * Frozen with the migration that seeds it (docs/security.md, "Migrations"): this
 * is the data as released, not the live lists of the code; the migration's hash
 * test pins this file too. A later change is a new migration.
 */
// biome-ignore format: one field per line reads as the table it is
export const FIELD_CATALOGUE = [
  { field: 'name', applies_to: 'both', label_zh: '姓名/名称', label_en: 'Name', level: 1, sensitive: false, masking: 'name', encrypted: true, searchable: true, data_type: 'text', retention_days: null },
  { field: 'address', applies_to: 'both', label_zh: '地址', label_en: 'Address', level: 1, sensitive: false, masking: 'address', encrypted: true, searchable: false, data_type: 'text', retention_days: null },
  { field: 'gender', applies_to: 'individual', label_zh: '性别', label_en: 'Gender', level: 1, sensitive: false, masking: 'none', encrypted: true, searchable: false, data_type: 'choice', retention_days: null },
  { field: 'idType', applies_to: 'individual', label_zh: '证件类型', label_en: 'ID document type', level: 1, sensitive: false, masking: 'none', encrypted: true, searchable: false, data_type: 'choice', retention_days: null },
  { field: 'idNumber', applies_to: 'individual', label_zh: '证件号码', label_en: 'ID number', level: 1, sensitive: true, masking: 'id-number', encrypted: true, searchable: true, data_type: 'text', retention_days: null },
  { field: 'mobile', applies_to: 'individual', label_zh: '手机号码', label_en: 'Mobile', level: 1, sensitive: false, masking: 'mobile', encrypted: true, searchable: true, data_type: 'text', retention_days: null },
  { field: 'phone', applies_to: 'individual', label_zh: '固定电话', label_en: 'Landline', level: 1, sensitive: false, masking: 'phone', encrypted: true, searchable: false, data_type: 'text', retention_days: null },
  { field: 'email', applies_to: 'individual', label_zh: '电子邮箱', label_en: 'Email', level: 1, sensitive: false, masking: 'email', encrypted: true, searchable: true, data_type: 'text', retention_days: null },
  { field: 'employer', applies_to: 'individual', label_zh: '工作单位', label_en: 'Employer', level: 1, sensitive: false, masking: 'none', encrypted: true, searchable: false, data_type: 'text', retention_days: null },
  { field: 'occupation', applies_to: 'individual', label_zh: '职业', label_en: 'Occupation', level: 1, sensitive: false, masking: 'none', encrypted: true, searchable: false, data_type: 'text', retention_days: null },
  { field: 'income', applies_to: 'individual', label_zh: '收入', label_en: 'Income', level: 2, sensitive: true, masking: 'amount', encrypted: true, searchable: false, data_type: 'number', retention_days: null },
  { field: 'assets', applies_to: 'individual', label_zh: '资产', label_en: 'Assets', level: 2, sensitive: true, masking: 'amount', encrypted: true, searchable: false, data_type: 'number', retention_days: null },
  { field: 'bankAccounts', applies_to: 'individual', label_zh: '银行账户', label_en: 'Bank accounts', level: 3, sensitive: true, masking: 'bank-account', encrypted: true, searchable: true, data_type: 'text-list', retention_days: null },
  { field: 'bankCards', applies_to: 'individual', label_zh: '银行卡号', label_en: 'Bank cards', level: 3, sensitive: true, masking: 'bank-card', encrypted: true, searchable: true, data_type: 'text-list', retention_days: null },
  { field: 'investments', applies_to: 'individual', label_zh: '投资理财产品', label_en: 'Investments', level: 3, sensitive: true, masking: 'text', encrypted: true, searchable: false, data_type: 'text', retention_days: null },
  { field: 'needs', applies_to: 'individual', label_zh: '需求与偏好', label_en: 'Needs and preferences', level: 1, sensitive: false, masking: 'text', encrypted: true, searchable: false, data_type: 'text', retention_days: null },
  { field: 'notes', applies_to: 'individual', label_zh: '备注', label_en: 'Notes', level: 1, sensitive: false, masking: 'text', encrypted: true, searchable: false, data_type: 'text', retention_days: null },
  { field: 'creditCode', applies_to: 'organization', label_zh: '统一社会信用代码', label_en: 'Unified social credit code', level: 1, sensitive: false, masking: 'credit-code', encrypted: true, searchable: true, data_type: 'text', retention_days: null },
  { field: 'contacts', applies_to: 'organization', label_zh: '联系人', label_en: 'Contacts', level: 1, sensitive: false, masking: 'none', encrypted: true, searchable: false, data_type: 'contacts', retention_days: null },
  { field: 'grade', applies_to: 'both', label_zh: '客户等级', label_en: 'Grade', level: 0, sensitive: false, masking: 'none', encrypted: false, searchable: false, data_type: 'choice', retention_days: null },
  { field: 'trackingLevel', applies_to: 'both', label_zh: '跟踪级别', label_en: 'Tracking level', level: 0, sensitive: false, masking: 'none', encrypted: false, searchable: false, data_type: 'choice', retention_days: null },
  { field: 'tenure', applies_to: 'both', label_zh: '客户类型', label_en: 'Tenure', level: 0, sensitive: false, masking: 'none', encrypted: false, searchable: false, data_type: 'choice', retention_days: null },
  { field: 'industry', applies_to: 'both', label_zh: '行业', label_en: 'Industry', level: 0, sensitive: false, masking: 'none', encrypted: false, searchable: false, data_type: 'text', retention_days: null },
  { field: 'size', applies_to: 'organization', label_zh: '规模', label_en: 'Size', level: 0, sensitive: false, masking: 'none', encrypted: false, searchable: false, data_type: 'choice', retention_days: null },
  { field: 'source', applies_to: 'both', label_zh: '来源渠道', label_en: 'Source channel', level: 0, sensitive: false, masking: 'none', encrypted: false, searchable: false, data_type: 'choice', retention_days: null },
] as const

// biome-ignore format: one purpose per line reads as the table it is
export const PURPOSES = [
  { code: 'service', name_zh: '客户服务', name_en: 'Customer service', legal_basis: 'contract', description_zh: '为客户办理业务、解答咨询。', description_en: 'Serving the customer: transactions and enquiries.' },
  { code: 'contract', name_zh: '履行合同', name_en: 'Contract performance', legal_basis: 'contract', description_zh: '订立或履行与客户的合同所必需。', description_en: 'Needed to enter into or perform a contract with the customer.' },
  { code: 'complaint', name_zh: '投诉处理', name_en: 'Complaint handling', legal_basis: 'legal_obligation', description_zh: '受理、调查和答复客户投诉。', description_en: 'Receiving, investigating and answering a complaint.' },
  { code: 'legal', name_zh: '履行法定义务', name_en: 'Legal obligation', legal_basis: 'legal_obligation', description_zh: '依法配合监管、司法机关的要求。', description_en: 'Answering a regulator or a court as the law requires.' },
  { code: 'risk', name_zh: '风险控制', name_en: 'Risk control', legal_basis: 'legal_obligation', description_zh: '反洗钱、反欺诈等风险防控。', description_en: 'Anti-money-laundering and fraud prevention.' },
  { code: 'marketing', name_zh: '营销推广', name_en: 'Marketing', legal_basis: 'consent', description_zh: '产品推介与营销活动，须取得客户同意。', description_en: 'Offers and campaigns; needs the customer’s consent.' },
] as const
