import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import {
  type NewVisit,
  useDutyStep,
  useFinishVisit,
  useReceiveVisit,
  useRegisterVisitor,
  useRotation,
  useVisits,
  type VisitOutcome,
} from '../../api/reception.js'
import type { Me, ReceptionMember, ReceptionVisit } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { formatTime } from '../../i18n/format.js'
import { has } from '../../permissions.js'
import { CallRegister } from './CallRegister.js'

const STATE_COLOURS = { free: 'green', receiving: 'blue', away: 'orange' } as const
const OUTCOMES: VisitOutcome[] = ['interested', 'deposit', 'signed', 'not_interested', 'other']

/**
 * The reception desk of the user's department (接待管理): today's rotation,
 * who is next and who stands by, the user's own duty steps, and the
 * visitor and call registers (来人登记表, 来电登记表). The server decides
 * every turn.
 */
export function ReceptionDesk({ me }: { me: Me }) {
  const { t } = useTranslation()
  const rotation = useRotation()
  const duty = useDutyStep()
  const [registering, setRegistering] = useState(false)
  const mine = rotation.data?.members.find((m) => m.account.id === me.id)
  const steps = !mine
    ? [{ key: 'checkIn' as const, label: t('reception.checkIn'), primary: true }]
    : [
        mine.state === 'away'
          ? { key: 'checkIn' as const, label: t('reception.back'), primary: true }
          : { key: 'stepOut' as const, label: t('reception.stepOut'), primary: false },
        { key: 'checkOut' as const, label: t('reception.checkOut'), primary: false },
      ]
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('reception.desk')}
        extra={
          <Space>
            {steps.map((step) => (
              <Button
                key={step.key}
                type={step.primary ? 'primary' : 'default'}
                loading={duty.isPending && duty.variables === step.key}
                onClick={() => duty.mutate(step.key)}
              >
                {step.label}
              </Button>
            ))}
            <Button type="primary" onClick={() => setRegistering(true)}>
              {t('reception.newVisit')}
            </Button>
          </Space>
        }
      >
        {rotation.isError && <Alert type="error" showIcon title={rotation.error.message} />}
        {duty.isError && <Alert type="error" showIcon title={duty.error.message} />}
        <Space size="large" style={{ marginBottom: 16 }}>
          <span>
            {t('reception.next')}{' '}
            <Tag color="green">{rotation.data?.next?.name ?? t('reception.nobody')}</Tag>
          </span>
          <span>
            {t('reception.standby')} <Tag>{rotation.data?.standby?.name ?? '—'}</Tag>
          </span>
        </Space>
        <Table<ReceptionMember>
          rowKey={(m) => m.account.id}
          size="small"
          pagination={false}
          loading={rotation.isPending}
          dataSource={rotation.data?.members ?? []}
          locale={{ emptyText: t('reception.empty') }}
          columns={[
            { title: t('reception.order'), render: (_, _m, index) => index + 1, width: 70 },
            { title: t('reception.member'), render: (_, m) => m.account.name },
            {
              title: t('reception.state'),
              render: (_, m) => (
                <Tag color={STATE_COLOURS[m.state]}>{t(`reception.states.${m.state}`)}</Tag>
              ),
            },
            {
              title: t('reception.owed'),
              render: (_, m) => (m.owed > 0 ? t('reception.owedCount', { count: m.owed }) : '—'),
            },
            { title: t('reception.checkedInAt'), dataIndex: 'checkedInAt', render: formatTime },
          ]}
        />
      </Card>
      <VisitRegister me={me} />
      <CallRegister />
      {registering && (
        <RegisterVisit
          me={me}
          members={rotation.data?.members ?? []}
          nextId={rotation.data?.next?.id}
          onClose={() => setRegistering(false)}
        />
      )}
    </Space>
  )
}

