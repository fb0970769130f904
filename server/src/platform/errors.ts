/**
 * The one catalogue of stable error codes. Each code has an HTTP status and a
 * message in zh-CN and en; the error handler picks the language from
 * Accept-Language. Messages never carry values supplied by the caller.
 */
export const ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    zh: '提交的内容有误，请检查标出的字段。',
    en: 'The request has invalid fields.',
  },
  BAD_REQUEST: { status: 400, zh: '请求格式不正确。', en: 'The request is malformed.' },
  NOTHING_TO_CHANGE: {
    status: 400,
    zh: '请至少填写一项要修改的内容。',
    en: 'Say what to change: the request changes nothing.',
  },
  UNAUTHENTICATED: { status: 401, zh: '请先登录。', en: 'Please sign in.' },
  SESSION_EXPIRED: {
    status: 401,
    zh: '会话已过期，请重新登录。',
    en: 'Your session has expired. Please sign in again.',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    zh: '用户名或密码不正确。',
    en: 'Wrong username or password.',
  },
  TOTP_REQUIRED: {
    status: 401,
    zh: '请输入动态验证码。',
    en: 'Enter the code from your authenticator app.',
  },
  TOTP_INVALID: {
    status: 401,
    zh: '动态验证码不正确或已使用。',
    en: 'The authenticator code is wrong or was already used.',
  },
  TOKEN_INVALID: {
    status: 401,
    zh: 'API 令牌无效、已过期或已吊销。',
    en: 'The API token is invalid, expired or revoked.',
  },
  ACCOUNT_DISABLED: { status: 403, zh: '该账号已停用。', en: 'This account is disabled.' },
  FORBIDDEN: { status: 403, zh: '您没有执行此操作的权限。', en: 'You are not allowed to do this.' },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '请先修改密码。',
    en: 'You must change your password first.',
  },
  TOTP_ENROLMENT_REQUIRED: {
    status: 403,
    zh: '请先绑定双因素认证。',
    en: 'You must set up two-factor authentication first.',
  },
  CSRF_REJECTED: {
    status: 403,
    zh: '请求来源不被信任。',
    en: 'The request came from an untrusted origin.',
  },
  CURRENT_PASSWORD_WRONG: {
    status: 400,
    zh: '当前密码不正确。',
    en: 'The current password is wrong.',
  },
  SEPARATION_OF_DUTIES: {
    status: 422,
    zh: '系统管理员、安全管理员与审计员不得由同一账号兼任，也不得兼任业务角色（三员分立）。',
    en: 'System administrator, security administrator and auditor cannot be held by one account, nor together with a business role (separation of duties).',
  },
  OWN_ROLES_CHANGE: {
    status: 403,
    zh: '不能修改自己账号的角色，请由另一名管理员办理。',
    en: 'You cannot change the roles of your own account; another administrator must.',
  },
  APPROVAL_SECOND_PERSON: {
    status: 403,
    zh: '申请须由申请人和被授权人以外的另一名有权人员审批（双人复核）。',
    en: 'A request must be decided by a second authorised person, neither its requester nor the account it concerns.',
  },
  APPROVAL_DECIDED: {
    status: 409,
    zh: '该申请已处理。',
    en: 'This request has already been decided.',
  },
  APPROVAL_OTHER_FUNCTION: {
    status: 403,
    zh: '降低保护或扩大目的的变更须由另一职能的人员审批：安全管理员提出的由合规负责人审批，合规负责人提出的由安全管理员审批。',
    en: 'A change that lowers protection or widens a purpose is approved by the other function: a compliance officer approves a security administrator’s request, and the other way round.',
  },
  APPROVAL_STALE: {
    status: 409,
    zh: '申请提交后相关记录已变化，请驳回后重新申请。',
    en: 'The record changed after the request was made; reject it and ask again.',
  },
  TOKEN_TOTP_REQUIRED: {
    status: 400,
    zh: '您的角色须使用双因素认证：创建 API 令牌须输入当前的动态验证码。',
    en: 'Your role must use two-factor authentication: enter a current authenticator code to create an API token.',
  },
  TOKEN_TOTP_INVALID: {
    status: 400,
    zh: '动态验证码不正确或已使用，请输入新的验证码。',
    en: 'The authenticator code is wrong or was already used; enter a new one.',
  },
  TOKEN_SCOPE_EXCEEDED: {
    status: 422,
    zh: '令牌权限不能超出本账号的权限。',
    en: 'A token cannot have permissions its account lacks.',
  },
  CANNOT_DISABLE_SELF: {
    status: 422,
    zh: '不能停用自己的账号。',
    en: 'You cannot disable your own account.',
  },
  NOT_FOUND: { status: 404, zh: '未找到请求的资源。', en: 'Not found.' },
  ACCOUNT_NOT_FOUND: { status: 404, zh: '账号不存在。', en: 'No such account.' },
  DEPARTMENT_NOT_FOUND: { status: 404, zh: '部门不存在。', en: 'No such department.' },
  TOKEN_NOT_FOUND: { status: 404, zh: '令牌不存在。', en: 'No such token.' },
  ALERT_NOT_FOUND: { status: 404, zh: '告警不存在。', en: 'No such alert.' },
  APPROVAL_NOT_FOUND: { status: 404, zh: '审批申请不存在。', en: 'No such request.' },
  ALERT_RULE_NOT_FOUND: { status: 404, zh: '告警规则不存在。', en: 'No such alert rule.' },
  CUSTOMER_NOT_FOUND: { status: 404, zh: '客户不存在。', en: 'No such customer.' },
  FIELD_NOT_FOUND: { status: 404, zh: '字段不存在。', en: 'No such field.' },
  PURPOSE_NOT_FOUND: { status: 404, zh: '查询目的不存在。', en: 'No such purpose.' },
  AUTHENTICATION_DATA_REFUSED: {
    status: 400,
    zh: '不得录入卡片验证码、密码、有效期等鉴别信息。',
    en: 'Authentication data (card security code, PIN, expiry date, passwords) is never stored.',
  },
  CONFIRMATION_REQUIRED: {
    status: 400,
    zh: '部分内容需要确认后才能保存，请检查标出的字段。',
    en: 'Some values need your confirmation before they are saved.',
  },
  PURPOSE_UNKNOWN: {
    status: 400,
    zh: '请从查询目的列表中选择有效的查询目的。',
    en: 'Choose a valid purpose from the list of purposes.',
  },
  REVEAL_BEYOND_CLEARANCE: {
    status: 403,
    zh: '您的权限不足以查看标出字段的明文。',
    en: 'Your clearance does not allow revealing the marked fields.',
  },
  PURPOSE_NOT_PERMITTED: {
    status: 403,
    zh: '该客户的授权或法律依据不支持此查询目的。',
    en: 'No consent or other legal basis covers this purpose for this customer.',
  },
  LEGAL_HOLD: {
    status: 409,
    zh: '该客户处于法律保全（暂停销毁）状态，不能销毁。',
    en: 'A legal hold stands on this customer: it cannot be destroyed.',
  },
  DESTRUCTION_PENDING: {
    status: 409,
    zh: '该客户已有待审批的销毁申请。',
    en: 'A destruction of this customer is already waiting for approval.',
  },
  DESTRUCTION_DECIDED: {
    status: 409,
    zh: '该销毁申请已审批。',
    en: 'This destruction has already been decided.',
  },
  SECOND_APPROVER_REQUIRED: {
    status: 403,
    zh: '销毁须由申请人以外的另一名有权人员审批（双人复核）。',
    en: 'A destruction must be approved by a second authorised person, not its requester.',
  },
  CUSTOMER_DESTROYED: {
    status: 410,
    zh: '该客户信息已销毁。',
    en: 'This customer’s information has been destroyed.',
  },
  PURPOSE_SCOPE_EXCEEDED: {
    status: 403,
    zh: '此查询目的不涉及标出的字段。',
    en: 'This purpose does not reach the marked fields.',
  },
  CONSENT_REQUIRED: {
    status: 403,
    zh: '该客户未同意或已撤回对此目的的同意，不得用于此目的。',
    en: 'The customer has not consented to this purpose, or has withdrawn consent.',
  },
  PROTECTION_FLOOR: {
    status: 400,
    zh: '法律规定的敏感个人信息不能取消敏感标记或弱化脱敏，未作任何更改。',
    en: 'The law makes this field sensitive personal information: its protection cannot be removed. Nothing was changed.',
  },
  MINOR_GUARDIAN_CONSENT_REQUIRED: {
    status: 403,
    zh: '该客户未满十四周岁，其个人信息均属敏感个人信息：须取得其父母或其他监护人对此目的的同意和对处理敏感个人信息的单独同意。',
    en: 'The customer is under 14, so all of their information is sensitive: a parent or guardian must consent to this purpose and, separately, to processing sensitive information.',
  },
  SENSITIVE_CONSENT_REQUIRED: {
    status: 403,
    zh: '处理敏感个人信息须取得该客户的单独同意。',
    en: 'Sensitive information needs the customer’s separate consent.',
  },
  CUSTOMER_RESTRICTED: {
    status: 403,
    zh: '该客户信息已限制处理：除存储和必要的安全保护外不得使用。',
    en: 'This customer’s information is restricted: stored and protected, used for nothing else.',
  },
  GUARDIAN_CONSENT_REQUIRED: {
    status: 422,
    zh: '该客户未满十四周岁，须由其父母或其他监护人同意。',
    en: 'The customer is under 14: a parent or guardian must give the consent.',
  },
  RECIPIENT_REQUIRED: {
    status: 400,
    zh: '向第三方或境外提供的同意须写明接收方。',
    en: 'Consent to provide information to others must name the recipient.',
  },
  NOTICE_NOT_FOUND: { status: 404, zh: '告知文本版本不存在。', en: 'No such notice version.' },
  NOTICE_REQUIRED: {
    status: 409,
    zh: '尚未发布隐私告知文本，同意无所依据：请先在“告知文本”中发布一版，再记录同意。',
    en: 'No privacy notice has been published, so a consent would rest on nothing: publish one under Notices first, then record the consent.',
  },
  REQUEST_NOT_FOUND: { status: 404, zh: '客户请求不存在。', en: 'No such customer request.' },
  REQUEST_CLOSED: {
    status: 409,
    zh: '该请求已办结，不能再处理。',
    en: 'This request is closed.',
  },
  IDENTITY_NOT_VERIFIED: {
    status: 409,
    zh: '请先核验请求人身份。',
    en: 'Verify the requester’s identity first.',
  },
  EXPORT_NOT_READY: {
    status: 409,
    zh: '该请求尚未办结，或不产生导出文件。',
    en: 'This request has no export (not completed, or not an access or portability request).',
  },
  DEPARTMENT_REQUIRED: {
    status: 403,
    zh: '您的账号尚未归属部门，无法管理部门客户。',
    en: 'Your account belongs to no department, so it cannot hold department customers.',
  },
  FIELD_EXISTS: { status: 409, zh: '已有同名字段。', en: 'A field with this name exists.' },
  ALERT_CLOSED: { status: 409, zh: '该告警已关闭。', en: 'This alert is already closed.' },
  USERNAME_TAKEN: { status: 409, zh: '该用户名已被使用。', en: 'This username is taken.' },
  DEPARTMENT_NAME_TAKEN: {
    status: 409,
    zh: '已有同名部门。',
    en: 'A department with this name exists.',
  },
  TOTP_ALREADY_ENABLED: {
    status: 409,
    zh: '双因素认证已启用。',
    en: 'Two-factor authentication is already on.',
  },
  TOTP_NOT_PENDING: {
    status: 409,
    zh: '请先开始绑定双因素认证。',
    en: 'Start two-factor set-up first.',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '登录失败次数过多，账号已暂时锁定，请稍后再试。',
    en: 'Too many failed sign-ins; the account is locked for a while.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求内容过大。', en: 'The request is too large.' },
  URI_TOO_LONG: {
    status: 414,
    zh: '请求地址过长。',
    en: 'The address of the request is too long.',
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    zh: '请求头过大。',
    en: 'The request headers are too large.',
  },
  REQUEST_TIMEOUT: { status: 408, zh: '请求超时。', en: 'The request took too long to arrive.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '请以 JSON 格式提交。',
    en: 'Send the request body as JSON.',
  },
  CUSTOMER_REGISTERED_BY_OTHER: {
    status: 409,
    zh: '该客户已由其他同事建档，且仍在建档有效期内（客户首访原则）：不能重复建档。',
    en: 'This customer is registered by a colleague whose registration is still valid (first visit wins): it cannot be registered again.',
  },
  CUSTOMER_REGISTRATION_EXPIRED: {
    status: 409,
    zh: '该客户已由其他同事建档，建档已过有效期：请待其回到公海后领取，或请经理变更归属。',
    en: 'This customer is registered by a colleague whose registration has expired: pick it from the pool once it returns there, or ask a manager to transfer it.',
  },
  CUSTOMER_IN_POOL: {
    status: 409,
    zh: '该客户在公海中，暂无归属：请从客户公海领取，不要重复建档。',
    en: 'This customer is in the pool, with no owner: pick it from the pool rather than entering it again.',
  },
  CUSTOMER_NOT_DRAFT: {
    status: 409,
    zh: '只有草稿或被退回的记录可以提交审核。',
    en: 'Only a draft or a rejected record can be submitted for review.',
  },
  CUSTOMER_NOT_SUBMITTED: {
    status: 409,
    zh: '该记录不在待审核状态。',
    en: 'This record is not waiting for review.',
  },
  CUSTOMER_OWN_ENTRY: {
    status: 403,
    zh: '不能审核自己录入的客户档案，须由另一位审核人审核。',
    en: 'You cannot review a record you entered yourself: another reviewer must.',
  },
  CUSTOMER_NOT_ACTIVE: {
    status: 409,
    zh: '该客户档案尚未审核通过，不能办理此项业务。',
    en: 'This customer record is not active yet (not approved).',
  },
  CUSTOMER_OWNER_UNCHANGED: {
    status: 409,
    zh: '该客户已归属此人。',
    en: 'The customer already belongs to this person.',
  },
  RECEPTION_VISITOR_REGISTERED: {
    status: 409,
    zh: '该来访已登记为客户档案。',
    en: 'This visit has been entered as a customer already.',
  },
  RECEPTION_NOT_RECEIVER: {
    status: 403,
    zh: '只有接待该来访的销售员可以为其建档。',
    en: 'Only the person who received this visitor may enter them as a customer.',
  },
  RECEPTION_NO_DEPARTMENT: {
    status: 409,
    zh: '您的账号未归属任何部门，无法参加接待轮值：请管理员先为您指定部门。',
    en: 'Your account belongs to no department, so it has no reception desk: ask an administrator to set your department.',
  },
  RECEPTION_NOT_ON_DESK: {
    status: 409,
    zh: '您今天尚未签到接待：请先签到。',
    en: 'You have not checked in at the reception desk today: check in first.',
  },
  RECEPTION_NOBODY_FREE: {
    status: 409,
    zh: '接待台上暂无空闲的销售员（均外出或正在接待）：请先结束一次接待，或等同事返回。',
    en: 'Nobody on the desk is free (everyone is out or receiving): finish a visit, or wait for a colleague to return.',
  },
  RECEPTION_NOT_THEIR_TURN: {
    status: 409,
    zh: '还没轮到该销售员接待，不得抢客：按轮值表由下一位接待；确需改派的，由部门经理填写理由后改派。',
    en: 'It is not their turn: the next in the rotation receives. Only a manager may give the visitor to someone else, with a reason.',
  },
  RECEPTION_RECEIVER_UNKNOWN: {
    status: 422,
    zh: '接待人不是本部门在职的员工。',
    en: 'The receiver is not an active member of your department.',
  },
  RECEPTION_VISIT_NOT_FOUND: {
    status: 404,
    zh: '接待记录不存在。',
    en: 'No such visit.',
  },
  RECEPTION_VISIT_FINISHED: {
    status: 409,
    zh: '该次接待已结束。',
    en: 'This visit is already finished.',
  },
  POOL_CUSTOMER_NOT_FOUND: {
    status: 404,
    zh: '您可查看的公海中没有该客户。',
    en: 'No such customer in a pool you may see.',
  },
  POOL_NOT_IN_POOL: {
    status: 409,
    zh: '该客户已不在公海中（可能刚被同事领取）。',
    en: 'This customer is no longer in the pool (a colleague may just have picked it).',
  },
  POOL_DAILY_LIMIT: {
    status: 409,
    zh: '您今天的公海领取名额已用完，请明天再领取。',
    en: 'You have picked as many customers from the pool today as the daily limit allows: pick again tomorrow.',
  },
  POOL_COOL_OFF: {
    status: 409,
    zh: '该客户是从您名下退回公海的，冷却期内不能再次领取。',
    en: 'This customer returned to the pool from you: you may pick it again once the cool-off has passed.',
  },
  POOL_OWNER_CAP: {
    status: 409,
    zh: '您名下的客户数已达上限，请先跟进、成交或移交部分客户后再领取。',
    en: 'You own as many customers as the cap allows: follow up, close or hand over some before picking more.',
  },
  POOL_NOT_RELEASABLE: {
    status: 409,
    zh: '只有已审核通过、有归属人的客户可以放回公海。',
    en: 'Only an active customer with an owner can be given up to the pool.',
  },
  POOL_RULES_INVALID: {
    status: 422,
    zh: '公海规则无效：须有一条适用于所有等级的默认规则，每个等级至多一条，且提醒天数须少于回收天数。',
    en: 'Invalid pool rules: one default rule for every grade is required, at most one rule per grade, and the warning must come fewer days before than the return.',
  },
  FOLLOW_UP_NOT_FOUND: {
    status: 404,
    zh: '跟进计划不存在。',
    en: 'No such follow-up.',
  },
  FOLLOW_UP_ALREADY_DONE: {
    status: 409,
    zh: '该跟进已完成，不能再次完成。',
    en: 'This follow-up is already done.',
  },
  FOLLOW_UP_CUSTOMER_NOT_ACTIVE: {
    status: 409,
    zh: '只能为在用的客户（已审核通过、未限制处理）安排跟进。',
    en: 'A follow-up can only be planned for an active customer (approved, processing not restricted).',
  },
  FOLLOW_UP_ASSIGNEE_UNKNOWN: {
    status: 422,
    zh: '跟进人须为该客户所在部门在职的员工。',
    en: 'The assignee must be an active member of the customer’s department.',
  },
  WEEKLY_REVIEW_WEEK_INVALID: {
    status: 400,
    zh: '请选择有效的周（如 2026-W49）。',
    en: 'Choose a valid week (such as 2026-W49).',
  },
  WEEKLY_REVIEW_WEEK_NOT_OPEN: {
    status: 409,
    zh: '只能记录本周或上周的梳理。',
    en: 'Only this week’s or last week’s review can be recorded.',
  },
  WEEKLY_REVIEW_DEPARTMENT_REQUIRED: {
    status: 400,
    zh: '请选择要梳理的部门。',
    en: 'Choose the department to review.',
  },
  WEEKLY_REVIEW_DEPARTMENT_OUT_OF_SCOPE: {
    status: 403,
    zh: '只能梳理您负责的部门的客户。',
    en: 'You can only review the customers of a department you are responsible for.',
  },
  WEEKLY_REVIEW_ALREADY_RECORDED: {
    status: 409,
    zh: '该周该等级的梳理已记录；如需补充计划，请在已记录的梳理中追加。',
    en: 'This week’s review of this grade is already recorded; add plan items to it instead.',
  },
  WEEKLY_REVIEW_NOT_FOUND: {
    status: 404,
    zh: '梳理记录不存在。',
    en: 'No such weekly review.',
  },
  WEEKLY_REVIEW_DUE_OUTSIDE_NEXT_WEEK: {
    status: 422,
    zh: '计划的跟进日期须在下周之内，且不早于今天。',
    en: 'A planned follow-up must be due within next week, and not before today.',
  },
  WEEKLY_REVIEW_CUSTOMER_NOT_IN_REVIEW: {
    status: 422,
    zh: '计划中的客户须属于本次梳理的部门和客户等级。',
    en: 'A planned customer must be of the department and grade under review.',
  },
  CONFIRMATION_CUSTOMER_NOT_ACTIVE: {
    status: 409,
    zh: '只能为在用的客户（已审核通过、未限制处理）记录信息确认。',
    en: 'A confirmation can only be recorded for an active customer (approved, processing not restricted).',
  },
  CONFIRMATION_FIELD_UNKNOWN: {
    status: 422,
    zh: '确认的项目须为该类客户在字段目录中的字段。',
    en: 'Confirmed items must be fields of the catalogue for this kind of customer.',
  },
  CONFIRMATION_TIME_INVALID: {
    status: 422,
    zh: '确认时间不能晚于现在，也不能早于客户建档时间。',
    en: 'The confirmation cannot be later than now, nor earlier than the customer’s entry.',
  },
  TRACKING_FORM_NOT_APPLICABLE: {
    status: 409,
    zh: '只有追踪等级为 A 或 B 的客户填写客户追踪表。',
    en: 'Only customers of tracking level A or B carry a tracking form.',
  },
  TRACKING_CUSTOMER_NOT_ACTIVE: {
    status: 409,
    zh: '只能为在用的客户（已审核通过、未限制处理）填写客户追踪表。',
    en: 'A tracking form can only be filled in for an active customer (approved, processing not restricted).',
  },
  TRACKING_FIELDS_INVALID: {
    status: 422,
    zh: '追踪表字段无效：编码须唯一，选择项须至少有一个选项，且至少保留一个字段。',
    en: 'Invalid tracking form fields: codes must be unique, a choice needs at least one option, and at least one field must remain.',
  },
  DAILY_REPORT_NOT_FOUND: {
    status: 404,
    zh: '日报不存在。',
    en: 'No such daily report.',
  },
  DAILY_REPORT_REVIEWED: {
    status: 409,
    zh: '该日报已经审阅，不能再修改或再次审阅。',
    en: 'This daily report has been reviewed: it can no longer be changed or reviewed again.',
  },
  DAILY_REPORT_OWN: {
    status: 409,
    zh: '不能审阅自己的日报，须由部门的另一位经理审阅。',
    en: 'You cannot review your own daily report: another manager of the department reviews it.',
  },
  NOTIFICATION_NOT_FOUND: {
    status: 404,
    zh: '通知不存在。',
    en: 'No such notification.',
  },
  INTERACTION_NOT_FOUND: {
    status: 404,
    zh: '跟进记录不存在。',
    en: 'No such interaction.',
  },
  INTERACTION_CUSTOMER_NOT_ACTIVE: {
    status: 409,
    zh: '只能为在用的客户（已审核通过、未限制处理）登记跟进记录。',
    en: 'An interaction can only be logged for an active customer (approved, processing not restricted).',
  },
  INTERACTION_STAFF_UNKNOWN: {
    status: 422,
    zh: '跟进人须为该客户所在部门在职的员工。',
    en: 'The member of staff must be an active member of the customer’s department.',
  },
  FEEDBACK_FORM_NOT_FOUND: {
    status: 404,
    zh: '客户信息反馈表不存在。',
    en: 'No such feedback form.',
  },
  FEEDBACK_FORM_SUPERSEDED: {
    status: 409,
    zh: '该反馈表已有新版本，请修改最新版本。',
    en: 'This feedback form has a newer version: revise the latest one.',
  },
  FEEDBACK_FORM_NOT_FOR_GRADE: {
    status: 422,
    zh: '该反馈表不适用于此客户的等级。',
    en: 'This feedback form is not for this customer’s grade.',
  },
  FEEDBACK_SURVEY_NOT_FOUND: {
    status: 404,
    zh: '满意度调查不存在。',
    en: 'No such satisfaction survey.',
  },
  FEEDBACK_NOT_INVITED: {
    status: 422,
    zh: '该客户不在此次满意度调查的邀请名单中。',
    en: 'This customer was not invited to this survey.',
  },
  FEEDBACK_ALREADY_ANSWERED: {
    status: 409,
    zh: '该客户已回答过此次满意度调查。',
    en: 'This customer has already answered this survey.',
  },
  FEEDBACK_CUSTOMER_NOT_ACTIVE: {
    status: 409,
    zh: '只能为在用的客户（已审核通过、未限制处理）登记反馈。',
    en: 'Feedback can only be recorded for an active customer (approved, processing not restricted).',
  },
  FEEDBACK_RESPONSE_NOT_FOUND: {
    status: 404,
    zh: '反馈记录不存在。',
    en: 'No such feedback response.',
  },
  IMPROVEMENT_NOT_FOUND: {
    status: 404,
    zh: '改善方案不存在。',
    en: 'No such improvement item.',
  },
  IMPROVEMENT_OWNER_UNKNOWN: {
    status: 422,
    zh: '负责人须为在职的员工。',
    en: 'The owner must be an active member of staff.',
  },
  DEAL_NOT_FOUND: {
    status: 404,
    zh: '成交记录不存在。',
    en: 'No such deal.',
  },
  DEAL_CUSTOMER_NOT_ACTIVE: {
    status: 409,
    zh: '只能为在用的客户（已审核通过、未限制处理）登记成交。',
    en: 'A deal can only be recorded for an active customer (approved, processing not restricted).',
  },
  DEAL_CLOSER_UNKNOWN: {
    status: 422,
    zh: '成交人须为该客户所在部门在职的员工。',
    en: 'The closer must be an active member of the customer’s department.',
  },
  DEAL_STAGE_NOT_ALLOWED: {
    status: 409,
    zh: '成交不能从当前阶段改到该阶段：签约后只能交款或退订，未成交或退订后不能再改。',
    en: 'The deal cannot move from its stage to that one: once signed it can only be paid or cancelled, and a deal not closed or cancelled is ended.',
  },
  DEAL_ENDED: {
    status: 409,
    zh: '该成交已结束（未成交或已退订），不能再修改。',
    en: 'This deal has ended (not closed, or cancelled) and cannot be changed.',
  },
  DEAL_CREDIT_FIXED: {
    status: 409,
    zh: '签约后业绩分配已确定，不能再更换成交人。',
    en: 'The credit split is fixed at signing: the closer can no longer change.',
  },
  IMPORT_NOT_FOUND: {
    status: 404,
    zh: '导入任务不存在。',
    en: 'No such import.',
  },
  IMPORT_FILE_REQUIRED: {
    status: 400,
    zh: '请上传一个 CSV 或 Excel（.xlsx）文件。',
    en: 'Upload a CSV or Excel (.xlsx) file.',
  },
  IMPORT_FILE_TYPE: {
    status: 415,
    zh: '只能导入 CSV 或 Excel（.xlsx）文件；旧版 .xls 请先另存为 .xlsx。',
    en: 'Only CSV and Excel (.xlsx) files can be imported; save an old .xls file as .xlsx first.',
  },
  IMPORT_FILE_TOO_LARGE: {
    status: 413,
    zh: '文件超过允许的大小。',
    en: 'The file is larger than allowed.',
  },
  IMPORT_FILE_UNREADABLE: {
    status: 422,
    zh: '无法读取该文件：请确认它是 CSV 或 Excel（.xlsx）文件，且第一行是表头。',
    en: 'The file cannot be read: check that it is a CSV or Excel (.xlsx) file whose first row is a header.',
  },
  IMPORT_MAPPING_INVALID: {
    status: 400,
    zh: '列对应关系有误：请为每列选择一个字段或“不导入”，每个字段最多对应一列，且须包含姓名或名称。',
    en: 'The column mapping is wrong: choose one field or “do not import” for each column, each field for one column at most, and include the name.',
  },
  IMPORT_STATE: {
    status: 409,
    zh: '导入任务当前的状态不允许该操作。',
    en: 'The import is not in a state that allows this.',
  },
  IMPORT_NOTHING_TO_IMPORT: {
    status: 409,
    zh: '校验后没有可导入的行。',
    en: 'After the dry run, no row can be imported.',
  },
  EXPORT_NOT_FOUND: {
    status: 404,
    zh: '导出不存在，或不是您申请的导出。',
    en: 'No such export, or it is not one you asked for.',
  },
  CUSTOMER_MERGED: {
    status: 410,
    zh: '此客户档案已与另一份档案合并，请打开合并后的档案。',
    en: 'This customer record was merged into another record of the same customer; open that one.',
  },
  MERGE_DESTRUCTION_PENDING: {
    status: 409,
    zh: '其中一位客户有待审批的销毁申请，处理完毕前不能合并。',
    en: 'One of the customers has a destruction awaiting approval; they cannot be merged until it is decided.',
  },
  MERGE_LEGAL_HOLD: {
    status: 409,
    zh: '其中一位客户处于法律保全中，不能合并。',
    en: 'One of the customers is under a legal hold and cannot be merged.',
  },
  MERGE_NOT_UNDOABLE: {
    status: 409,
    zh: '此次合并已撤销，或已过可撤销期限。',
    en: 'This merge has been undone already, or its period for an undo has passed.',
  },
  MERGE_NOT_FOUND: {
    status: 404,
    zh: '合并记录不存在。',
    en: 'No such merge.',
  },
  DUPLICATE_PAIR_NOT_FOUND: {
    status: 404,
    zh: '疑似重复记录不存在。',
    en: 'No such pair of likely duplicates.',
  },
  DUPLICATE_PAIR_DECIDED: {
    status: 409,
    zh: '这对疑似重复客户已处理过。',
    en: 'This pair of likely duplicates has already been decided.',
  },
  DUPLICATE_SWEEP_RUNNING: {
    status: 409,
    zh: '疑似重复客户排查正在进行，请稍后再看结果。',
    en: 'A sweep for likely duplicates is running; see its results shortly.',
  },
  EXPORT_AWAITING_APPROVAL: {
    status: 409,
    zh: '明文导出须经另一名有权人员审批后才能下载。',
    en: 'An export of plain values can be downloaded only once a second authorised person has approved it.',
  },
  EXPORT_REJECTED: {
    status: 409,
    zh: '该导出未获批准，不能下载；如仍需要，请重新申请。',
    en: 'This export was not approved and cannot be downloaded; ask again if it is still needed.',
  },
  EXPORT_EXPIRED: {
    status: 410,
    zh: '该导出的下载期限已过，请重新申请导出。',
    en: 'This export can no longer be downloaded: its time is up. Ask for a new export.',
  },
  EXPORT_NOT_PENDING: {
    status: 409,
    zh: '该导出没有待审批的申请。',
    en: 'This export has no request waiting for approval.',
  },
  RATE_LIMITED: {
    status: 429,
    zh: '请求过于频繁，请稍后再试。',
    en: 'Too many requests. Try again later.',
  },
  INTERNAL: {
    status: 500,
    zh: '系统内部错误，请联系管理员。',
    en: 'Internal error. Please contact an administrator.',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>

export type ErrorCode = keyof typeof ERRORS

/** Thrown anywhere; turned into the contract's error body by the error handler. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** field name -> message key from FIELD_MESSAGES */
    readonly fields?: Record<string, FieldMessageKey>,
    /**
     * What the answer may say beyond the message, for the caller to act on
     * (ids, dates, a colleague's name — never a personal value of a customer).
     */
    readonly details?: Record<string, unknown>,
  ) {
    super(code)
    this.name = 'AppError'
  }

  get status(): number {
    return ERRORS[this.code].status
  }
}

