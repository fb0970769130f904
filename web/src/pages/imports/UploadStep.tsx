import {
  Alert,
  Button,
  Form,
  Radio,
  Select,
  Space,
  Typography,
  Upload,
  type UploadFile,
} from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type DuplicateHandling,
  type ImportView,
  type UploadOptions,
  useUploadImport,
} from './imports-api.js'

/** The source channels of the catalogue, as the customer pages name them (values.source.*). */
const SOURCES = [
  'web_form',
  'customer_service',
  'phone',
  'survey',
  'visit',
  'referral',
  'third_party',
] as const
const DUPLICATES: DuplicateHandling[] = ['skip', 'update', 'create', 'review']
const ENCODINGS = ['auto', 'utf-8', 'gb18030'] as const

type Values = {
  kind: UploadOptions['kind']
  source?: string
  duplicates: DuplicateHandling
  encoding: (typeof ENCODINGS)[number]
}

/**
 * The first step: the options every row takes (kind, source channel), what
 * to do with a duplicate, the encoding when the guess would be wrong, and
 * the file. The server answers the header and a suggested mapping.
 */
export function UploadStep({ onUploaded }: { onUploaded: (view: ImportView) => void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const [files, setFiles] = useState<UploadFile[]>([])
  const upload = useUploadImport()
  const file = files[0]?.originFileObj

  const send = (values: Values) => {
    if (!file) return
    const options: UploadOptions = {
      kind: values.kind,
      duplicates: values.duplicates,
      ...(values.source && { source: values.source }),
      ...(values.encoding !== 'auto' && { encoding: values.encoding }),
    }
    upload.mutate({ file, options }, { onSuccess: onUploaded })
  }

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ kind: 'individual', duplicates: 'skip', encoding: 'auto' }}
      onFinish={send}
      style={{ maxWidth: 760 }}
    >
      <Form.Item label={t('imports.upload.kind')} name="kind">
        <Radio.Group
          optionType="button"
          options={(['individual', 'organization'] as const).map((value) => ({
            value,
            label: t(`customers.kind.${value}`),
          }))}
        />
      </Form.Item>
      <Form.Item
        label={t('imports.upload.source')}
        name="source"
        extra={t('imports.upload.sourceHint')}
      >
        <Select
          allowClear
          placeholder={t('imports.upload.noSource')}
          options={SOURCES.map((value) => ({ value, label: t(`values.source.${value}`) }))}
        />
      </Form.Item>
      <Form.Item
        label={t('imports.upload.duplicates')}
        name="duplicates"
        extra={t('imports.upload.duplicatesHint')}
      >
        <Radio.Group style={{ width: '100%' }}>
          <Space orientation="vertical">
            {DUPLICATES.map((value) => (
              <Radio key={value} value={value}>
                <div>{t(`imports.duplicates.${value}`)}</div>
                <Typography.Text type="secondary">
                  {t(`imports.duplicates.${value}Hint`)}
                </Typography.Text>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        label={t('imports.upload.encoding')}
        name="encoding"
        extra={t('imports.upload.encodingHint')}
      >
        <Select
          style={{ maxWidth: 280 }}
          options={ENCODINGS.map((value) => ({
            value,
            label: t(`imports.encodings.${value}`),
          }))}
        />
      </Form.Item>
      <Form.Item label={t('imports.upload.file')} required>
        <Upload.Dragger
          accept=".csv,.txt,.xlsx"
          maxCount={1}
          fileList={files}
          beforeUpload={() => false}
          onChange={({ fileList }) => setFiles(fileList.slice(-1))}
        >
          <p className="ant-upload-text">{t('imports.upload.drop')}</p>
          <p className="ant-upload-hint">{t('imports.upload.dropHint')}</p>
        </Upload.Dragger>
      </Form.Item>
      {upload.isError && (
        <Alert type="error" showIcon title={upload.error.message} style={{ marginBottom: 16 }} />
      )}
      <Button type="primary" htmlType="submit" disabled={!file} loading={upload.isPending}>
        {t('imports.upload.send')}
      </Button>
    </Form>
  )
}
