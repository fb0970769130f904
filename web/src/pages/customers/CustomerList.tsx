import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { useCustomers } from '../../api/customers.js'
import { useDepartments } from '../../api/departments.js'
import type { CustomerGrade, CustomerSource, CustomerView, Me } from '../../api/types.js'
import { formatTime } from '../../i18n/format.js'
import { has } from '../../permissions.js'

type Search = {
  q?: string
  mobile?: string
  idNumber?: string
  grade?: string
  source?: string
  departmentId?: string
}

const GRADES = ['important', 'general'] satisfies CustomerGrade[]
const SOURCES = [
  'web_form',
  'customer_service',
  'phone',
  'survey',
  'visit',
  'referral',
  'third_party',
] satisfies CustomerSource[]

/** Customers, newest first: name search, exact search by mobile or ID number, filters, keyset paging (CUS-3, CLS-5). */
export function CustomerList({ me }: { me: Me }) {
  const { t } = useTranslation()
  const departments = useDepartments()
  const mayCreate = has(me, 'customers.write')
  const navigate = useNavigate()
  const [search, setSearch] = useState<Search>({})
  const pages = useCustomers(search)
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? []

  return (
    <Card
      title={t('customers.title')}
      extra={
        mayCreate && (
          <Button type="primary" onClick={() => navigate('/customers/new')}>
            {t('customers.create')}
          </Button>
        )
      }
    >
      <Form
        layout="inline"
        onFinish={(values: Search) => setSearch(values)}
        style={{ marginBottom: 16 }}
      >
        <Form.Item name="q">
          <Input placeholder={t('customers.search')} allowClear />
        </Form.Item>
        <Form.Item name="mobile">
          <Input placeholder={t('customers.mobile')} allowClear />
        </Form.Item>
        <Form.Item name="idNumber">
          <Input placeholder={t('customers.idNumber')} allowClear />
        </Form.Item>
        <Form.Item name="grade">
          <Select
            placeholder={t('customers.columns.grade')}
            allowClear
            style={{ width: 140 }}
            options={GRADES.map((value) => ({ value, label: t(`values.grade.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="source">
          <Select
            placeholder={t('customers.source')}
            allowClear
            style={{ width: 160 }}
            options={SOURCES.map((value) => ({ value, label: t(`values.source.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="departmentId">
          <Select
            placeholder={t('accounts.department')}
            allowClear
            style={{ width: 160 }}
            loading={departments.isPending}
            options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('customers.find')}
        </Button>
      </Form>
      {pages.isError && <Alert type="error" title={pages.error.message} showIcon />}
      <Table<CustomerView>
        rowKey="id"
        loading={pages.isPending}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('customers.empty') }}
        onRow={(row) => ({
          onClick: () => navigate(`/customers/${row.id}`),
          style: { cursor: 'pointer' },
        })}
        columns={[
          { title: t('customers.columns.name'), dataIndex: 'name' },
          {
            title: t('customers.columns.kind'),
            dataIndex: 'kind',
            render: (kind: CustomerView['kind']) => t(`customers.kind.${kind}`),
          },
          { title: t('customers.columns.mobile'), dataIndex: 'mobile' },
          {
            title: t('customers.columns.grade'),
            dataIndex: 'grade',
            render: (grade: string | null) =>
              grade ? <Tag>{t(`customers.grade.${grade}`)}</Tag> : null,
          },
          {
            title: t('customers.created'),
            dataIndex: 'createdAt',
            render: formatTime,
          },
        ]}
      />
      {pages.hasNextPage && (
        <Space style={{ marginTop: 16 }}>
          <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
            {t('customers.more')}
          </Button>
        </Space>
      )}
    </Card>
  )
}
