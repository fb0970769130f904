import { Alert, Descriptions, Space, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { type Attribution, useAttribution } from '../../api/entry.js'
import { formatTime } from '../../i18n/format.js'

type Change = Attribution['history'][number]
type Review = Attribution['reviews'][number]

/**
 * Whose customer it is (CUS-5): the owner, the registration (建档) and
 * whether it still holds (建档有效期), the owners before, and the review
 * history with a rejection's reason.
 */
export function CustomerAttribution({ customerId }: { customerId: string }) {
  const { t } = useTranslation()
  const attribution = useAttribution(customerId)
  if (attribution.isError) return <Alert type="error" title={attribution.error.message} showIcon />
  const data = attribution.data
  const registration = data?.registration
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Descriptions bordered column={2} size="small">
        <Descriptions.Item label={t('entry.attribution.owner')}>
          {data?.owner ? data.owner.name : t('entry.attribution.noOwner')}
        </Descriptions.Item>
        <Descriptions.Item label={t('entry.attribution.registeredBy')}>
          {registration ? registration.registeredBy.name : t('entry.attribution.none')}
        </Descriptions.Item>
        {registration && (
          <>
            <Descriptions.Item label={t('entry.attribution.registeredAt')}>
              {formatTime(registration.registeredAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('entry.attribution.validUntil')}>
              <Space>
                {formatTime(registration.validUntil)}
                <RegistrationTag valid={registration.valid} />
              </Space>
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
      <div>
        <Typography.Title level={5}>{t('entry.attribution.history')}</Typography.Title>
        <Table<Change>
          size="small"
          rowKey={(row) => `${row.changedAt}-${row.to?.id ?? 'pool'}`}
          loading={attribution.isPending}
          dataSource={data?.history ?? []}
          pagination={false}
          locale={{ emptyText: t('entry.attribution.noHistory') }}
          columns={[
            { title: t('entry.attribution.at'), dataIndex: 'changedAt', render: formatTime },
            {
              title: t('entry.attribution.from'),
              render: (_, row) => row.from?.name ?? t('entry.attribution.pool'),
            },
            {
              title: t('entry.attribution.to'),
              render: (_, row) => row.to?.name ?? t('entry.attribution.pool'),
            },
            {
              title: t('entry.attribution.kindColumn'),
              render: (_, row) => t(`entry.kinds.${row.kind}`),
            },
            {
              title: t('entry.attribution.reasonColumn'),
              render: (_, row) => t(`entry.reasons.${row.reason}`, { defaultValue: '—' }),
            },
            { title: t('entry.attribution.by'), render: (_, row) => row.changedBy?.name ?? '—' },
          ]}
        />
      </div>
      <div>
        <Typography.Title level={5}>{t('entry.attribution.reviews')}</Typography.Title>
        <Table<Review>
          size="small"
          rowKey={(row) => `${row.at}-${row.event}`}
          loading={attribution.isPending}
          dataSource={data?.reviews ?? []}
          pagination={false}
          locale={{ emptyText: t('entry.attribution.noReviews') }}
          columns={[
            { title: t('entry.attribution.at'), dataIndex: 'at', render: formatTime },
            {
              title: t('entry.attribution.event'),
              render: (_, row) => t(`entry.events.${row.event}`),
            },
            { title: t('entry.attribution.by'), render: (_, row) => row.by.name },
            { title: t('entry.attribution.reasonColumn'), render: (_, row) => row.reason ?? '' },
          ]}
        />
      </div>
    </Space>
  )
}

/** 有效期内 / 已过有效期: whether the registration still earns its holder the customer. */
export function RegistrationTag({ valid }: { valid: boolean }) {
  const { t } = useTranslation()
  return valid ? (
    <Tag color="green">{t('entry.attribution.valid')}</Tag>
  ) : (
    <Tag color="orange">{t('entry.attribution.expired')}</Tag>
  )
}
