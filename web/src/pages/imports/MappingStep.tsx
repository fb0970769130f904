import { Alert, Button, Select, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useCatalogue } from '../../api/catalogue.js'
import { ApiError } from '../../api/client.js'
import { type ImportView, useSetMapping } from './imports-api.js'
import { mappableFields } from './mappable-fields.js'

/** "Do not import": the Select's own value for a column left out (null to the server). */
const SKIP = ''

type Column = { column: number; header: string }

/**
 * The second step: each column of the file (its header as written) with
 * the catalogue field it fills — by label, in the reader's language — or
 * "do not import", prefilled with the server's suggestion. Checking the
 * file sends the mapping and starts the dry run.
 */
export function MappingStep({
  view,
  onSaved,
  onBack,
}: {
  view: ImportView
  onSaved?: () => void
  onBack?: () => void
}) {
  const { t, i18n } = useTranslation()
  const catalogue = useCatalogue()
  const header = view.header ?? []
  const [mapping, setMapping] = useState<(string | null)[]>(() =>
    header.map((_, i) => view.options.mapping?.[i] ?? view.suggestedMapping?.[i] ?? null),
  )
  const save = useSetMapping(view.id)
  const fields = mappableFields(catalogue.data?.items ?? [], view.options.kind, i18n.language)
  const problems = save.error instanceof ApiError ? (save.error.body.fields ?? {}) : {}
  const taken = new Set(mapping.filter((field): field is string => field !== null))

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('imports.mapping.hint')}</Typography.Paragraph>
      {catalogue.isError && <Alert type="error" showIcon title={catalogue.error.message} />}
      <Table<Column>
        rowKey="column"
        size="small"
        pagination={false}
        dataSource={header.map((text, column) => ({ column, header: text }))}
        columns={[
          {
            title: t('imports.mapping.number'),
            dataIndex: 'column',
            width: 80,
            render: (column: number) => column + 1,
          },
          {
            title: t('imports.mapping.header'),
            dataIndex: 'header',
            render: (text: string) => text || t('imports.mapping.noHeader'),
          },
          {
            title: t('imports.mapping.field'),
            render: (_, { column, header: text }) => {
              const problem = problems[`mapping.${column}`]
              return (
                <>
                  <Select
                    aria-label={t('imports.mapping.fieldOf', { column: text || column + 1 })}
                    style={{ width: 280 }}
                    showSearch={{ optionFilterProp: 'label' }}
                    status={problem ? 'error' : undefined}
                    loading={catalogue.isPending}
                    value={mapping[column] ?? SKIP}
                    onChange={(value: string) =>
                      setMapping((now) => now.map((f, i) => (i === column ? value || null : f)))
                    }
                    options={[
                      { value: SKIP, label: t('imports.mapping.skip') },
                      ...fields.map((f) => ({
                        ...f,
                        disabled: taken.has(f.value) && mapping[column] !== f.value,
                      })),
                    ]}
                  />
                  {problem && <Typography.Text type="danger"> {problem}</Typography.Text>}
                </>
              )
            },
          },
        ]}
      />
      {save.isError && (
        <Alert type="error" showIcon title={save.error.message} description={problems.mapping} />
      )}
      <Space>
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() =>
            save.mutate({ mapping, duplicates: view.options.duplicates }, { onSuccess: onSaved })
          }
        >
          {t('imports.mapping.check')}
        </Button>
        {onBack && <Button onClick={onBack}>{t('imports.mapping.back')}</Button>}
      </Space>
    </Space>
  )
}
