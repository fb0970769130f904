import {
  Alert,
  Button,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type Interaction,
  type InteractionChannel,
  type InteractionDirection,
  type NewInteraction,
  type RevealedInteraction,
  type TimelineEntry,
  useLogInteraction,
  useRevealInteraction,
  useTimeline,
} from '../../api/interactions.js'
import { usePurposeNames } from '../../api/purposes.js'
import type { Me } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { PermittedButton } from '../../components/PermittedButton.js'
import { PurposeReveal } from '../../components/PurposeReveal.js'
import { formatTime } from '../../i18n/format.js'
import { has } from '../../permissions.js'

const CHANNELS = [
  'phone',
  'visit',
  'wechat',
  'message',
  'meeting',
  'email',
  'other',
] as const satisfies readonly InteractionChannel[]
const DIRECTIONS = ['outbound', 'inbound'] as const satisfies readonly InteractionDirection[]

type Outcome = { code: string; labelZh: string; labelEn: string }

/**
 * A customer's interactions (跟进记录) and timeline (CUS-6): each entry as
 * the user may see it — notes masked until revealed for a purpose, deals
 * and requests only to those whose permissions show them.
 */
export function CustomerTimeline({
  customerId,
  me,
  active,
}: {
  customerId: string
  me: Me
  /** Whether the customer takes new interactions (an approved record in use). */
  active: boolean
}) {
  const { t, i18n } = useTranslation()
  const timeline = useTimeline(customerId)
  const purposeName = usePurposeNames()
  const [logging, setLogging] = useState(false)
  const [revealing, setRevealing] = useState<Interaction | null>(null)
  if (timeline.isError) return <Alert type="error" showIcon title={timeline.error.message} />
  const outcomes = timeline.data?.outcomes ?? []
  const outcomeName = (code: string | null) => {
    const found = outcomes.find((o) => o.code === code)
    if (!found) return code ?? ''
    return i18n.language === 'en' ? found.labelEn : found.labelZh
  }
  const hidden = (['deal', 'request'] as const).filter((k) => !timeline.data?.shown.includes(k))

  const describe = (entry: TimelineEntry) => {
    switch (entry.kind) {
      case 'interaction':
        return (
          <InteractionEntry
            interaction={entry.interaction}
            outcomeName={outcomeName}
            mayReveal={has(me, 'customers.reveal')}
            onReveal={() => setRevealing(entry.interaction)}
          />
        )
      case 'deal':
        return t('interactions.dealStage', {
          stage: i18n.language === 'en' ? entry.deal.stageName.en : entry.deal.stageName.zh,
        })
      case 'consent':
        return t(
          entry.consent.granted ? 'interactions.consentGranted' : 'interactions.consentWithdrawn',
          { purpose: purposeName(entry.consent.purpose) },
        )
      case 'request':
        return t('interactions.requestReceived', {
          type: t(`requests.types.${entry.request.type}`),
          status: t(`requests.statuses.${entry.request.status}`),
        })
    }
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('interactions.timeline')}
        </Typography.Title>
        <PermittedButton
          me={me}
          permission="interactions.manage"
          type="primary"
          disabled={!active}
          title={active ? undefined : t('interactions.notActive')}
          onClick={() => setLogging(true)}
        >
          {t('interactions.log')}
        </PermittedButton>
      </Space>
      {hidden.length > 0 && timeline.data && (
        <Typography.Text type="secondary">
          {t('interactions.hiddenKinds', {
            kinds: new Intl.ListFormat(i18n.language).format(
              hidden.map((k) => t(`interactions.kinds.${k}`)),
            ),
          })}
        </Typography.Text>
      )}
      {timeline.data && timeline.data.entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('interactions.empty')} />
      ) : (
        <Timeline
          items={(timeline.data?.entries ?? []).map((entry, index) => ({
            key: `${entry.kind}-${index}`,
            content: (
              <Space orientation="vertical" size={4}>
                <Space size={8}>
                  <Tag>{t(`interactions.kinds.${entry.kind}`)}</Tag>
                  <Typography.Text type="secondary">{formatTime(entry.at)}</Typography.Text>
                </Space>
                {describe(entry)}
              </Space>
            ),
          }))}
        />
      )}
      {logging && (
        <LogInteraction
          customerId={customerId}
          outcomes={outcomes}
          outcomeName={outcomeName}
          onClose={() => setLogging(false)}
        />
      )}
      {revealing && <RevealNote interaction={revealing} onClose={() => setRevealing(null)} />}
    </Space>
  )
}

