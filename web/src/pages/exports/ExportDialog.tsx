import { Alert, Form, Modal, Radio, Select, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { useCatalogue, useFieldLabels } from '../../api/catalogue.js'
import { ApiError } from '../../api/client.js'
import { useDepartments } from '../../api/departments.js'
import { type ExportFilter, type NewExport, useRequestExport } from '../../api/exports.js'
import { usePurposes, usePurposeText } from '../../api/purposes.js'

type Values = {
  fields: string[]
  format: NewExport['format']
  mode: 'masked' | 'plain'
  purpose?: string
}

const DEFAULT_FIELDS = ['name', 'mobile', 'grade', 'source']
/** Which words name a search of the list (its terms are never shown back). */
const SEARCH_FIELDS: Record<string, string> = { q: 'name', mobile: 'mobile', idNumber: 'idNumber' }

/**
 * Issue 18 §2: an export of the list as it is filtered now — fields by
 * their catalogue labels, CSV or Excel, masked (the default) or plain with a
 * purpose, which waits for a second person's approval. Opens the export's
 * page once asked for.
 */
export function ExportDialog({
  filter,
  onClose,
}: {
  /** The list's search as it is (codes from the address, terms from the history entry). */
  filter: Partial<Record<string, string>>
  onClose: () => void
}) {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const catalogue = useCatalogue()
  const departments = useDepartments()
  const label = useFieldLabels()
  const purposes = usePurposes()
  const purposeText = usePurposeText()
  const request = useRequestExport()
  const [form] = Form.useForm<Values>()
  const mode = Form.useWatch('mode', form)
  const [error, setError] = useState<string | null>(null)

  const searched = Object.keys(filter)
    .filter((key) => key in SEARCH_FIELDS)
    .map((key) => label(SEARCH_FIELDS[key] ?? key))
  const chosen = [
    ...(filter.grade ? [`${label('grade')}: ${t(`customers.grade.${filter.grade}`)}`] : []),
    ...(filter.source ? [`${label('source')}: ${t(`values.source.${filter.source}`)}`] : []),
    ...(filter.departmentId
      ? [
          `${t('exports.department')}: ${
            departments.data?.items.find((d) => d.id === filter.departmentId)?.name ?? ''
          }`,
        ]
      : []),
  ]
  const described = [
    ...(searched.length > 0
      ? [t('exports.searchedBy', { fields: searched.join(i18n.language === 'en' ? ', ' : '、') })]
      : []),
    ...chosen,
  ]

  const submit = async () => {
    const values = await form.validateFields().catch(() => null)
    if (!values) return
    setError(null)
    try {
      const created = await request.mutateAsync({
        // The server checks the filter as GET /customers does: a code it does not know is refused.
        filter: filter as ExportFilter,
        fields: values.fields,
        format: values.format,
        mode: values.mode,
        ...(values.mode === 'plain' && values.purpose && { purpose: values.purpose }),
      })
      onClose()
      void navigate(`/exports/${created.id}`)
    } catch (caught) {
      const fields =
        caught instanceof ApiError
          ? Object.entries(caught.body.fields ?? {}).map(([f, m]) => `${label(f)}: ${m}`)
          : []
      setError([caught instanceof Error ? caught.message : String(caught), ...fields].join(' '))
    }
  }

  return (
    <Modal
      open
      title={t('exports.dialogTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('exports.submit')}
      confirmLoading={request.isPending}
      destroyOnHidden
    >
      <Alert type="info" title={t('exports.notice')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
      <Typography.Paragraph>
        {t('exports.filterNow')}:{' '}
        {described.length > 0 ? described.join('；') : t('exports.noFilter')}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ fields: DEFAULT_FIELDS, format: 'xlsx', mode: 'masked' }}
      >
        <Form.Item
          name="fields"
          label={t('exports.fields')}
          rules={[{ required: true, message: t('exports.fieldsRequired') }]}
        >
          <Select
            mode="multiple"
            loading={catalogue.isPending}
            optionFilterProp="label"
            options={(catalogue.data?.items ?? []).map((entry) => ({
              value: entry.field,
              label: label(entry.field),
            }))}
          />
        </Form.Item>
        <Form.Item name="format" label={t('exports.format')}>
          <Radio.Group
            options={(['xlsx', 'csv'] as const).map((format) => ({
              value: format,
              label: t(`exports.formats.${format}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="mode" label={t('exports.mode')}>
          <Radio.Group
            options={(['masked', 'plain'] as const).map((value) => ({
              value,
              label: t(`exports.modes.${value}`),
            }))}
          />
        </Form.Item>
        {mode === 'plain' && (
          <>
            <Alert type="warning" title={t('exports.plainHint')} style={{ marginBottom: 16 }} />
            <Form.Item
              name="purpose"
              label={t('exports.purpose')}
              rules={[{ required: true, message: t('exports.purposeRequired') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={purposes.isPending}
                options={(purposes.data?.items ?? [])
                  .filter((p) => p.active)
                  .map((p) => ({ value: p.code, label: purposeText.name(p) }))}
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  )
}
