import {
  Alert,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type RevealedTrackingForm,
  type TrackingField,
  type TrackingForm,
  useCheckTrackingForm,
  useRevealTrackingForm,
  useTrackingForm,
  useUpdateTrackingForm,
} from '../../api/tracking.js'
import type { Me } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { PermittedButton } from '../../components/PermittedButton.js'
import { PurposeReveal } from '../../components/PurposeReveal.js'
import { formatTime } from '../../i18n/format.js'
import { has } from '../../permissions.js'
import { FieldInput, filledValues, useFieldLabel } from './tracking-fields.js'

/**
 * The tracking form (客户追踪表) of an A or B customer on the customer's
 * page: values masked until revealed for a purpose, updated by the
 * salesperson after a follow-up, checked by the supervisor; its versions
 * and checks below (issue 17 §3).
 */
export function TrackingFormCard({
  customerId,
  me,
  active,
}: {
  customerId: string
  me: Me
  /** Whether the customer is in use (approved, not restricted): only then is the form updated. */
  active: boolean
}) {
  const { t } = useTranslation()
  const labelOf = useFieldLabel()
  const form = useTrackingForm(customerId)
  const [dialog, setDialog] = useState<'update' | 'check' | 'reveal' | null>(null)
  if (form.isError) return <Alert type="error" showIcon title={form.error.message} />
  const data = form.data
  // A customer that never carried a form shows nothing; one moved to C keeps its history in sight.
  if (data && !data.applies && data.history.length === 0) return null
  const fieldName = (code: string) => {
    const field = data?.fields.find((f) => f.code === code)
    return field ? labelOf(field) : code
  }
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      loading={form.isPending}
      data-testid="tracking-form"
      title={
        <Space>
          {t('tracking.formTitle')}
          {data?.applies && data.stale && <Tag color="red">{t('tracking.stale')}</Tag>}
          {data?.applies && !data.stale && data.current && (
            <Tag color="green">{t('tracking.fresh')}</Tag>
          )}
        </Space>
      }
      extra={
        data && (
          <Space wrap>
            {data.applies && (
              <PermittedButton
                me={me}
                permission="interactions.manage"
                type="primary"
                disabled={!active}
                title={active ? undefined : t('tracking.notActive')}
                onClick={() => setDialog('update')}
              >
                {t('tracking.update')}
              </PermittedButton>
            )}
            {data.applies && has(me, 'tracking.supervise') && (
              <PermittedButton
                me={me}
                permission="tracking.supervise"
                onClick={() => setDialog('check')}
              >
                {t('tracking.check')}
              </PermittedButton>
            )}
            {(data.current || data.checks.length > 0) && (
              <PermittedButton
                me={me}
                permission="customers.reveal"
                onClick={() => setDialog('reveal')}
              >
                {t('tracking.reveal')}
              </PermittedButton>
            )}
          </Space>
        )
      }
    >
      {data && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {data.applies ? t('tracking.formHint') : t('tracking.notApplicable')}
          </Typography.Text>
          {data.applies && data.staleAt && (
            <Typography.Text type={data.stale ? 'danger' : 'secondary'}>
              {data.stale
                ? t('tracking.staleSince', { at: formatTime(data.staleAt) })
                : t('tracking.staleAt', { at: formatTime(data.staleAt) })}
            </Typography.Text>
          )}
          <Typography.Text>
            {data.current
              ? `${t('tracking.version', { version: data.current.version })} · ${t(
                  'tracking.updatedBy',
                  {
                    name: data.current.updatedBy.name,
                    at: formatTime(data.current.updatedAt),
                  },
                )}`
              : t('tracking.never')}
          </Typography.Text>
          <Descriptions bordered column={1} size="small">
            {data.fields.map((f) => (
              <Descriptions.Item key={f.code} label={labelOf(f)}>
                {data.values[f.code] ? (
                  <Space size={8}>
                    {data.values[f.code]}
                    <Tag>{t('tracking.masked')}</Tag>
                  </Space>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
            ))}
          </Descriptions>
          <History form={data} fieldName={fieldName} />
        </Space>
      )}
      {dialog === 'update' && data && (
        <UpdateForm customerId={customerId} fields={data.fields} onClose={() => setDialog(null)} />
      )}
      {dialog === 'check' && <CheckForm customerId={customerId} onClose={() => setDialog(null)} />}
      {dialog === 'reveal' && data && (
        <RevealForm customerId={customerId} form={data} onClose={() => setDialog(null)} />
      )}
    </Card>
  )
}

