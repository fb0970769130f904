import type { AUDIT_REASONS, AuditAction } from '../../audit/audit-actions.js'
import type { LocalName } from './audit-names.js'

/**
 * Each audit action and reason by name, for the export (issue 14 item 1):
 * the export is read outside the console, so it carries the names the
 * console shows (web/src/i18n/<language>/audit.ts). A test keeps the two the
 * same; the types keep this list complete.
 */
export const ACTION_NAMES: Record<AuditAction, LocalName> = {
  'access.denied': { zh: '访问被拒绝', en: 'Access refused' },
  'auth.sign_in': { zh: '登录', en: 'Signed in' },
  'auth.sign_in_failed': { zh: '登录失败', en: 'Sign-in failed' },
  'auth.sign_out': { zh: '退出登录', en: 'Signed out' },
  'auth.password_changed': { zh: '修改密码', en: 'Changed own password' },
  'auth.password_change_failed': { zh: '修改密码失败', en: 'Password change failed' },
  'auth.totp_enrolled': { zh: '绑定双因素认证', en: 'Set up two-factor authentication' },
  'auth.totp_enrolment_failed': { zh: '绑定双因素认证失败', en: 'Two-factor set-up failed' },
  'account.created': { zh: '新建账号', en: 'Account created' },
  'account.updated': { zh: '修改账号信息', en: 'Account details changed' },
  'account.roles_changed': { zh: '变更角色', en: 'Roles changed' },
  'account.disabled': { zh: '停用账号', en: 'Account disabled' },
  'account.enabled': { zh: '启用账号', en: 'Account enabled' },
  'account.locked': { zh: '锁定账号', en: 'Account locked' },
  'account.password_reset': { zh: '重置密码', en: 'Password reset' },
  'account.totp_reset': { zh: '重置双因素认证', en: 'Two-factor authentication reset' },
  'account.totp_reset_requested': { zh: '申请重置双因素认证', en: 'Two-factor reset requested' },
  'account.credentials_reissued': {
    zh: '分段发放一次性密码',
    en: 'One-time password issued in two parts',
  },
  'department.created': { zh: '新建部门', en: 'Department created' },
  'department.updated': { zh: '重命名部门', en: 'Department renamed' },
  'token.created': { zh: '创建 API 令牌', en: 'API token created' },
  'token.create_failed': { zh: '创建 API 令牌被拒绝', en: 'API token refused' },
  'token.revoked': { zh: '吊销 API 令牌', en: 'API token revoked' },
  'approval.requested': { zh: '提交审批申请', en: 'Approval requested' },
  'approval.approved': { zh: '批准申请', en: 'Request approved' },
  'approval.rejected': { zh: '驳回申请', en: 'Request rejected' },
  'approval.withdrawn': { zh: '撤回申请', en: 'Request withdrawn' },
  'catalogue.changed': { zh: '变更字段分级', en: 'Field classification changed' },
  'catalogue.field_added': { zh: '新增自定义字段', en: 'Custom field added' },
  'purpose.added': { zh: '新增使用目的', en: 'Purpose added' },
  'purpose.changed': { zh: '变更使用目的', en: 'Purpose changed' },
  'notice.published': { zh: '发布告知文本', en: 'Privacy notice published' },
  'reception.checked_in': { zh: '接待签到', en: 'Checked in at reception' },
  'reception.stepped_out': { zh: '因公外出', en: 'Out on duty' },
  'reception.checked_out': { zh: '接待签退', en: 'Left reception' },
  'reception.visit_received': { zh: '登记来访并分配接待', en: 'Visitor received' },
  'reception.visitor_registered': { zh: '来访客户建档', en: 'Walk-in entered as a customer' },
  'reception.visit_finished': { zh: '结束接待', en: 'Visit finished' },
  'reception.call_logged': { zh: '登记来电', en: 'Call logged' },
  'pool.listed': { zh: '查看公海', en: 'Pool listed' },
  'pool.warned': { zh: '公海回收提醒', en: 'Warned of return to the pool' },
  'pool.picked': { zh: '领取公海客户', en: 'Picked from the pool' },
  'pool.settings_changed': { zh: '修改公海规则', en: 'Pool rules changed' },
  'deal.created': { zh: '登记成交', en: 'Deal recorded' },
  'deal.updated': { zh: '修改成交信息', en: 'Deal changed' },
  'deal.stage_changed': { zh: '变更成交阶段', en: 'Deal stage changed' },
  'deal.credit_split': { zh: '确定业绩分配', en: 'Credit split fixed' },
  'deal.viewed': { zh: '查阅成交记录', en: 'Deal viewed' },
  'deal.listed': { zh: '查询成交列表', en: 'Deals listed' },
  'customer.created': { zh: '新建客户档案', en: 'Customer created' },
  'customer.listed': { zh: '查询客户列表', en: 'Customers listed' },
  'customer.viewed': { zh: '查阅客户信息', en: 'Customer viewed' },
  'customer.updated': { zh: '修改客户信息', en: 'Customer changed' },
  'customer.revealed': { zh: '查看明文', en: 'Plain values revealed' },
  'customer.submitted': { zh: '提交审核', en: 'Submitted for review' },
  'customer.approved': { zh: '审核通过', en: 'Approved' },
  'customer.rejected': { zh: '审核退回', en: 'Rejected' },
  'customer.duplicate_checked': { zh: '查重', en: 'Duplicates checked' },
  'customer.review_rule_changed': { zh: '设置录入审核规则', en: 'Entry review rule set' },
  'customer.attribution_settings_changed': { zh: '修改建档规则', en: 'Registration rules changed' },
  'customer.owner_changed': { zh: '变更归属', en: 'Owner changed' },
  'customer.exported': { zh: '导出客户信息', en: 'Customers exported' },
  'customer.restricted': { zh: '限制处理', en: 'Processing restricted' },
  'customer.destruction_requested': { zh: '申请销毁', en: 'Destruction requested' },
  'customer.destruction_approved': { zh: '批准销毁', en: 'Destruction approved' },
  'customer.destruction_rejected': { zh: '驳回销毁', en: 'Destruction rejected' },
  'customer.destroyed': { zh: '销毁客户信息', en: 'Customer destroyed' },
  'customer.legal_hold_placed': { zh: '设置法律保全', en: 'Legal hold placed' },
  'customer.legal_hold_released': { zh: '解除法律保全', en: 'Legal hold released' },
  'consent.granted': { zh: '记录同意', en: 'Consent recorded' },
  'consent.withdrawn': { zh: '记录撤回同意', en: 'Withdrawal recorded' },
  'consent.recorded': { zh: '记录同意或撤回', en: 'Consent or withdrawal recorded' },
  'consent.listed': { zh: '查阅同意记录', en: 'Consents viewed' },
  'consent.recipients_sealed': { zh: '加密保存接收方', en: 'Recipients sealed' },
  'request.received': { zh: '受理客户请求', en: 'Request received' },
  'request.assigned': { zh: '分派承办人', en: 'Request assigned' },
  'request.identity_verified': { zh: '核验身份', en: 'Identity verified' },
  'request.refused': { zh: '拒绝客户请求', en: 'Request refused' },
  'request.fulfilled': { zh: '办结客户请求', en: 'Request fulfilled' },
  'request.handed_to_destruction': { zh: '移交销毁', en: 'Handed to destruction' },
  'request.viewed': { zh: '查阅客户请求', en: 'Request viewed' },
  'request.exported': { zh: '下载个人信息副本', en: 'Copy of personal information downloaded' },
  'request.due_soon': { zh: '客户请求即将到期', en: 'Request due soon' },
  'request.overdue': { zh: '客户请求逾期', en: 'Request overdue' },
  'retention.policy_added': { zh: '新增保存期限规则', en: 'Retention period added' },
  'retention.policy_changed': { zh: '修改保存期限规则', en: 'Retention period changed' },
  'retention.flagged': { zh: '列入到期审查', en: 'Put up for retention review' },
  'retention.kept': { zh: '决定继续保存', en: 'Kept after review' },
  'calendar.day_set': { zh: '设置工作日历', en: 'Calendar day set' },
  'calendar.day_removed': { zh: '删除工作日历设置', en: 'Calendar day removed' },
  'alert.acknowledged': { zh: '确认处理告警', en: 'Alert acknowledged' },
  'alert.closed': { zh: '关闭告警', en: 'Alert closed' },
  'alert_rule.changed': { zh: '修改告警规则', en: 'Alert rule changed' },
  'audit.exported': { zh: '导出审计日志', en: 'Audit trail exported' },
  'keys.rotated': { zh: '轮换主密钥', en: 'Master key rotated' },
  'backup.created': { zh: '备份', en: 'Backup made' },
  'backup.verified': { zh: '恢复校验', en: 'Backup verified' },
  'backup.restored': { zh: '恢复备份', en: 'Backup restored' },
}

