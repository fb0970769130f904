import { Alert, Button, Popconfirm, Progress, Result, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { ImportCounts, RUN_COUNTS } from './ImportCounts.js'
import { type ImportView, useCancelImport } from './imports-api.js'
import { ReportTable } from './ReportTable.js'
import { timeLeft } from './time-left.js'

/**
 * The last step: the run going through the rows (done of total, rows a
 * second, time left), then what it did — created, updated, skipped,
 * queued for review, refused — and the way to the customers.
 */
export function RunStep({ view, onNew }: { view: ImportView; onNew: () => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const cancel = useCancelImport(view.id)
  const { total, done, rate, secondsLeft } = view.progress
  const percent = view.state === 'done' ? 100 : total ? Math.floor((done / total) * 100) : 0

  if (view.state === 'importing') {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text>{t('imports.run.importing')}</Typography.Text>
        <Progress percent={percent} status="active" aria-label={t('imports.run.importing')} />
        <Space wrap size={16}>
          <Typography.Text>
            {t('imports.run.doneOf', { done, total: total ?? '—' })}
          </Typography.Text>
          {rate !== null && (
            <Typography.Text type="secondary">{t('imports.run.rate', { rate })}</Typography.Text>
          )}
          {secondsLeft !== null && (
            <Typography.Text type="secondary">{timeLeft(t, secondsLeft)}</Typography.Text>
          )}
        </Space>
        {cancel.isError && <Alert type="error" showIcon title={cancel.error.message} />}
        <Popconfirm
          title={t('imports.cancelRunConfirm')}
          okText={t('imports.cancel')}
          cancelText={t('imports.keep')}
          onConfirm={() => cancel.mutate()}
        >
          <Button danger loading={cancel.isPending}>
            {t('imports.cancel')}
          </Button>
        </Popconfirm>
      </Space>
    )
  }

  const refused = (view.counts.failed ?? 0) > 0
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Progress percent={percent} status={view.state === 'done' ? 'success' : 'exception'} />
      {view.state === 'done' ? (
        <Result
          status="success"
          title={t('imports.run.finished')}
          subTitle={t('imports.run.finishedHint')}
          style={{ padding: '16px 0' }}
        />
      ) : (
        <Alert
          type={view.state === 'failed' ? 'error' : 'warning'}
          showIcon
          title={t(`imports.run.${view.state === 'failed' ? 'failed' : 'cancelled'}`)}
          description={view.failure?.message ?? t('imports.run.keptHint')}
        />
      )}
      <ImportCounts view={view} names={RUN_COUNTS} />
      {refused && <ReportTable view={view} />}
      <Space wrap>
        <Button type="primary" onClick={() => navigate('/customers')}>
          {t('imports.run.toCustomers')}
        </Button>
        <Button onClick={onNew}>{t('imports.newImport')}</Button>
      </Space>
    </Space>
  )
}