function History({ form, fieldName }: { form: TrackingForm; fieldName: (code: string) => string }) {
  const { t, i18n } = useTranslation()
  const list = (codes: string[]) => new Intl.ListFormat(i18n.language).format(codes.map(fieldName))
  return (
    <Space align="start" size={32} wrap>
      <Space orientation="vertical" size={4}>
        <Typography.Text strong>{t('tracking.history')}</Typography.Text>
        {form.history.length === 0 ? (
          <Typography.Text type="secondary">{t('tracking.never')}</Typography.Text>
        ) : (
          <Timeline
            items={form.history.map((v) => ({
              key: v.version,
              content: (
                <Space orientation="vertical" size={0}>
                  <span>
                    {t('tracking.version', { version: v.version })} ·{' '}
                    {t('tracking.updatedBy', {
                      name: v.updatedBy.name,
                      at: formatTime(v.updatedAt),
                    })}
                  </span>
                  {v.changed.length > 0 && (
                    <Typography.Text type="secondary">
                      {t('tracking.changed', { fields: list(v.changed) })}
                    </Typography.Text>
                  )}
                </Space>
              ),
            }))}
          />
        )}
      </Space>
      <Space orientation="vertical" size={4}>
        <Typography.Text strong>{t('tracking.checks')}</Typography.Text>
        {form.checks.length === 0 ? (
          <Typography.Text type="secondary">{t('tracking.noChecks')}</Typography.Text>
        ) : (
          <Timeline
            items={form.checks.map((c) => ({
              key: c.id,
              content: (
                <Space orientation="vertical" size={0}>
                  <span>
                    {t('tracking.checkedBy', {
                      name: c.checkedBy.name,
                      at: formatTime(c.checkedAt),
                    })}
                    {c.version !== null && t('tracking.checkedVersion', { version: c.version })}
                  </span>
                  <span>
                    {t('tracking.comment')}: {c.comment} <Tag>{t('tracking.masked')}</Tag>
                  </span>
                </Space>
              ),
            }))}
          />
        )}
      </Space>
    </Space>
  )
}

function UpdateForm({
  customerId,
  fields,
  onClose,
}: {
  customerId: string
  fields: TrackingField[]
  onClose: () => void
}) {
  const { t } = useTranslation()
  const labelOf = useFieldLabel()
  const [form] = Form.useForm<Record<string, string | number | undefined>>()
  const update = useUpdateTrackingForm(customerId)
  return (
    <FormModal
      title={t('tracking.updateTitle')}
      form={form}
      onSubmit={async (values) => {
        await update.mutateAsync({ values: filledValues(values) })
      }}
      onClose={onClose}
    >
      <Alert type="info" title={t('tracking.unchangedHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical">
        {fields.map((f) => (
          <Form.Item key={f.code} name={f.code} label={labelOf(f)}>
            <FieldInput field={f} />
          </Form.Item>
        ))}
      </Form>
    </FormModal>
  )
}

function CheckForm({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ comment: string }>()
  const check = useCheckTrackingForm(customerId)
  return (
    <FormModal
      title={t('tracking.checkTitle')}
      form={form}
      onSubmit={(values) => check.mutateAsync(values.comment)}
      onClose={onClose}
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="comment"
          label={t('tracking.comment')}
          extra={t('tracking.commentHint')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

/** The plain values and comments for a purpose, masked again after a while (as a customer reveal). */
function RevealForm({
  customerId,
  form: tracking,
  onClose,
}: {
  customerId: string
  form: TrackingForm
  onClose: () => void
}) {
  const { t, i18n } = useTranslation()
  const labelOf = useFieldLabel()
  const reveal = useRevealTrackingForm(customerId)
  if (!tracking.current && tracking.checks.length === 0) {
    return (
      <Modal open title={t('tracking.revealTitle')} onCancel={onClose} footer={null}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tracking.never')} />
      </Modal>
    )
  }
  const shown = (f: TrackingField, value: string | undefined) => {
    if (value === undefined) return '—'
    const option = f.options.find((o) => o.code === value)
    if (option) return i18n.language === 'en' ? option.labelEn : option.labelZh
    return value
  }
  return (
    <PurposeReveal
      title={t('tracking.revealTitle')}
      notice={t('tracking.revealNotice')}
      reveal={(purpose) => reveal.mutateAsync(purpose)}
      onClose={onClose}
    >
      {(revealed: RevealedTrackingForm) => (
        <>
          <Descriptions bordered column={1} size="small">
            {tracking.fields.map((f) => (
              <Descriptions.Item key={f.code} label={labelOf(f)}>
                {shown(f, revealed.values[f.code])}
              </Descriptions.Item>
            ))}
          </Descriptions>
          {tracking.checks.length > 0 && (
            <Descriptions bordered column={1} size="small" style={{ marginTop: 16 }}>
              {tracking.checks.map((c) => (
                <Descriptions.Item
                  key={c.id}
                  label={t('tracking.checkedBy', {
                    name: c.checkedBy.name,
                    at: formatTime(c.checkedAt),
                  })}
                >
                  {revealed.comments[c.id] ?? '—'}
                </Descriptions.Item>
              ))}
            </Descriptions>
          )}
        </>
      )}
    </PurposeReveal>
  )
}
