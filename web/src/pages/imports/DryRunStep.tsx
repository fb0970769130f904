import { Alert, Button, Popconfirm, Progress, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { DRY_RUN_COUNTS, ImportCounts } from './ImportCounts.js'
import { type ImportView, useCancelImport, useRunImport } from './imports-api.js'
import { ReportTable } from './ReportTable.js'

/**
 * The third step: the dry run checking every row (a bar of rows checked),
 * then what the run would do, the report of the rows it would refuse, and
 * the choice — start the import, change the mapping, or cancel.
 */
export function DryRunStep({ view, onRemap }: { view: ImportView; onRemap: () => void }) {
  const { t } = useTranslation()
  const run = useRunImport(view.id)
  const cancel = useCancelImport(view.id)
  const { total, checked } = view.progress

  if (view.state === 'validating') {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('imports.dryRun.checking')}</Typography.Text>
        <Progress
          percent={total ? Math.floor((checked / total) * 100) : 0}
          status="active"
          aria-label={t('imports.dryRun.checking')}
        />
        <Typography.Text type="secondary">
          {total
            ? t('imports.dryRun.checkedOf', { checked, total })
            : t('imports.dryRun.checked', { checked })}
        </Typography.Text>
      </Space>
    )
  }

  const importable =
    (view.counts.create ?? 0) + (view.counts.update ?? 0) + (view.counts.review ?? 0)
  const failure = run.error ?? cancel.error
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert
        type={view.counts.invalid ? 'warning' : 'success'}
        showIcon
        title={t('imports.dryRun.done')}
        description={importable === 0 ? t('imports.dryRun.nothing') : t('imports.dryRun.doneHint')}
      />
      <ImportCounts view={view} names={DRY_RUN_COUNTS} />
      <ReportTable view={view} />
      {failure && <Alert type="error" showIcon title={failure.message} />}
      <Space wrap>
        <Button
          type="primary"
          disabled={importable === 0}
          loading={run.isPending}
          onClick={() => run.mutate()}
        >
          {t('imports.dryRun.start')}
        </Button>
        <Button onClick={onRemap}>{t('imports.dryRun.remap')}</Button>
        <Popconfirm
          title={t('imports.cancelConfirm')}
          okText={t('imports.cancel')}
          cancelText={t('imports.keep')}
          onConfirm={() => cancel.mutate()}
        >
          <Button danger loading={cancel.isPending}>
            {t('imports.cancel')}
          </Button>
        </Popconfirm>
      </Space>
    </Space>
  )
}
