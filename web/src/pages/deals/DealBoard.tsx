import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type Deal,
  type DealSettings,
  type DealStage,
  type NewDeal,
  useChangeDeal,
  useCreateDeal,
  useDealSettings,
  useDeals,
} from '../../api/deals.js'
import type { Me } from '../../api/types.js'
import { CustomerPicker } from '../../components/CustomerPicker.js'
import { FormModal } from '../../components/FormModal.js'
import { formatDate, formatTime } from '../../i18n/format.js'

const ENDS = ['lost', 'cancelled'] as const
const REGISTERS = ['small_deposit', 'large_deposit'] as const

/** The company's name of a stage (or a reason), in the user's language. */
function useLabel() {
  const { i18n } = useTranslation()
  return (entry: { labelZh: string; labelEn: string } | undefined, fallback = '—') =>
    entry ? (i18n.language === 'en' ? entry.labelEn : entry.labelZh) : fallback
}

/**
 * Deals (成交管理): a board by stage, each deal with its credit split — who,
 * which share, by which rule, fixed at signing or a preview before — and
 * the small- and large-deposit registers (小定单登记表, 大定单登记表) as tabs.
 * The server works out every split.
 */
export function DealBoard({ me }: { me: Me }) {
  const { t } = useTranslation()
  const settings = useDealSettings()
  const [creating, setCreating] = useState(false)
  const [moving, setMoving] = useState<Deal | null>(null)
  return (
    <Card
      title={t('deals.title')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('deals.create')}
        </Button>
      }
    >
      {settings.isError && <Alert type="error" showIcon title={settings.error.message} />}
      {settings.data && (
        <Tabs
          items={[
            {
              key: 'board',
              label: t('deals.tabs.board'),
              children: <Board settings={settings.data} onMove={setMoving} />,
            },
            ...REGISTERS.map((stage) => ({
              key: stage,
              label: t(`deals.tabs.${stage}`),
              children: <Register stage={stage} settings={settings.data} onMove={setMoving} />,
            })),
          ]}
        />
      )}
      {creating && settings.data && (
        <CreateDeal me={me} settings={settings.data} onClose={() => setCreating(false)} />
      )}
      {moving && settings.data && (
        <MoveDeal deal={moving} settings={settings.data} onClose={() => setMoving(null)} />
      )}
    </Card>
  )
}

function Board({ settings, onMove }: { settings: DealSettings; onMove: (deal: Deal) => void }) {
  const { t } = useTranslation()
  const label = useLabel()
  const deals = useDeals()
  const items = deals.data?.items ?? []
  return (
    <>
      {deals.isError && <Alert type="error" showIcon title={deals.error.message} />}
      {!deals.isPending && items.length === 0 && <Empty description={t('deals.empty')} />}
      <div style={{ display: 'flex', gap: 12, overflowX: 'auto', alignItems: 'flex-start' }}>
        {settings.stages.map((stage) => {
          const here = items.filter((d) => d.stage === stage.code)
          return (
            <div
              key={stage.code}
              style={{ minWidth: 240, flex: '0 0 240px' }}
              data-stage={stage.code}
            >
              <Typography.Title level={5}>
                {label(stage)} <Tag>{here.length}</Tag>
              </Typography.Title>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {here.map((deal) => (
                  <DealCard
                    key={deal.id}
                    deal={deal}
                    stage={stage}
                    settings={settings}
                    onMove={onMove}
                  />
                ))}
              </Space>
            </div>
          )
        })}
      </div>
    </>
  )
}

