import { Descriptions, Result } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CustomerAnswer, DestroyedCustomer as Destroyed } from '../../api/types.js'
import { formatTime } from '../../i18n/format.js'

export function isDestroyed(answer: CustomerAnswer): answer is Destroyed {
  return answer.status === 'destroyed' && 'destruction' in answer
}

/** What remains of a destroyed customer: that it was destroyed, and the record of it (RET-2). */
export function DestroyedCustomer({ customer }: { customer: Destroyed }) {
  const { t } = useTranslation()
  const record = customer.destruction
  return (
    <Result
      status="info"
      title={t('destruction.destroyedTitle')}
      subTitle={t('destruction.destroyedText')}
      extra={
        record && (
          <Descriptions
            bordered
            size="small"
            column={1}
            style={{ maxWidth: 560, margin: '0 auto' }}
          >
            <Descriptions.Item label={t('destruction.reason')}>
              {t(`destruction.reasons.${record.reason}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('destruction.requested')}>
              {`${record.requestedBy.name} · ${formatTime(record.requestedAt)}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('destruction.approved')}>
              {record.decidedBy
                ? `${record.decidedBy.name} · ${formatTime(record.decidedAt)}`
                : '—'}
            </Descriptions.Item>
          </Descriptions>
        )
      }
    />
  )
}
