import { Alert, Card } from 'antd'
import { useParams } from 'react-router-dom'
import { useCustomer, useUpdateCustomer } from '../../api/customers.js'
import type { CustomerView, Me } from '../../api/types.js'
import { CustomerForm } from './CustomerForm.js'

/** A change to a customer: only the fields that really change are sent (CUS-1). */
export function CustomerEdit({ me }: { me: Me }) {
  const { id = '' } = useParams()
  const customer = useCustomer(id)
  const update = useUpdateCustomer(id)
  if (customer.isError) return <Alert type="error" title={customer.error.message} showIcon />
  if (!customer.data) return <Card loading />
  return (
    <CustomerForm
      me={me}
      // Editing opens from a customer's page, which a destroyed customer does not offer (RET-2).
      customer={customer.data as CustomerView}
      onSave={update.mutateAsync}
    />
  )
}