function DealCard({
  deal,
  stage,
  settings,
  onMove,
}: {
  deal: Deal
  stage: DealStage
  settings: DealSettings
  onMove: (deal: Deal) => void
}) {
  const { t } = useTranslation()
  const label = useLabel()
  const ended = (ENDS as readonly string[]).includes(stage.kind)
  const reasons = stage.kind === 'lost' ? settings.reasons.lost : settings.reasons.cancelled
  return (
    <Card size="small" className="deal-card" title={deal.customerName ?? t('deals.customer')}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        {deal.product && <span>{deal.product}</span>}
        <span>
          {t('deals.amount')}：{deal.amountHidden ? t('deals.amountHidden') : (deal.amount ?? '—')}
        </span>
        <span>
          {t('deals.closer')}：{deal.closer.name}
        </span>
        {ended && deal.reason && (
          <span>
            {t('deals.reason')}：{label(reasons.find((r) => r.code === deal.reason))}
          </span>
        )}
        <Credit deal={deal} />
        {ended ? (
          <Tag>{t('deals.ended')}</Tag>
        ) : (
          <Button size="small" onClick={() => onMove(deal)}>
            {t('deals.move')}
          </Button>
        )}
      </Space>
    </Card>
  )
}

/** Who the credit goes to, which share and by which rule, in words. */
function Credit({ deal }: { deal: Deal }) {
  const { t } = useTranslation()
  const { split } = deal
  const registration = split.registration
  return (
    <div className="deal-credit">
      <Typography.Text strong>{t('deals.credit')}</Typography.Text>{' '}
      <Tag color={split.fixed ? 'green' : 'default'}>
        {split.fixed ? t('deals.fixed') : t('deals.preview')}
      </Tag>
      <ul style={{ margin: '4px 0', paddingInlineStart: 18 }}>
        {deal.credit.map((c) => (
          <li key={c.accountId}>
            {t('deals.share', {
              name: c.name,
              role: t(`deals.roles.${c.role}`),
              percent: Math.round(c.share * 1000) / 10,
            })}
          </li>
        ))}
      </ul>
      <Typography.Text type="secondary">{t(`deals.rules.${split.rule}`)}</Typography.Text>
      {registration && (
        <div>
          <Typography.Text type="secondary">
            {t('deals.registration', {
              name: registration.registrant.name,
              registeredAt: formatDate(registration.registeredAt),
              validUntil: formatDate(registration.validUntil),
            })}
          </Typography.Text>
        </div>
      )}
    </div>
  )
}

/** A deposit register (小定单登记表, 大定单登记表): the deals at that stage. */
function Register({
  stage,
  settings,
  onMove,
}: {
  stage: (typeof REGISTERS)[number]
  settings: DealSettings
  onMove: (deal: Deal) => void
}) {
  const { t } = useTranslation()
  const deals = useDeals({ stage })
  return (
    <>
      {deals.isError && <Alert type="error" showIcon title={deals.error.message} />}
      <Table<Deal>
        rowKey="id"
        size="small"
        pagination={false}
        loading={deals.isPending}
        dataSource={deals.data?.items ?? []}
        locale={{ emptyText: t('deals.emptyRegister') }}
        columns={[
          { title: t('deals.customer'), render: (_, d) => d.customerName ?? '—' },
          { title: t('deals.product'), render: (_, d) => d.product ?? '—' },
          {
            title: t('deals.amount'),
            render: (_, d) => (d.amountHidden ? t('deals.amountHidden') : (d.amount ?? '—')),
          },
          { title: t('deals.closer'), render: (_, d) => d.closer.name },
          {
            title: t('deals.reachedAt'),
            render: (_, d) => formatTime(d.history.filter((h) => h.stage === stage).at(-1)?.at),
          },
          { title: t('deals.credit'), render: (_, d) => <Credit deal={d} /> },
          {
            title: t('deals.move'),
            render: (_, d) =>
              settings.stages.some((s) => s.code === d.stage) && (
                <Button size="small" onClick={() => onMove(d)}>
                  {t('deals.move')}
                </Button>
              ),
          },
        ]}
      />
    </>
  )
}

type DealForm = {
  customerId: string
  stage: string
  amount?: number
  product?: string
  closerId?: string
  reason?: string
}

