import { Alert, Button, Card, Form, Input, Space, Table } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useDepartments, useSaveDepartment } from '../../api/departments.js'
import type { Department } from '../../api/types.js'
import { FormModal } from '../../components/FormModal.js'
import { formatTime } from '../../i18n/format.js'

/** Departments: the unit of `department` record scope (ACC-1). Added and renamed, never deleted. */
export function Departments() {
  const { t } = useTranslation()
  const departments = useDepartments()
  const [editing, setEditing] = useState<Department | 'new' | null>(null)
  return (
    <Card
      title={t('menu.departments')}
      extra={
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('departments.create')}
        </Button>
      }
    >
      {departments.isError && <Alert type="error" showIcon title={departments.error.message} />}
      <Table<Department>
        rowKey="id"
        size="small"
        loading={departments.isPending}
        dataSource={departments.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('departments.empty') }}
        columns={[
          { title: t('departments.name'), dataIndex: 'name' },
          {
            title: t('departments.createdAt'),
            dataIndex: 'createdAt',
            render: formatTime,
          },
          {
            title: '',
            render: (_, department) => (
              <Button size="small" onClick={() => setEditing(department)}>
                {t('departments.rename')}
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <DepartmentForm
          department={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  )
}

function DepartmentForm({
  department,
  onClose,
}: {
  department: Department | null
  onClose: () => void
}) {
  const { t } = useTranslation()
  const save = useSaveDepartment()
  const [form] = Form.useForm<{ name: string }>()
  return (
    <FormModal
      title={department ? t('departments.rename') : t('departments.create')}
      form={form}
      onSubmit={async (values) => {
        await save.mutateAsync({ department, name: values.name })
      }}
      onClose={onClose}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Form form={form} layout="vertical" initialValues={{ name: department?.name ?? '' }}>
          <Form.Item name="name" label={t('departments.name')} rules={[{ required: true }]}>
            <Input autoFocus maxLength={64} />
          </Form.Item>
        </Form>
      </Space>
    </FormModal>
  )
}
