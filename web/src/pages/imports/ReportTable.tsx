import { Alert, Button, Space, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import {
  errorsCsvUrl,
  type ImportProblem,
  type ImportView,
  useImportErrors,
} from './imports-api.js'

/**
 * The per-row report: the row as a spreadsheet numbers it, the column (its
 * header as the file has it), the field and the problem in the reader's
 * language — never the value — with the rows of each problem, and the
 * whole report as a CSV download.
 */
export function ReportTable({ view }: { view: ImportView }) {
  const { t, i18n } = useTranslation()
  const report = useImportErrors(view.id, true)
  const rows = report.data?.pages.flatMap((page) => page.items) ?? []
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('imports.report.title')}
        </Typography.Title>
        <Button href={errorsCsvUrl(view.id, i18n.language)} download>
          {t('imports.report.download')}
        </Button>
      </Space>
      {view.problems.length > 0 && (
        <Space wrap>
          {view.problems.map((p) => (
            <Tag key={p.problem} color="orange">
              {t('imports.report.problemRows', { message: p.message, rows: p.rows })}
            </Tag>
          ))}
        </Space>
      )}
      {report.isError && <Alert type="error" showIcon title={report.error.message} />}
      <Table<ImportProblem>
        rowKey={(p) => `${p.row}:${p.column ?? ''}:${p.problem}:${p.field}`}
        size="small"
        loading={report.isPending}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('imports.report.none') }}
        columns={[
          { title: t('imports.report.row'), dataIndex: 'row', width: 90 },
          {
            title: t('imports.report.column'),
            render: (_, p) =>
              p.column === null
                ? t('imports.report.wholeRow')
                : t('imports.report.columnOf', {
                    number: p.column,
                    header: p.columnName ?? '',
                  }),
          },
          { title: t('imports.report.field'), dataIndex: 'fieldLabel' },
          { title: t('imports.report.problem'), dataIndex: 'message' },
        ]}
      />
      {report.hasNextPage && (
        <Button onClick={() => void report.fetchNextPage()} loading={report.isFetchingNextPage}>
          {t('imports.report.more')}
        </Button>
      )}
    </Space>
  )
}
