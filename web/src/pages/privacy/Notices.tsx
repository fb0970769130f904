import { Alert, Card, Descriptions, Form, Input, Modal, Select, Table, Tabs, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type NewNotice, useNotices, usePublishNotice } from '../../api/notices.js'
import { usePurposeNames, usePurposes, usePurposeText } from '../../api/purposes.js'
import type { Me, Notice } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { PermittedButton } from '../../components/PermittedButton.js'
import { formatTime } from '../../i18n/format.js'

const PARTS = ['title', 'purposes', 'scope', 'method', 'retention', 'recipients'] as const
type Language = 'zh-CN' | 'en'

/** Versioned privacy notices (CON-1): every version kept; a new one is published, never edited. */
export function Notices({ me }: { me: Me }) {
  const { t, i18n } = useTranslation()
  const purposeName = usePurposeNames()
  const [shown, setShown] = useState<Notice | null>(null)
  const [publishing, setPublishing] = useState(false)
  const notices = useNotices()
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN'
  return (
    <Card
      title={t('menu.notices')}
      extra={
        <PermittedButton
          me={me}
          permission="purposes.manage"
          type="primary"
          onClick={() => setPublishing(true)}
        >
          {t('notices.publish')}
        </PermittedButton>
      }
    >
      {notices.isError && <Alert type="error" showIcon title={notices.error.message} />}
      <Table<Notice>
        rowKey="version"
        size="small"
        loading={notices.isPending}
        dataSource={notices.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('notices.empty') }}
        onRow={(row) => ({ onClick: () => setShown(row), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('notices.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
          { title: t('notices.title'), render: (_, n) => n.content[language].title },
          {
            title: t('notices.purposes'),
            dataIndex: 'purposes',
            render: (codes: string[]) => codes.map((c) => <Tag key={c}>{purposeName(c)}</Tag>),
          },
          { title: t('notices.publishedAt'), dataIndex: 'publishedAt', render: formatTime },
          { title: t('notices.publishedBy'), render: (_, n) => n.publishedBy.name },
        ]}
      />
      {shown && (
        <Modal
          open
          width={720}
          footer={null}
          title={`v${shown.version} · ${shown.content[language].title}`}
          onCancel={() => setShown(null)}
        >
          <Descriptions column={1} bordered size="small">
            {PARTS.filter((part) => part !== 'title').map((part) => (
              <Descriptions.Item key={part} label={t(`notices.parts.${part}`)}>
                <div style={{ whiteSpace: 'pre-wrap' }}>{shown.content[language][part]}</div>
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Modal>
      )}
      {publishing && (
        <PublishNotice
          latest={notices.data?.items[0] ?? null}
          onClose={() => setPublishing(false)}
        />
      )}
    </Card>
  )
}

/** A new version, starting from the latest one's text. */
function PublishNotice({ latest, onClose }: { latest: Notice | null; onClose: () => void }) {
  const { t } = useTranslation()
  const publish = usePublishNotice()
  const purposes = usePurposes()
  const purposeText = usePurposeText()
  const [form] = Form.useForm<NewNotice>()
  return (
    <FormModal
      title={t('notices.publish')}
      form={form}
      onSubmit={async (values) => {
        await publish.mutateAsync(values)
      }}
      onClose={onClose}
      okText={t('notices.publishNow')}
      width={760}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={latest ? { purposes: latest.purposes, content: latest.content } : {}}
      >
        <Form.Item name="purposes" label={t('notices.purposes')} rules={[{ required: true }]}>
          <Select
            mode="multiple"
            options={(purposes.data?.items ?? []).map((p) => ({
              value: p.code,
              label: purposeText.name(p),
            }))}
          />
        </Form.Item>
        <Tabs
          items={(['zh-CN', 'en'] as const).map((language) => ({
            key: language,
            label: language === 'en' ? 'English' : '中文',
            forceRender: true,
            children: PARTS.map((part) => (
              <Form.Item
                key={part}
                name={['content', language, part]}
                label={t(`notices.parts.${part}`)}
                rules={[{ required: true }]}
              >
                {part === 'title' ? (
                  <Input maxLength={120} />
                ) : (
                  <Input.TextArea rows={2} maxLength={4000} />
                )}
              </Form.Item>
            )),
          }))}
        />
      </Form>
    </FormModal>
  )
}
