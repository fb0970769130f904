import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
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
import {
  type NewCatalogueEntry,
  useCatalogueScreen,
  useSaveCatalogueEntry,
} from '../../api/catalogue.js'
import type { CatalogueEntry, FieldLevel, MaskingRule, Me } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { isPending, PendingChanges } from '../../components/PendingChanges.js'

const MASKING = [
  'none',
  'name',
  'id-number',
  'mobile',
  'phone',
  'email',
  'address',
  'bank-card',
  'bank-account',
  'credit-code',
  'amount',
  'text',
  'hidden',
] as const satisfies readonly MaskingRule[]
export const LEVEL_COLOURS = ['default', 'blue', 'orange', 'red'] as const

/**
 * The field catalogue (CLS-1, CLS-4): every customer field with its level,
 * whether it is sensitive personal information, how it is masked and how
 * long it is kept. Level-0 attributes are not personal and stay as they are.
 */
export function FieldCatalogue({ me }: { me: Me }) {
  const { t, i18n } = useTranslation()
  const [editing, setEditing] = useState<CatalogueEntry | 'new' | null>(null)
  const pending = new Set(
    (usePendingChanges('catalogue_change', me).data ?? []).map((a) => a.subject.id),
  )
  const catalogue = useCatalogueScreen()
  return (
    <Card
      title={t('menu.catalogue')}
      extra={
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('catalogue.create')}
        </Button>
      }
    >
      {catalogue.isError && <Alert type="error" showIcon title={catalogue.error.message} />}
      <PendingChanges kind="catalogue_change" me={me} />
      <Table<CatalogueEntry>
        rowKey="field"
        size="small"
        loading={catalogue.isPending}
        dataSource={catalogue.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('catalogue.label'),
            render: (_, e) => (i18n.language === 'en' ? e.labelEn : e.labelZh),
          },
          {
            title: t('catalogue.field'),
            dataIndex: 'field',
            render: (f: string) => (
              <Space size={4}>
                <code>{f}</code>
                {pending.has(f) && <Tag color="orange">{t('pendingChanges.awaiting')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('catalogue.appliesTo'),
            dataIndex: 'appliesTo',
            render: (value: string) => t(`catalogue.kinds.${value}`),
          },
          {
            title: t('catalogue.level'),
            dataIndex: 'level',
            render: (level: number) => (
              <Tag color={LEVEL_COLOURS[level]}>{t(`catalogue.levels.${level}`)}</Tag>
            ),
          },
          {
            title: t('catalogue.sensitive'),
            dataIndex: 'sensitive',
            render: (sensitive: boolean) =>
              sensitive && <Tag color="red">{t('catalogue.yes')}</Tag>,
          },
          {
            title: t('catalogue.masking'),
            dataIndex: 'masking',
            render: (rule: string) => t(`catalogue.maskingRules.${rule}`),
          },
          {
            title: t('catalogue.protection'),
            render: (_, e) => (
              <Space size={4}>
                {e.encrypted && <Tag color="green">{t('catalogue.encrypted')}</Tag>}
                {e.searchable && <Tag>{t('catalogue.searchable')}</Tag>}
                {e.custom && <Tag color="purple">{t('catalogue.custom')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('catalogue.retentionDays'),
            dataIndex: 'retentionDays',
            render: (days: number | null) => days ?? '—',
          },
          {
            title: '',
            render: (_, entry) =>
              entry.level > 0 && (
                <Button size="small" onClick={() => setEditing(entry)}>
                  {t('accounts.edit')}
                </Button>
              ),
          },
        ]}
      />
      {editing && (
        <EntryForm entry={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Card>
  )
}

type Values = Partial<Omit<CatalogueEntry, 'level'>> & { level?: FieldLevel }

/** A change to an entry, or a new custom field: level, sensitivity, masking and retention. */
function EntryForm({ entry, onClose }: { entry: CatalogueEntry | null; onClose: () => void }) {
  const { t } = useTranslation()
  const saveEntry = useSaveCatalogueEntry()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  return (
    <FormModal
      title={
        entry
          ? `${t('accounts.edit')} · ${entry.labelZh} / ${entry.labelEn}`
          : t('catalogue.create')
      }
      form={form}
      onSubmit={async (values) => {
        const body = { ...values, retentionDays: values.retentionDays ?? null }
        const answer = await saveEntry.mutateAsync(
          entry ? { entry, body } : { entry: null, body: body as NewCatalogueEntry },
        )
        // A change lowering protection waits for the other function (ACC-5): say so, show it pending.
        if (isPending(answer)) void message.info(t('pendingChanges.submitted'), 8)
      }}
      onClose={onClose}
    >
      {entry && (
        <Alert
          type="info"
          showIcon
          title={t('catalogue.changeNotice')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={
          entry
            ? {
                labelZh: entry.labelZh,
                labelEn: entry.labelEn,
                level: entry.level,
                sensitive: entry.sensitive,
                masking: entry.masking,
                retentionDays: entry.retentionDays,
              }
            : { appliesTo: 'both', level: 1, sensitive: false, masking: 'text' }
        }
      >
        {!entry && (
          <>
            <Form.Item
              name="field"
              label={t('catalogue.field')}
              rules={[{ required: true }]}
              extra={t('catalogue.fieldHint')}
            >
              <Input />
            </Form.Item>
            <Form.Item name="appliesTo" label={t('catalogue.appliesTo')}>
              <Radio.Group
                options={['individual', 'organization', 'both'].map((value) => ({
                  value,
                  label: t(`catalogue.kinds.${value}`),
                }))}
              />
            </Form.Item>
          </>
        )}
        <Form.Item name="labelZh" label={t('catalogue.labelZh')} rules={[{ required: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="labelEn" label={t('catalogue.labelEn')} rules={[{ required: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="level" label={t('catalogue.level')}>
          <Radio.Group
            options={([1, 2, 3] satisfies FieldLevel[]).map((value) => ({
              value,
              label: t(`catalogue.levels.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="sensitive" label={t('catalogue.sensitive')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="masking" label={t('catalogue.masking')}>
          <Select
            options={MASKING.map((value) => ({
              value,
              label: t(`catalogue.maskingRules.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="retentionDays"
          label={t('catalogue.retentionDays')}
          extra={t('catalogue.retentionHint')}
        >
          <InputNumber min={1} max={36500} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </FormModal>
  )
}
