import { Col, Row, Statistic } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ImportView } from './imports-api.js'

/** The dry run's counts (what the run would do) and the run's (what it did). */
export const DRY_RUN_COUNTS = ['create', 'update', 'skip', 'review', 'invalid'] as const
export const RUN_COUNTS = ['created', 'updated', 'skipped', 'queued', 'failed'] as const

/** Counts of an import as figures, each named in words; the rows of the file first. */
export function ImportCounts({
  view,
  names,
}: {
  view: ImportView
  names: readonly (typeof DRY_RUN_COUNTS)[number][] | readonly (typeof RUN_COUNTS)[number][]
}) {
  const { t } = useTranslation()
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} sm={8} md={4}>
        <Statistic title={t('imports.counts.rows')} value={view.progress.total ?? 0} />
      </Col>
      {names.map((name) => (
        <Col key={name} xs={12} sm={8} md={4}>
          <Statistic title={t(`imports.counts.${name}`)} value={view.counts[name] ?? 0} />
        </Col>
      ))}
    </Row>
  )
}
