import { Alert, Button, Card, Col, Row, Statistic } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { useReviewCounts } from '../../api/entry.js'

/** The dashboard's count of entries waiting on someone (CUS-4): for review, drafts, sent back. */
export function ReviewCountsCard() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const counts = useReviewCounts()
  return (
    <Card
      title={t('entry.counts.title')}
      extra={
        <Button type="link" onClick={() => navigate('/customers/review')}>
          {t('entry.counts.open')}
        </Button>
      }
    >
      {counts.isError ? (
        <Alert type="error" showIcon title={counts.error.message} />
      ) : (
        <Row gutter={16}>
          {(['submitted', 'draft', 'rejected'] as const).map((key) => (
            <Col span={8} key={key}>
              <Statistic
                title={t(`entry.counts.${key}`)}
                value={counts.data?.[key] ?? 0}
                loading={counts.isPending}
              />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  )
}
