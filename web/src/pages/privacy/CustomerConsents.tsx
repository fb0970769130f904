import {
  Alert,
  Col,
  Empty,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type NewConsent, useConsents, useRecordConsent } from '../../api/consents.js'
import { useNotices } from '../../api/notices.js'
import { usePurposeNames, usePurposes, usePurposeText } from '../../api/purposes.js'
import type { Me } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { PermittedButton } from '../../components/PermittedButton.js'
import { formatTime } from '../../i18n/format.js'
import { NoNoticeYet } from './NoNoticeYet.js'

const CHANNELS = [
  'counter',
  'paper',
  'web',
  'app',
  'phone',
  'email',
  'sms',
  'other',
] as const satisfies readonly NonNullable<NewConsent['channel']>[]
const WITH_RECIPIENT = new Set(['third_party', 'cross_border'])

/** A customer's consents (CON-2): the standing decision per purpose, the ledger, and a new record. */
export function CustomerConsents({ customerId, me }: { customerId: string; me: Me }) {
  const { t } = useTranslation()
  const purposeName = usePurposeNames()
  const [recording, setRecording] = useState(false)
  const consents = useConsents(customerId)
  if (consents.isError) return <Alert type="error" showIcon title={consents.error.message} />
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">{t('consents.intro')}</Typography.Text>
        <PermittedButton
          me={me}
          permission="consents.manage"
          type="primary"
          onClick={() => setRecording(true)}
        >
          {t('consents.record')}
        </PermittedButton>
      </Space>
      <Table
        rowKey="purpose"
        size="small"
        loading={consents.isPending}
        dataSource={consents.data?.states ?? []}
        pagination={false}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consents.none')} />
          ),
        }}
        columns={[
          { title: t('consents.purpose'), dataIndex: 'purpose', render: purposeName },
          {
            title: t('consents.decision'),
            dataIndex: 'granted',
            render: (granted: boolean) =>
              granted ? (
                <Tag color="green">{t('consents.granted')}</Tag>
              ) : (
                <Tag color="red">{t('consents.withdrawn')}</Tag>
              ),
          },
          { title: t('consents.since'), dataIndex: 'since', render: formatTime },
          { title: t('consents.recipient'), dataIndex: 'recipient' },
        ]}
      />
      <Typography.Title level={5}>{t('consents.history')}</Typography.Title>
      <Table
        rowKey="id"
        size="small"
        loading={consents.isPending}
        dataSource={consents.data?.history ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        // One empty style for both tables of the tab: the small picture with a line of text.
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consents.noHistory')} />
          ),
        }}
        columns={[
          { title: t('consents.recordedAt'), dataIndex: 'recordedAt', render: formatTime },
          { title: t('consents.purpose'), dataIndex: 'purpose', render: purposeName },
          {
            title: t('consents.decision'),
            dataIndex: 'granted',
            render: (granted: boolean) => t(granted ? 'consents.granted' : 'consents.withdrawn'),
          },
          {
            title: t('consents.channel'),
            dataIndex: 'channel',
            render: (channel: string) => t(`consents.channels.${channel}`),
          },
          { title: t('consents.notice'), dataIndex: 'noticeVersion' },
          {
            title: t('consents.notes'),
            render: (_, record) => (
              <Space size={4}>
                {record.byGuardian && <Tag>{t('consents.byGuardian')}</Tag>}
                {record.hasEvidence && <Tag>{t('consents.hasEvidence')}</Tag>}
              </Space>
            ),
          },
          { title: t('consents.recordedBy'), render: (_, record) => record.recordedBy.name },
        ]}
      />
      {recording && (
        <ConsentForm customerId={customerId} me={me} onClose={() => setRecording(false)} />
      )}
    </Space>
  )
}

type Values = {
  purpose: string
  granted: boolean
  channel: NonNullable<NewConsent['channel']>
  noticeVersion?: number
  recipient?: string
  evidence?: string
  guardianName?: string
  guardianRelation?: string
}

function ConsentForm({
  customerId,
  me,
  onClose,
}: {
  customerId: string
  me: Me
  onClose: () => void
}) {
  const { t } = useTranslation()
  const record = useRecordConsent(customerId)
  const purposes = usePurposes()
  const purposeText = usePurposeText()
  const notices = useNotices()
  const [form] = Form.useForm<Values>()
  const purpose = Form.useWatch('purpose', form)
  const granted = Form.useWatch('granted', form)
  // A grant rests on a published notice (CON-1); a withdrawal never waits for one.
  const noNotice = notices.data?.items.length === 0
  return (
    <FormModal
      title={t('consents.record')}
      form={form}
      blocked={granted !== false && noNotice}
      onSubmit={async ({ guardianName, guardianRelation, ...values }) => {
        const body = {
          ...Object.fromEntries(
            Object.entries(values).filter(([, v]) => v !== undefined && v !== ''),
          ),
          ...(guardianName && guardianRelation
            ? { guardian: { name: guardianName, relation: guardianRelation } }
            : {}),
        }
        // Empty answers are left out, so the server's defaults apply and its messages name what is missing.
        await record.mutateAsync(body as NewConsent)
      }}
      onClose={onClose}
    >
      <Form form={form} layout="vertical" initialValues={{ granted: true, channel: 'counter' }}>
        <Form.Item name="purpose" label={t('consents.purpose')} rules={[{ required: true }]}>
          <Select
            // Typed to find, as in the reveal: eight purposes and more as an installation adds them.
            showSearch={{ optionFilterProp: 'label' }}
            options={(purposes.data?.items ?? [])
              .filter((p) => p.legalBasis === 'consent' && p.active)
              .map((p) => ({ value: p.code, label: purposeText.name(p) }))}
          />
        </Form.Item>
        <Form.Item name="granted" label={t('consents.decision')}>
          <Radio.Group
            options={[
              { value: true, label: t('consents.grant') },
              { value: false, label: t('consents.withdraw') },
            ]}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('consents.channel')}>
          <Select
            options={CHANNELS.map((value) => ({ value, label: t(`consents.channels.${value}`) }))}
          />
        </Form.Item>
        {granted && noNotice && <NoNoticeYet me={me} />}
        {granted && !noNotice && (
          <Form.Item
            name="noticeVersion"
            label={t('consents.notice')}
            extra={t('consents.noticeHint')}
          >
            <Select
              allowClear
              options={(notices.data?.items ?? []).map((n) => ({
                value: n.version,
                label: `v${n.version} · ${formatTime(n.publishedAt)}`,
              }))}
            />
          </Form.Item>
        )}
        {granted && purpose && WITH_RECIPIENT.has(purpose) && (
          <Form.Item name="recipient" label={t('consents.recipient')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Form.Item
          name="evidence"
          label={t('consents.evidence')}
          extra={t('consents.evidenceHint')}
        >
          <Input maxLength={500} />
        </Form.Item>
        {granted && (
          // Two equal columns: in a row sized by content, the hint under the name made it the wider one.
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                name="guardianName"
                label={t('consents.guardianName')}
                extra={t('consents.guardianHint')}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="guardianRelation" label={t('consents.guardianRelation')}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Form>
    </FormModal>
  )
}