/** Field-level messages, looked up by key so that they too are translated. */
export const FIELD_MESSAGES = {
  required: { zh: '必填。', en: 'Required.' },
  registeredByOther: {
    zh: '已有同事以此登记过该客户。',
    en: 'A colleague has registered this customer with this value.',
  },
  invalid: { zh: '格式不正确。', en: 'Invalid value.' },
  tooShort: { zh: '内容过短。', en: 'Too short.' },
  tooLong: { zh: '内容过长。', en: 'Too long.' },
  rangeReversed: {
    zh: '结束日期不能早于开始日期。',
    en: 'The end date cannot be before the start date.',
  },
  rangeTooLong: { zh: '统计范围最长两年。', en: 'A range can be at most two years long.' },
  notAllowed: { zh: '不是允许的取值。', en: 'Not an allowed value.' },
  unknownField: { zh: '不支持该字段。', en: 'Unknown field.' },
  forbiddenCharacters: {
    zh: '含有不允许的字符（控制字符、文字方向控制符或不可见字符）。',
    en: 'Contains characters that are not allowed (control, text-direction or invisible characters).',
  },
  tooDeep: { zh: '内容嵌套层级过深。', en: 'Nested too deeply.' },
  lineBreak: {
    zh: '此项只能填写一行，不能包含换行或制表符。',
    en: 'Must be a single line, without line breaks or tabs.',
  },
  passwordWeak: {
    zh: '密码至少 12 位，且须包含大写字母、小写字母、数字、符号中的至少三类，不得包含用户名。',
    en: 'Use at least 12 characters with three of: upper case, lower case, digits, symbols; not containing the username.',
  },
  passwordGuessable: {
    zh: '密码过于常见或容易猜到（常用密码、键盘序列、拼音词、姓名、日期、“1314”“520”之类），请改用更长、无规律的密码，例如几个不相关的词。',
    en: 'This password is too common or easy to guess (common passwords, keyboard runs, pinyin words, names, dates). Use a longer one without patterns, such as several unrelated words.',
  },
  totpInvalid: {
    zh: '验证码不正确或已使用。',
    en: 'Wrong or already used code.',
  },
  tokenExpiryTooLong: {
    zh: '须使用双因素认证的角色，令牌有效期最长 30 天。',
    en: 'For a role that must use two-factor authentication, a token lasts at most 30 days.',
  },
  passwordSame: {
    zh: '新密码不能与当前密码相同。',
    en: 'The new password must differ from the current one.',
  },
  usernameFormat: {
    zh: '用户名为 3–32 位小写字母、数字、点、下划线或连字符。',
    en: 'Use 3–32 lower-case letters, digits, dots, underscores or hyphens.',
  },
  separationOfDuties: {
    zh: '系统管理员、安全管理员、审计员三者只能选其一。',
    en: 'Choose at most one of system administrator, security administrator, auditor.',
  },
  administratorWithDataRole: {
    zh: '系统管理员、安全管理员、审计员不得兼任合规负责人、部门经理、客服、销售或投诉受理。',
    en: 'An administrator or auditor cannot also hold compliance, manager, agent, sales or complaints.',
  },
  ownRoles: { zh: '不能修改自己的角色。', en: 'You cannot change your own roles.' },
  idNumber: {
    zh: '身份证号码不正确（须为 18 位且校验位正确，或 15 位旧号码）。',
    en: 'Not a valid resident ID number (18 characters with a correct check digit, or a legacy 15-digit number).',
  },
  creditCode: {
    zh: '统一社会信用代码格式不正确（18 位数字或大写字母）。',
    en: 'Not a valid unified social credit code (18 digits or capital letters).',
  },
  idNumberProvince: {
    zh: '身份证号码前两位不是省级行政区划代码（GB/T 2260），不是有效的身份证号码。',
    en: 'The first two digits of this ID number are not a province-level division code (GB/T 2260).',
  },
  idNumberRegion: {
    zh: '身份证号码前六位不是已知的行政区划代码（含已撤销的历史代码）。如确认无误请勾选确认后再提交。',
    en: 'The first six digits of this ID number are not a known division code, current or historical: confirm to keep it.',
  },
  creditCodeAuthority: {
    zh: '统一社会信用代码的登记管理部门代码或机构类别代码不符合 GB 32100 的规定。',
    en: 'The registration authority or organisation category of this credit code is not one GB 32100 defines.',
  },
  creditCodeProvince: {
    zh: '统一社会信用代码第 3–4 位不是省级行政区划代码（GB/T 2260）。',
    en: 'Characters 3–4 of this credit code are not a province-level division code (GB/T 2260).',
  },
  creditCodeRegion: {
    zh: '统一社会信用代码第 3–8 位不是已知的行政区划代码（含已撤销的历史代码）。如确认无误请勾选确认后再提交。',
    en: 'Characters 3–8 of this credit code are not a known division code, current or historical: confirm to keep it.',
  },
  creditCodeChecksum: {
    zh: '统一社会信用代码校验位不符。部分早期代码如此，如确认无误请勾选确认后再提交。',
    en: 'The check character of this credit code does not match. Some early codes fail it: confirm to keep it.',
  },
  mobile: { zh: '手机号码应为 11 位数字。', en: 'A mobile number has 11 digits, starting with 1.' },
  email: { zh: '电子邮箱格式不正确。', en: 'Not a valid email address.' },
  bankCard: { zh: '银行卡号应为 13–19 位数字。', en: 'A bank card number has 13–19 digits.' },
  bankAccount: { zh: '银行账号应为 8–30 位数字。', en: 'A bank account number has 8–30 digits.' },
  authenticationData: {
    zh: '鉴别信息不得录入。',
    en: 'Authentication data is never stored.',
  },
  beyondClearance: {
    zh: '超出您的查看权限。',
    en: 'Beyond your clearance.',
  },
  notRevealable: {
    zh: '该字段无需或不能查看明文。',
    en: 'This field has no plain value to reveal.',
  },
  ownerOutOfScope: {
    zh: '只能指定您管辖范围内的在职员工。',
    en: 'Choose an active staff member within your scope.',
  },
  beyondPurpose: { zh: '超出此查询目的的范围。', en: 'Beyond this purpose.' },
  reasonRequired: {
    zh: '拒绝请求须说明理由（个人信息保护法第五十条）。',
    en: 'A refusal must state its reason (PIPL Art. 50).',
  },
  changesRequired: { zh: '请填写需要更正的内容。', en: 'Say what to correct.' },
  purposesRequired: { zh: '请选择要撤回同意的目的。', en: 'Choose the purposes to withdraw.' },
  legallySensitive: {
    zh: '证件号码、银行账户、银行卡、财产信息、健康、生物识别等信息依法属于敏感个人信息，不能取消敏感标记。',
    en: 'ID numbers, bank accounts, cards, financial data, health and biometric data are sensitive by law: this cannot be turned off.',
  },
  maskingBelowFloor: {
    zh: '依法属于敏感个人信息：须按其默认规则或完全隐藏的规则（金额、文本、隐藏）脱敏，不能弱化。',
    en: 'Sensitive by law: keep its own masking rule or one that hides the whole value (amount, text, hidden).',
  },
  mappedTwice: {
    zh: '该字段已对应了另一列。',
    en: 'This field is already mapped to another column.',
  },
  duplicateInFile: {
    zh: '与文件中前面的一行是同一客户（证件号、手机号、邮箱、信用代码或账号相同）。',
    en: 'The same customer as an earlier row of the file (same ID, mobile, e-mail, credit code or account).',
  },
  duplicateOutOfScope: {
    zh: '与一位您无权查看的已有客户重复，不能更新，未导入。',
    en: 'Duplicates an existing customer you cannot see: not updated, not imported.',
  },
  duplicateAmbiguous: {
    zh: '与多位已有客户重复，无法确定更新哪一位，未导入。',
    en: 'Duplicates several existing customers, so which to update is unclear: not imported.',
  },
  maskingTooWeak: {
    zh: '敏感字段及二、三级字段必须脱敏展示。',
    en: 'Sensitive and level 2–3 fields must be masked.',
  },
  purposeForPlainExport: {
    zh: '导出明文须选择查询目的。',
    en: 'A purpose is needed to export plain values.',
  },
  notExported: {
    zh: '该字段不能导出。',
    en: 'This field cannot be exported.',
  },
  notInPair: {
    zh: '保留的客户须是这对疑似重复客户之一。',
    en: 'The record kept must be one of the pair.',
  },
  notMergeable: {
    zh: '另一条记录没有该字段的值，无法采用。',
    en: 'The other record has no value for this field to take.',
  },
} as const satisfies Record<string, { zh: string; en: string }>

export type FieldMessageKey = keyof typeof FIELD_MESSAGES