function InteractionEntry({
  interaction,
  outcomeName,
  mayReveal,
  onReveal,
}: {
  interaction: Interaction
  outcomeName: (code: string | null) => string
  mayReveal: boolean
  onReveal: () => void
}) {
  const { t } = useTranslation()
  const hasText = interaction.note !== null || interaction.nextStep !== null
  return (
    <Space orientation="vertical" size={4} data-testid="interaction-entry">
      <Space size={8} wrap>
        <strong>{t(`interactions.channels.${interaction.channel}`)}</strong>
        <span>{t(`interactions.directions.${interaction.direction}`)}</span>
        {interaction.durationMinutes !== null && (
          <span>{t('interactions.minutes', { count: interaction.durationMinutes })}</span>
        )}
        {interaction.outcome && <Tag color="blue">{outcomeName(interaction.outcome)}</Tag>}
        <Typography.Text type="secondary">
          {t('interactions.labelled', {
            label: t('interactions.staff'),
            value: interaction.staff.name,
          })}
        </Typography.Text>
        {interaction.origin && (
          <Typography.Text type="secondary">
            {t(`interactions.origins.${interaction.origin}`)}
          </Typography.Text>
        )}
      </Space>
      {interaction.note !== null && (
        <span>
          {t('interactions.labelled', { label: t('interactions.note'), value: interaction.note })}{' '}
          <Tag>{t('interactions.masked')}</Tag>
        </span>
      )}
      {interaction.nextStep !== null && (
        <span>
          {t('interactions.labelled', {
            label: t('interactions.nextStep'),
            value: interaction.nextStep,
          })}
        </span>
      )}
      {hasText && mayReveal && (
        <Button size="small" onClick={onReveal}>
          {t('interactions.reveal')}
        </Button>
      )}
    </Space>
  )
}

function LogInteraction({
  customerId,
  outcomes,
  outcomeName,
  onClose,
}: {
  customerId: string
  outcomes: Outcome[]
  outcomeName: (code: string | null) => string
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<NewInteraction>()
  const log = useLogInteraction(customerId)
  return (
    <FormModal
      title={t('interactions.log')}
      form={form}
      onSubmit={async (values) => {
        // Empty answers are left out, so the server's defaults apply.
        const body = Object.fromEntries(
          Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== ''),
        )
        await log.mutateAsync(body as NewInteraction)
      }}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ channel: 'phone', direction: 'outbound' }}
      >
        <Form.Item name="channel" label={t('interactions.channel')} rules={[{ required: true }]}>
          <Select
            options={CHANNELS.map((c) => ({ value: c, label: t(`interactions.channels.${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="direction"
          label={t('interactions.direction')}
          rules={[{ required: true }]}
        >
          <Select
            options={DIRECTIONS.map((d) => ({
              value: d,
              label: t(`interactions.directions.${d}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="durationMinutes" label={t('interactions.duration')}>
          <InputNumber min={0} max={1440} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="outcome" label={t('interactions.outcome')}>
          <Select
            allowClear
            options={outcomes.map((o) => ({ value: o.code, label: outcomeName(o.code) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('interactions.note')} extra={t('interactions.noteHint')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="nextStep" label={t('interactions.nextStep')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}

/** A note and next step in plain text for a purpose, masked again after a while (as a customer reveal). */
function RevealNote({ interaction, onClose }: { interaction: Interaction; onClose: () => void }) {
  const { t } = useTranslation()
  const reveal = useRevealInteraction()
  return (
    <PurposeReveal
      title={t('interactions.revealTitle')}
      notice={t('interactions.revealNotice')}
      reveal={(purpose) => reveal.mutateAsync({ id: interaction.id, purpose })}
      onClose={onClose}
    >
      {(revealed: RevealedInteraction) => (
        <Descriptions bordered column={1} size="small">
          <Descriptions.Item label={t('interactions.note')}>
            {revealed.note ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('interactions.nextStep')}>
            {revealed.nextStep ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      )}
    </PurposeReveal>
  )
}
