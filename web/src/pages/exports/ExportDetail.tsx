import { Alert, Button, Card, Descriptions, Space, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router-dom'
import { useFieldLabels } from '../../api/catalogue.js'
import { type ExportState, exportFileUrl, useExport } from '../../api/exports.js'
import { usePurposeNames } from '../../api/purposes.js'
import type { Me } from '../../api/types.js'
import { formatTime } from '../../i18n/format.js'

const STATE_COLOURS: Record<ExportState, string> = {
  awaiting_approval: 'gold',
  ready: 'green',
  expired: 'default',
  rejected: 'red',
}
const STATE_ALERTS: Record<ExportState, 'info' | 'success' | 'warning' | 'error'> = {
  awaiting_approval: 'info',
  ready: 'success',
  expired: 'warning',
  rejected: 'error',
}

/** One of the caller's exports (issue 18 §2): its state and, once ready and in time, its download. */
export function ExportDetail(_: { me: Me }) {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const { id = '' } = useParams()
  const found = useExport(id)
  const label = useFieldLabels()
  const purposeName = usePurposeNames()
  const language = i18n.language === 'en' ? 'en' : 'zh-CN'
  const view = found.data

  return (
    <Card
      title={t('exports.title')}
      loading={found.isPending}
      extra={<Button onClick={() => navigate('/customers')}>{t('exports.back')}</Button>}
    >
      {found.isError && <Alert type="error" title={found.error.message} showIcon />}
      {view && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Alert
            type={STATE_ALERTS[view.state]}
            showIcon
            title={t(`exports.states.${view.state}`)}
            description={t(`exports.stateHints.${view.state}`)}
            action={
              view.state === 'ready' ? (
                <Button type="primary" href={exportFileUrl(view.id, language)} download>
                  {t('exports.download')}
                </Button>
              ) : undefined
            }
          />
          <Descriptions bordered column={1} size="small">
            <Descriptions.Item label={t('exports.id')}>{view.id}</Descriptions.Item>
            <Descriptions.Item label={t('exports.mode')}>
              <Tag color={STATE_COLOURS[view.state]}>{t(`exports.states.${view.state}`)}</Tag>{' '}
              {t(`exports.modes.${view.mode}`)} · {t(`exports.formats.${view.format}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('exports.fields')}>
              {view.fields.map((field) => (
                <Tag key={field}>{label(field)}</Tag>
              ))}
            </Descriptions.Item>
            {view.purpose && (
              <Descriptions.Item label={t('exports.purpose')}>
                {purposeName(view.purpose)}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('exports.rowCount')}>{view.rowCount}</Descriptions.Item>
            <Descriptions.Item label={t('exports.requestedBy')}>
              {view.requestedBy.username}
            </Descriptions.Item>
            <Descriptions.Item label={t('exports.requestedAt')}>
              {formatTime(view.requestedAt)}
            </Descriptions.Item>
            {view.readyAt && (
              <Descriptions.Item label={t('exports.readyAt')}>
                {formatTime(view.readyAt)}
              </Descriptions.Item>
            )}
            {view.expiresAt && (
              <Descriptions.Item label={t('exports.expiresAt')}>
                {formatTime(view.expiresAt)}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('exports.downloads')}>{view.downloads}</Descriptions.Item>
          </Descriptions>
        </Space>
      )}
    </Card>
  )
}
