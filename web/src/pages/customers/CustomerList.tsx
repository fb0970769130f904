import { Alert, Button, Card, Empty, Form, Input, Select, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { useCustomers } from '../../api/customers.js'
import { useDepartments } from '../../api/departments.js'
import type { CustomerGrade, CustomerSource, CustomerView, Me } from '../../api/types.js'
import { PermittedButton, useHoldersOf } from '../../components/PermittedButton.js'
import { formatDate, formatTime } from '../../i18n/format.js'
import { has } from '../../permissions.js'
import { ExportDialog } from '../exports/ExportDialog.js'
import { RegistrationTag } from './CustomerAttribution.js'
import { type Search, useCustomerSearch } from './customer-search.js'

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

/** A mobile number is found only whole (CLS-5: a blind index matches exactly). */
const incompleteMobile = (value: string | undefined) =>
  !!value && value.replace(/\D/g, '').length < 11
const incompleteIdNumber = (value: string | undefined) => !!value && value.trim().length < 15

/** Customers, newest first: name search, exact search by mobile or ID number, filters, keyset paging (CUS-3, CLS-5). */
export function CustomerList({ me }: { me: Me }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [search, setSearch, entry] = useCustomerSearch()
  const pages = useCustomers(search)
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? []
  const searching = Object.keys(search).length > 0
  const [exporting, setExporting] = useState(false)

  return (
    <Card
      title={t('customers.title')}
      extra={
        <Space>
          <PermittedButton me={me} permission="customers.export" onClick={() => setExporting(true)}>
            {t('exports.open')}
          </PermittedButton>
          <PermittedButton
            me={me}
            permission="customers.write"
            type="primary"
            onClick={() => navigate('/customers/new')}
          >
            {t('customers.create')}
          </PermittedButton>
        </Space>
      }
    >
      {exporting && <ExportDialog filter={search} onClose={() => setExporting(false)} />}
      {/* A new history entry remounts the form with that entry's search (back/forward). */}
      <SearchForm key={entry} search={search} onSearch={setSearch} />
      {pages.isError && <Alert type="error" title={pages.error.message} showIcon />}
      <Table<CustomerView>
        rowKey="id"
        loading={pages.isPending}
        dataSource={rows}
        pagination={false}
        locale={{
          emptyText: searching ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <>
                  {t('customers.empty')}
                  {(search.mobile || search.idNumber) && <div>{t('customers.exactHint')}</div>}
                </>
              }
            />
          ) : (
            <NoCustomersYet me={me} />
          ),
        }}
        onRow={(row) => ({
          onClick: () => navigate(`/customers/${row.id}`),
          style: { cursor: 'pointer' },
        })}
        columns={[
          {
            title: t('customers.columns.name'),
            dataIndex: 'name',
            render: (name: string | undefined, row) => (
              <>
                {name}{' '}
                {row.status !== 'active' && (
                  <Tag color={row.status === 'restricted' ? 'red' : 'blue'}>
                    {t(`entry.status.${row.status}`)}
                  </Tag>
                )}
              </>
            ),
          },
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
            title: t('entry.attribution.owner'),
            render: (_, row) => row.owner?.name ?? t('entry.attribution.noOwner'),
          },
          {
            title: t('entry.attribution.validUntil'),
            render: (_, row) =>
              row.registration ? (
                <>
                  {formatDate(row.registration.validUntil)}{' '}
                  <RegistrationTag valid={row.registration.valid} />
                </>
              ) : (
                '—'
              ),
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

/** A fresh installation: nothing was searched, nothing exists yet; the next step, or who takes it. */
function NoCustomersYet({ me }: { me: Me }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const holders = useHoldersOf()
  const mayCreate = has(me, 'customers.write')
  return (
    <Empty
      data-testid="customers-empty"
      description={
        <>
          <div>{t('customers.none')}</div>
          <div>
            {mayCreate
              ? t('customers.noneNext')
              : t('customers.noneWho', { roles: holders('customers.write') })}
          </div>
        </>
      }
    >
      {mayCreate && (
        <Button type="primary" onClick={() => navigate('/customers/new')}>
          {t('customers.create')}
        </Button>
      )}
    </Empty>
  )
}

/**
 * The search, in two rows of aligned columns at any width: what is typed
 * (name, mobile, ID number) above, the choices (grade, source, department)
 * below, the buttons at the end of each row.
 */
function SearchForm({ search, onSearch }: { search: Search; onSearch: (next: Search) => void }) {
  const { t } = useTranslation()
  const departments = useDepartments()
  const [form] = Form.useForm<Search>()
  const mobile = Form.useWatch('mobile', form)
  const idNumber = Form.useWatch('idNumber', form)
  const trimmed = (values: Search): Search =>
    Object.fromEntries(
      Object.entries(values)
        .map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value])
        .filter(([, value]) => value),
    )
  const item = { style: { margin: 0 } }
  return (
    <Form
      form={form}
      initialValues={search}
      onFinish={(values) => onSearch(trimmed(values))}
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(3, minmax(0, 1fr)) auto',
        gap: 12,
        alignItems: 'start',
        marginBottom: 16,
      }}
    >
      <Form.Item name="q" {...item}>
        <Input placeholder={t('customers.search')} aria-label={t('customers.search')} allowClear />
      </Form.Item>
      <Form.Item
        name="mobile"
        {...item}
        help={incompleteMobile(mobile) ? t('customers.mobileIncomplete') : undefined}
        validateStatus={incompleteMobile(mobile) ? 'warning' : undefined}
      >
        <Input placeholder={t('customers.mobile')} aria-label={t('customers.mobile')} allowClear />
      </Form.Item>
      <Form.Item
        name="idNumber"
        {...item}
        help={incompleteIdNumber(idNumber) ? t('customers.idNumberIncomplete') : undefined}
        validateStatus={incompleteIdNumber(idNumber) ? 'warning' : undefined}
      >
        <Input
          placeholder={t('customers.idNumber')}
          aria-label={t('customers.idNumber')}
          allowClear
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block>
        {t('customers.find')}
      </Button>
      <Form.Item name="grade" {...item}>
        <Select
          placeholder={t('customers.columns.grade')}
          aria-label={t('customers.columns.grade')}
          allowClear
          options={GRADES.map((value) => ({ value, label: t(`values.grade.${value}`) }))}
        />
      </Form.Item>
      <Form.Item name="source" {...item}>
        <Select
          placeholder={t('customers.source')}
          aria-label={t('customers.source')}
          allowClear
          options={SOURCES.map((value) => ({ value, label: t(`values.source.${value}`) }))}
        />
      </Form.Item>
      <Form.Item name="departmentId" {...item}>
        <Select
          placeholder={t('accounts.department')}
          aria-label={t('accounts.department')}
          allowClear
          loading={departments.isPending}
          options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
      </Form.Item>
      <Button block onClick={() => onSearch({})}>
        {t('customers.clear')}
      </Button>
    </Form>
  )
}
