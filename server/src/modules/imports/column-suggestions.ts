/**
 * Which field each column of an uploaded file most likely holds, from its
 * header (issue 18, DQ-3): the field catalogue's own labels in both
 * languages, and the names spreadsheets and older systems use for them. A
 * suggestion only: the user confirms the mapping in the console, and saves
 * it as a template.
 */
export type FieldLabel = { field: string; labelZh: string; labelEn: string }

/** Header names beyond the catalogue's labels, as companies write them. */
const SYNONYMS: Record<string, string[]> = {
  name: [
    '姓名',
    '名称',
    '客户名称',
    '客户姓名',
    '客户',
    '公司名称',
    '企业名称',
    'name',
    'full name',
    'customer',
    'customer name',
    'company',
  ],
  mobile: [
    '手机',
    '手机号',
    '手机号码',
    '移动电话',
    '联系电话',
    '电话号码',
    'mobile',
    'mobile phone',
    'cell',
    'cellphone',
    'phone number',
  ],
  phone: ['座机', '固话', '固定电话', '办公电话', 'landline', 'telephone', 'tel'],
  idNumber: [
    '身份证',
    '身份证号',
    '身份证号码',
    '证件号',
    '证件号码',
    'id',
    'id number',
    'id no',
    'identity number',
  ],
  idType: ['证件类型', 'id type', 'document type'],
  email: ['邮箱', '电子邮件', '电子邮箱', 'email', 'e-mail', 'mail'],
  address: ['地址', '住址', '联系地址', '通讯地址', '家庭住址', '公司地址', 'address'],
  gender: ['性别', 'gender', 'sex'],
  employer: ['工作单位', '单位', '公司', 'employer', 'company name'],
  occupation: ['职业', '职务', 'occupation', 'job', 'job title'],
  creditCode: ['统一社会信用代码', '信用代码', '社会信用代码', 'credit code', 'uscc'],
  bankCards: ['银行卡', '银行卡号', '卡号', 'bank card', 'card number'],
  bankAccounts: ['银行账户', '银行账号', '账号', 'bank account', 'account number'],
  grade: ['等级', '客户等级', '级别', 'grade'],
  source: ['来源', '来源渠道', '渠道', 'source', 'channel'],
  industry: ['行业', '所属行业', 'industry'],
  notes: ['备注', '说明', 'notes', 'remarks', 'comment'],
}

/** A header as compared: no spaces, punctuation or case, full-width letters made half-width. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
}

/**
 * For each column, the field its header names (null when none does). A
 * field is suggested for one column at most: the first that names it.
 */
export function suggestMapping(headers: string[], labels: FieldLabel[]): (string | null)[] {
  const known = new Map<string, string>()
  const learn = (name: string, field: string) => {
    const key = normaliseHeader(name)
    if (key && !known.has(key)) known.set(key, field)
  }
  for (const { field, labelZh, labelEn } of labels) {
    learn(labelZh, field)
    learn(labelEn, field)
    // A catalogue label may offer alternatives: 姓名/名称.
    for (const part of labelZh.split('/')) learn(part, field)
  }
  for (const [field, names] of Object.entries(SYNONYMS))
    for (const name of names) learn(name, field)
  const taken = new Set<string>()
  return headers.map((header) => {
    const field = known.get(normaliseHeader(header))
    if (!field || taken.has(field)) return null
    taken.add(field)
    return field
  })
}
