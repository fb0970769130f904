import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { usePendingChanges } from '../api/approvals.js'
import { useFieldLabels } from '../api/catalogue.js'
import type { Approval, Me } from '../api/types.js'
import { formatTime } from '../i18n/format.js'

/** The kinds of second-person approval the catalogue and purposes screens file (ACC-5). */
export type ClassificationKind = 'catalogue_change' | 'purpose_change'

export const isClassificationKind = (kind: string): kind is ClassificationKind =>
  kind === 'catalogue_change' || kind === 'purpose_change'

/** The answer of a change that waits for approval. */
export const isPending = (answer: unknown): boolean =>
  (answer as { status?: string } | undefined)?.status === 'pending_approval'

/**
 * Changes of this screen that lower a field's protection or let a purpose
 * reach further, awaiting a second person of the other function
 * (secadmin ↔ compliance): what each changes and who asked. They are
 * decided in the one approvals queue (授权审批), which this links to.
 */
export function PendingChanges({ kind, me }: { kind: ClassificationKind; me: Me }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const pending = usePendingChanges(kind, me)
  const items = pending.data ?? []
  if (pending.isError) return <Alert type="error" showIcon title={pending.error.message} />
  if (items.length === 0) return null
  return (
    <Card
      size="small"
      type="inner"
      title={t('pendingChanges.title')}
      style={{ marginBottom: 16 }}
      extra={
        me.permissions.includes('classification.approve') && (
          <Button size="small" onClick={() => navigate('/admin/approvals')}>
            {t('pendingChanges.decide')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('pendingChanges.hint')}</Typography.Paragraph>
      <Table<Approval>
        rowKey="id"
        size="small"
        dataSource={items}
        pagination={false}
        columns={[
          {
            title: t('pendingChanges.change'),
            render: (_, row) => <ClassificationRequest row={row} />,
          },
          {
            title: t('pendingChanges.requested'),
            render: (_, row) => (
              <Space size={4}>
                <span>{`${row.requestedBy.username} · ${formatTime(row.requestedAt)}`}</span>
                {row.requestedBy.id === me.id && <Tag>{t('pendingChanges.yours')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  )
}

/**
 * What a classification request asks, in the user's words: the field or
 * purpose, how it lowers protection, and each changed term before → after.
 * Used here and by the approvals queue.
 */
export function ClassificationRequest({ row }: { row: Approval }) {
  const { t, i18n } = useTranslation()
  const label = useFieldLabels()
  const { details } = row
  const catalogue = row.kind === 'catalogue_change'
  const keyLabel = (key: string) =>
    t(catalogue ? `catalogue.${key}` : `purposes.${key}`, { defaultValue: key })
  const valueLabel = (key: string, value: string) => {
    if (key === 'level' || key === 'maxLevel') return t(`catalogue.levels.${value}`)
    if (key === 'masking') return t(`catalogue.maskingRules.${value}`)
    if (key === 'legalBasis') return t(`purposes.bases.${value}`)
    if (key === 'sensitive' || key === 'active')
      return t(value === 'true' ? 'pendingChanges.on' : 'pendingChanges.off')
    if (key === 'fields') return value ? value.split(',').map(label).join('、') : '—'
    return value || '—'
  }
  const terms = (items: string | string[] | null | undefined) =>
    new Map(
      [items ?? []].flat().map((item) => {
        const at = item.indexOf('=')
        return [item.slice(0, at), item.slice(at + 1)] as const
      }),
    )
  const from = terms(details.from)
  const to = terms(details.to)
  const english = i18n.language === 'en'
  const name = english ? (details.labelEn ?? details.nameEn) : (details.labelZh ?? details.nameZh)
  return (
    <Space orientation="vertical" size={2}>
      <Space size={4} wrap>
        {details.action === 'create' && <Tag color="blue">{t('pendingChanges.new')}</Tag>}
        <span>{String(name ?? row.subject.id)}</span>
        <code>{row.subject.id}</code>
        {[details.lowered ?? details.widened ?? []].flat().map((aspect) => (
          <Tag key={aspect} color="orange">
            {t(`pendingChanges.aspects.${aspect}`)}
          </Tag>
        ))}
      </Space>
      {[...to]
        .filter(([key]) => key !== 'code')
        .map(([key, value]) => (
          <Typography.Text key={key} type="secondary">
            {keyLabel(key)}：{from.has(key) && `${valueLabel(key, from.get(key) ?? '')} → `}
            {valueLabel(key, value)}
          </Typography.Text>
        ))}
    </Space>
  )
}