function VisitRegister({ me }: { me: Me }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const visits = useVisits()
  const finish = useFinishVisit()
  const [entering, setEntering] = useState<ReceptionVisit | null>(null)
  return (
    <Card title={t('reception.register')}>
      {visits.isError && <Alert type="error" showIcon title={visits.error.message} />}
      {finish.isError && <Alert type="error" showIcon title={finish.error.message} />}
      <Table<ReceptionVisit>
        rowKey="id"
        size="small"
        pagination={false}
        loading={visits.isPending}
        dataSource={visits.data?.items ?? []}
        locale={{ emptyText: t('reception.noVisits') }}
        columns={[
          { title: t('reception.arrivedAt'), dataIndex: 'arrivedAt', render: formatTime },
          { title: t('reception.receiver'), render: (_, v) => v.receivedBy.name },
          {
            title: t('reception.rule'),
            render: (_, v) => <Tag>{t(`reception.rules.${v.rule}`)}</Tag>,
          },
          {
            title: t('reception.passedOver'),
            render: (_, v) =>
              v.passedOver.length === 0
                ? '—'
                : v.passedOver
                    .map((p) => `${p.account.name}（${t(`reception.why.${p.why}`)}）`)
                    .join('、'),
          },
          {
            title: t('reception.outcome'),
            render: (_, v) =>
              v.outcome ? (
                t(`reception.outcomes.${v.outcome}`)
              ) : (
                <Select<VisitOutcome>
                  size="small"
                  style={{ width: 140 }}
                  placeholder={t('reception.finish')}
                  aria-label={t('reception.finish')}
                  options={OUTCOMES.map((o) => ({ value: o, label: t(`reception.outcomes.${o}`) }))}
                  onChange={(outcome) => finish.mutate({ id: v.id, outcome })}
                />
              ),
          },
          {
            title: t('reception.customer'),
            render: (_, v) =>
              v.customerId ? (
                <Button
                  size="small"
                  type="link"
                  onClick={() => navigate(`/customers/${v.customerId}`)}
                >
                  {t('reception.openCustomer')}
                </Button>
              ) : v.receivedBy.id === me.id ? (
                <Button size="small" onClick={() => setEntering(v)}>
                  {t('reception.enterVisitor')}
                </Button>
              ) : (
                '—'
              ),
          },
        ]}
      />
      {entering && (
        <EnterVisitor
          visit={entering}
          onClose={() => setEntering(null)}
          onEntered={(customerId) => navigate(`/customers/${customerId}`)}
        />
      )}
    </Card>
  )
}

/** 建档: the walk-in received becomes a customer record, registered from their arrival. */
function EnterVisitor({
  visit,
  onClose,
  onEntered,
}: {
  visit: ReceptionVisit
  onClose: () => void
  onEntered: (customerId: string) => void
}) {
  const { t } = useTranslation()
  const enter = useRegisterVisitor()
  const [form] = Form.useForm<{ name: string; mobile?: string }>()
  return (
    <Modal
      open
      title={t('reception.enterVisitorTitle')}
      onCancel={onClose}
      okText={t('reception.enterVisitor')}
      confirmLoading={enter.isPending}
      onOk={() => form.submit()}
    >
      <Typography.Paragraph type="secondary">
        {t('reception.enterVisitorHint', { at: formatTime(visit.arrivedAt) })}
      </Typography.Paragraph>
      {enter.isError && <Alert type="error" showIcon title={enter.error.message} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          enter.mutate(
            { id: visit.id, name: values.name, ...(values.mobile && { mobile: values.mobile }) },
            { onSuccess: (entered) => onEntered(entered.customerId) },
          )
        }
      >
        <Form.Item
          name="name"
          label={t('reception.visitorName')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="mobile" label={t('reception.visitorMobile')}>
          <Input maxLength={30} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

type VisitForm = {
  visit: NewVisit['visit']
  receiverId?: string
  overrideReason?: string
}

function RegisterVisit({
  me,
  members,
  nextId,
  onClose,
}: {
  me: Me
  members: ReceptionMember[]
  nextId: string | undefined
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<VisitForm>()
  const receive = useReceiveVisit()
  const visit = Form.useWatch('visit', form) ?? 'walk_in'
  const receiverId = Form.useWatch('receiverId', form)
  const overriding = visit === 'walk_in' && receiverId !== undefined && receiverId !== nextId
  const submit = async (values: VisitForm) => {
    const body = {
      visit: values.visit,
      ...(values.receiverId && { receiverId: values.receiverId }),
      ...(overriding && values.overrideReason && { overrideReason: values.overrideReason }),
    } as NewVisit
    const received = await receive.mutateAsync(body)
    void message.success(
      t('reception.received', {
        name: received.receivedBy.name,
        rule: t(`reception.rules.${received.rule}`),
      }),
    )
  }
  return (
    <FormModal<VisitForm>
      title={t('reception.newVisit')}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      okText={t('reception.newVisit')}
    >
      <Form form={form} layout="vertical" initialValues={{ visit: 'walk_in' }}>
        <Form.Item name="visit" label={t('reception.visitKind')}>
          <Radio.Group
            optionType="button"
            options={(['walk_in', 'named', 'returning'] as const).map((v) => ({
              value: v,
              label: t(`reception.visits.${v}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="receiverId"
          label={t('reception.receiver')}
          rules={[{ required: visit !== 'walk_in' }]}
          extra={visit === 'walk_in' ? t('reception.receiverHint') : undefined}
        >
          <Select
            allowClear
            options={members.map((m) => ({ value: m.account.id, label: m.account.name }))}
          />
        </Form.Item>
        {overriding && (
          <Form.Item
            name="overrideReason"
            label={t('reception.overrideReason')}
            extra={t('reception.overrideHint')}
            rules={[{ required: has(me, 'reception.override'), min: 2, max: 500 }]}
          >
            <Input.TextArea rows={2} disabled={!has(me, 'reception.override')} />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  )
}