function CreateDeal({
  me,
  settings,
  onClose,
}: {
  me: Me
  settings: DealSettings
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const label = useLabel()
  const [form] = Form.useForm<DealForm>()
  const create = useCreateDeal()
  const stageCode = Form.useWatch('stage', form)
  const stage = settings.stages.find((s) => s.code === stageCode)
  // 退订 ends a deal that exists: a new one starts at any other stage.
  const stages = settings.stages.filter((s) => s.kind !== 'cancelled')
  const submit = async (values: DealForm) => {
    const body: NewDeal = {
      customerId: values.customerId,
      stage: values.stage,
      ...(values.amount !== undefined &&
        values.amount !== null && { amount: values.amount.toFixed(2) }),
      ...(values.product && { product: values.product }),
      ...(values.closerId && { closerId: values.closerId }),
      ...(values.reason && { reason: values.reason }),
    }
    await create.mutateAsync(body)
    void message.success(t('deals.created'))
  }
  return (
    <FormModal<DealForm>
      title={t('deals.create')}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      okText={t('deals.create')}
    >
      <Form form={form} layout="vertical" initialValues={{ stage: stages[0]?.code }}>
        <Form.Item name="customerId" label={t('deals.customer')} rules={[{ required: true }]}>
          <CustomerPicker placeholder={t('deals.customerSearch')} />
        </Form.Item>
        <Form.Item name="stage" label={t('deals.stage')} rules={[{ required: true }]}>
          <Select options={stages.map((s) => ({ value: s.code, label: label(s) }))} />
        </Form.Item>
        {stage?.kind === 'lost' && (
          <Form.Item name="reason" label={t('deals.lostReason')} rules={[{ required: true }]}>
            <Select
              options={settings.reasons.lost.map((r) => ({ value: r.code, label: label(r) }))}
            />
          </Form.Item>
        )}
        <Form.Item name="amount" label={t('deals.amount')}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="product" label={t('deals.product')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        {settings.closers.length > 0 && (
          <Form.Item name="closerId" label={t('deals.closer')} extra={t('deals.closerHint')}>
            <Select
              allowClear
              options={settings.closers
                .filter((c) => c.id !== me.id)
                .map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  )
}

type MoveForm = { stage: string; reason?: string; closerId?: string }

function MoveDeal({
  deal,
  settings,
  onClose,
}: {
  deal: Deal
  settings: DealSettings
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const label = useLabel()
  const [form] = Form.useForm<MoveForm>()
  const change = useChangeDeal()
  const stageCode = Form.useWatch('stage', form)
  const target = settings.stages.find((s) => s.code === stageCode)
  const reasons =
    target?.kind === 'lost'
      ? settings.reasons.lost
      : target?.kind === 'cancelled'
        ? settings.reasons.cancelled
        : []
  // Whoever signs closes the deal (成交人): it may be someone other than who took the deposit.
  const signing =
    !deal.split.fixed &&
    (target?.kind === 'signed' || target?.kind === 'paid') &&
    settings.closers.length > 0
  const submit = async (values: MoveForm) => {
    await change.mutateAsync({
      id: deal.id,
      body: {
        stage: values.stage,
        ...(values.reason && { reason: values.reason }),
        ...(signing &&
          values.closerId &&
          values.closerId !== deal.closer.id && { closerId: values.closerId }),
      },
    })
    void message.success(t('deals.moved', { stage: label(target) }))
  }
  return (
    <FormModal<MoveForm>
      title={`${t('deals.move')} · ${deal.customerName ?? ''}`}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      okText={t('deals.move')}
    >
      <Form form={form} layout="vertical" initialValues={{ closerId: deal.closer.id }}>
        <Form.Item name="stage" label={t('deals.moveTo')} rules={[{ required: true }]}>
          <Select
            options={settings.stages
              .filter((s) => s.code !== deal.stage)
              .map((s) => ({ value: s.code, label: label(s) }))}
          />
        </Form.Item>
        {reasons.length > 0 && (
          <Form.Item
            name="reason"
            label={target?.kind === 'lost' ? t('deals.lostReason') : t('deals.cancelledReason')}
            rules={[{ required: true }]}
          >
            <Select options={reasons.map((r) => ({ value: r.code, label: label(r) }))} />
          </Form.Item>
        )}
        {signing && (
          <Form.Item name="closerId" label={t('deals.closer')} extra={t('deals.closerAtSigning')}>
            <Select options={settings.closers.map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  )
}
