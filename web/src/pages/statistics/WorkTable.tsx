import { Card, Table, type TableColumnsType } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CountName, Counts, VisitsCalls } from '../../api/statistics.js'
import { bucketLabel } from './bucket-label.js'

const COLUMNS: CountName[] = [
  'visits',
  'calls',
  'contacts',
  'newCustomers',
  'followUpsDone',
  'followUpsMissed',
  'dealsSigned',
  'dealsLost',
  'firstContacts',
  'converted',
]

type Row = { key: string; bucket: string; department: string; name?: string; counts: Counts }

const conversionOf = (counts: Counts) =>
  counts.firstContacts === 0
    ? '—'
    : `${((counts.converted / counts.firstContacts) * 100).toFixed(1)}%`

/** The statistics as a table per period and salesperson (来人来电统计表), or per department, with its total row. */
export function WorkTable({
  statistics,
  by,
}: {
  statistics: VisitsCalls
  by: 'salesperson' | 'department'
}) {
  const { t } = useTranslation()
  const departmentNames = new Map(statistics.departments.map((d) => [d.departmentId, d.name]))
  const departmentName = (id: string | null) =>
    departmentNames.get(id) ?? (id === null ? t('statistics.noDepartment') : '')
  const rows: Row[] =
    by === 'salesperson'
      ? statistics.rows.map((r) => ({
          key: `${r.bucket}|${r.accountId}`,
          bucket: r.bucket,
          department: departmentName(r.departmentId),
          name: r.name,
          counts: r.counts,
        }))
      : statistics.departments.map((d) => ({
          key: `${d.bucket}|${d.departmentId}`,
          bucket: d.bucket,
          department: departmentName(d.departmentId),
          counts: d.counts,
        }))
  const columns: TableColumnsType<Row> = [
    {
      title: t('statistics.bucket'),
      dataIndex: 'bucket',
      fixed: 'left',
      render: (bucket: string) => bucketLabel(t, statistics.period, bucket),
    },
    { title: t('statistics.department'), dataIndex: 'department' },
    ...(by === 'salesperson' ? [{ title: t('statistics.salesperson'), dataIndex: 'name' }] : []),
    ...COLUMNS.map((name) => ({
      title: t(`statistics.counts.${name}`),
      key: name,
      align: 'right' as const,
      render: (_: unknown, row: Row) => row.counts[name],
    })),
    {
      title: t('statistics.conversion'),
      key: 'conversion',
      align: 'right',
      render: (_: unknown, row: Row) => conversionOf(row.counts),
    },
  ]
  const leading = by === 'salesperson' ? 3 : 2
  return (
    <Card title={t(by === 'salesperson' ? 'statistics.bySalesperson' : 'statistics.byDepartment')}>
      <Table<Row>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('statistics.empty') }}
        summary={() =>
          rows.length === 0 ? null : (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={leading}>
                <strong>{t('statistics.total')}</strong>
              </Table.Summary.Cell>
              {COLUMNS.map((name, i) => (
                <Table.Summary.Cell key={name} index={leading + i} align="right">
                  <strong>{statistics.totals[name]}</strong>
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={leading + COLUMNS.length} align="right">
                <strong>{conversionOf(statistics.totals)}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
    </Card>
  )
}