export const REASON_NAMES: Record<keyof typeof AUDIT_REASONS, LocalName> = {
  route_without_access: { zh: '接口未声明访问权限', en: 'Route declares no access' },
  not_signed_in: { zh: '未登录', en: 'Not signed in' },
  password_change_pending: { zh: '须先修改密码', en: 'Must change password first' },
  totp_enrolment_pending: {
    zh: '须先绑定双因素认证',
    en: 'Must set up two-factor authentication first',
  },
  missing_permission: { zh: '无此权限', en: 'Permission missing' },
  out_of_scope: { zh: '越权访问', en: 'Out of scope' },
  rate_limited: { zh: '请求过于频繁', en: 'Too many attempts' },
  unknown_account: { zh: '账号不存在', en: 'No such account' },
  locked: { zh: '账号已锁定', en: 'Account locked' },
  disabled: { zh: '账号已停用', en: 'Account disabled' },
  bad_password: { zh: '密码错误', en: 'Wrong password' },
  bad_totp: { zh: '动态验证码错误', en: 'Wrong authenticator code' },
  bad_current_password: { zh: '当前密码错误', en: 'Wrong current password' },
  new_password_refused: {
    zh: '新密码不符合密码规则',
    en: 'New password refused by the password rules',
  },
  purpose_unknown: { zh: '查询目的无效', en: 'Unknown purpose' },
  no_reveal_grant: { zh: '无查看明文的权限', en: 'May not reveal plain values' },
  beyond_clearance: { zh: '超出查看权限', en: 'Beyond clearance' },
  beyond_purpose: { zh: '超出查询目的的范围', en: 'Beyond the purpose' },
  restricted: { zh: '客户已要求限制处理', en: 'Processing restricted by the customer' },
  no_consent: { zh: '客户未同意', en: 'No consent' },
  consent_withdrawn: { zh: '客户已撤回同意', en: 'Consent withdrawn' },
  no_sensitive_consent: {
    zh: '敏感个人信息未取得单独同意',
    en: 'No separate consent for sensitive data',
  },
  consent_not_by_guardian: { zh: '未取得监护人同意', en: 'Consent not given by a guardian' },
  no_guardian_sensitive_consent: {
    zh: '敏感个人信息未取得监护人单独同意',
    en: 'No guardian’s separate consent for sensitive data',
  },
  own_request: { zh: '不能审批本人提交的申请', en: 'Own request' },
  own_account: { zh: '不能审批涉及本人账号的申请', en: 'Own account' },
  same_person: { zh: '申请人与审批人为同一人', en: 'Requester and approver are the same person' },
  stale: { zh: '申请提交后内容已有变化', en: 'Changed since it was filed' },
  field_exists: { zh: '字段已存在', en: 'Field exists already' },
  legally_sensitive: { zh: '依法属于敏感个人信息', en: 'Sensitive by law' },
  registered_by_other: {
    zh: '已由他人建档且仍在有效期内（客户首访原则）',
    en: 'Registered by someone else, still valid',
  },
  in_pool: { zh: '客户在公海中，应从公海领取', en: 'In the pool' },
  own_record: { zh: '不能审核自己录入的记录', en: 'Own record' },
  not_their_turn: { zh: '未轮到该销售员（抢客）', en: 'Not their turn' },
  pick_limit_reached: { zh: '今日领取已达上限', en: 'Daily pick limit reached' },
  cool_off: { zh: '原归属人冷却期内', en: 'Former owner’s cool-off' },
  owner_cap_reached: { zh: '名下客户已达上限', en: 'Owner cap reached' },
  verification_failed: { zh: '校验失败', en: 'Verification failed' },
}

export const OUTCOME_NAMES: Record<'allowed' | 'denied', LocalName> = {
  allowed: { zh: '允许', en: 'allowed' },
  denied: { zh: '拒绝', en: 'denied' },
}

/** A reason by name; `missing_permission:<permission>` keeps its permission in brackets. */
export function reasonName(reason: string): LocalName | null {
  const [code = reason, detail] = reason.split(':')
  if (!Object.hasOwn(REASON_NAMES, code)) return null
  const name = REASON_NAMES[code as keyof typeof REASON_NAMES]
  return detail ? { zh: `${name.zh}（${detail}）`, en: `${name.en} (${detail})` } : name
}

/** An action by name; an action no longer catalogued keeps its code. */
export function actionName(action: string): LocalName {
  return Object.hasOwn(ACTION_NAMES, action)
    ? ACTION_NAMES[action as AuditAction]
    : { zh: action, en: action }
}
