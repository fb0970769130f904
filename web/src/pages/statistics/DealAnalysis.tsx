import { Card, Col, Row, Table } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { VisitsCalls } from '../../api/statistics.js'
import { Chart } from './Chart.js'

/** 成交状况分析: deals opened in the range by the stage they are at, and why others ended without one. */
export function DealAnalysis({ statistics }: { statistics: VisitsCalls }) {
  const { t, i18n } = useTranslation()
  const { reasons, stages } = useMemo(() => {
    const labelOf = (item: { labelZh: string; labelEn: string }) =>
      i18n.language === 'en' ? item.labelEn : item.labelZh
    return {
      reasons: statistics.noDealReasons.map((r) => ({
        key: `${r.kind}|${r.code}`,
        name: `${t(`statistics.kinds.${r.kind}`)} · ${labelOf(r)}`,
        count: r.count,
      })),
      stages: statistics.dealsByStage.map((s) => ({
        key: s.code,
        name: labelOf(s),
        count: s.count,
      })),
    }
  }, [statistics, i18n.language, t])
  const stageChart = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 80, right: 24, top: 16, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: stages.map((s) => s.name) },
      series: [{ type: 'bar', name: t('statistics.count'), data: stages.map((s) => s.count) }],
    }),
    [stages, t],
  )
  const reasonChart = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          data: reasons.map((r) => ({ name: r.name, value: r.count })),
        },
      ],
    }),
    [reasons],
  )
  const table = (title: string, rows: { key: string; name: string; count: number }[]) => (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: t('statistics.empty') }}
      columns={[
        { title, dataIndex: 'name' },
        { title: t('statistics.count'), dataIndex: 'count', align: 'right' },
      ]}
    />
  )
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={t('statistics.dealsByStage')}>
          {stages.length > 0 && (
            <Chart option={stageChart} height={200} label={t('statistics.dealsByStage')} />
          )}
          {table(t('statistics.stage'), stages)}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('statistics.noDealReasons')}>
          {reasons.length > 0 && (
            <Chart option={reasonChart} height={200} label={t('statistics.noDealReasons')} />
          )}
          {table(t('statistics.reason'), reasons)}
        </Card>
      </Col>
    </Row>
  )
}
