import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { usePendingChanges } from '../../api/approvals.js'
import { useCatalogue, useFieldLabels } from '../../api/catalogue.js'
import { type NewPurpose, usePurposes, usePurposeText, useSavePurpose } from '../../api/purposes.js'
import type { FieldLevel, LegalBasis, Me, Purpose } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { isPending, PendingChanges } from '../../components/PendingChanges.js'

const LEGAL_BASES = [
  'consent',
  'contract',
  'legal_obligation',
] as const satisfies readonly LegalBasis[]

/** Purposes of processing (ACC-2): every reveal names one; each has a legal basis. */
export function Purposes({ me }: { me: Me }) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState<Purpose | 'new' | null>(null)
  const pending = new Set(
    (usePendingChanges('purpose_change', me).data ?? []).map((a) => a.subject.id),
  )
  const label = useFieldLabels()
  const purposes = usePurposes()
  const text = usePurposeText()
  return (
    <Card
      title={t('menu.purposes')}
      extra={
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('purposes.create')}
        </Button>
      }
    >
      {purposes.isError && <Alert type="error" showIcon title={purposes.error.message} />}
      <PendingChanges kind="purpose_change" me={me} />
      <Table<Purpose>
        rowKey="code"
        size="small"
        loading={purposes.isPending}
        dataSource={purposes.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: t('purposes.name'),
            // By name, as every screen names a purpose; its code on hover (issue 14 item 1).
            render: (_, purpose) => (
              <Space size={4}>
                <span title={purpose.code}>{text.name(purpose)}</span>
                {pending.has(purpose.code) && (
                  <Tag color="orange">{t('pendingChanges.awaiting')}</Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('purposes.legalBasis'),
            dataIndex: 'legalBasis',
            render: (basis: string) => <Tag>{t(`purposes.bases.${basis}`)}</Tag>,
          },
          {
            title: t('purposes.reach'),
            render: (_, purpose) =>
              purpose.fields
                ? purpose.fields.map((f) => <Tag key={f}>{label(f)}</Tag>)
                : t(`catalogue.levels.${purpose.maxLevel}`),
          },
          { title: t('purposes.description'), render: (_, purpose) => text.description(purpose) },
          {
            title: t('purposes.active'),
            dataIndex: 'active',
            render: (active: boolean) =>
              active ? <Tag color="green">{t('purposes.yes')}</Tag> : <Tag>{t('purposes.no')}</Tag>,
          },
          {
            title: '',
            render: (_, purpose) => (
              <Button size="small" onClick={() => setEditing(purpose)}>
                {t('accounts.edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <PurposeForm
          purpose={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  )
}

type Values = {
  code?: string
  nameZh: string
  nameEn: string
  legalBasis: LegalBasis
  descriptionZh: string
  descriptionEn: string
  active?: boolean
  maxLevel: FieldLevel
  fields: string[] | null
}

function PurposeForm({ purpose, onClose }: { purpose: Purpose | null; onClose: () => void }) {
  const { t } = useTranslation()
  const catalogue = useCatalogue()
  const label = useFieldLabels()
  const savePurpose = useSavePurpose()
  const text = usePurposeText()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  return (
    <FormModal
      title={purpose ? `${t('accounts.edit')} · ${text.name(purpose)}` : t('purposes.create')}
      form={form}
      onSubmit={async (values) => {
        const answer = await savePurpose.mutateAsync(
          purpose ? { purpose, body: values } : { purpose: null, body: values as NewPurpose },
        )
        // A purpose reaching further waits for the other function (ACC-5): say so, show it pending.
        if (isPending(answer)) void message.info(t('pendingChanges.submitted'), 8)
      }}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          purpose
            ? {
                nameZh: purpose.nameZh,
                nameEn: purpose.nameEn,
                legalBasis: purpose.legalBasis,
                descriptionZh: purpose.descriptionZh,
                descriptionEn: purpose.descriptionEn,
                active: purpose.active,
                maxLevel: purpose.maxLevel,
                fields: purpose.fields,
              }
            : { legalBasis: 'contract', maxLevel: 3, fields: null }
        }
      >
        {!purpose && (
          <Form.Item
            name="code"
            label={t('purposes.code')}
            rules={[{ required: true }]}
            extra={t('purposes.codeHint')}
          >
            <Input />
          </Form.Item>
        )}
        <Form.Item name="nameZh" label={t('purposes.nameZh')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('purposes.nameEn')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="legalBasis" label={t('purposes.legalBasis')}>
          <Select
            options={LEGAL_BASES.map((value) => ({ value, label: t(`purposes.bases.${value}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="descriptionZh"
          label={t('purposes.descriptionZh')}
          rules={[{ required: true }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="descriptionEn"
          label={t('purposes.descriptionEn')}
          rules={[{ required: true }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="maxLevel" label={t('purposes.maxLevel')}>
          <Radio.Group
            options={([1, 2, 3] satisfies FieldLevel[]).map((value) => ({
              value,
              label: t(`catalogue.levels.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="fields"
          label={t('purposes.fields')}
          extra={t('purposes.fieldsHint')}
          getValueFromEvent={(value: string[]) => (value.length > 0 ? value : null)}
          getValueProps={(value: string[] | null) => ({ value: value ?? [] })}
        >
          <Select
            mode="multiple"
            options={(catalogue.data?.items ?? [])
              .filter((e) => e.level > 0)
              .map((e) => ({ value: e.field, label: label(e.field) }))}
          />
        </Form.Item>
        {purpose && (
          <Form.Item name="active" label={t('purposes.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </FormModal>
  )
}
