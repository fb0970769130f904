import { accounts } from './accounts.js'
import { alerts } from './alerts.js'
import { approvals } from './approvals.js'
import { audit } from './audit.js'
import { backups } from './backups.js'
import { catalogue } from './catalogue.js'
import { consents } from './consents.js'
import { customers } from './customers.js'
import { deals } from './deals.js'
import { departments } from './departments.js'
import { entry } from './entry.js'
import { customerExports } from './exports.js'
import { feedback } from './feedback.js'
import { followUps } from './follow-ups.js'
import { imports } from './imports.js'
import { interactions } from './interactions.js'
import { notices } from './notices.js'
import { pool } from './pool.js'
import { purposes } from './purposes.js'
import { reception } from './reception.js'
import { requests } from './requests.js'
import { retention } from './retention.js'
import { session } from './session.js'
import { shell } from './shell.js'
import { statistics } from './statistics.js'
import { tokens } from './tokens.js'
import { tracking } from './tracking.js'
import { weeklyReview } from './weekly-review.js'

/** 界面文字（默认语言）。术语取自《客户信息安全管理制度》。每个领域一个文件，键与各页面的 t('…') 调用一致。 */
export const zhCN = {
  ...shell,
  ...session,
  ...customers,
  ...entry,
  ...imports,
  ...consents,
  ...notices,
  ...reception,
  ...deals,
  ...pool,
  ...followUps,
  ...tracking,
  ...feedback,
  ...weeklyReview,
  ...interactions,
  ...statistics,
  ...customerExports,
  ...requests,
  ...retention,
  ...backups,
  ...accounts,
  ...approvals,
  ...departments,
  ...catalogue,
  ...purposes,
  ...tokens,
  ...audit,
  ...alerts,
}
