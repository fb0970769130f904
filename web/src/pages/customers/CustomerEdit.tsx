import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Card } from 'antd'
import { useParams } from 'react-router-dom'
import { api } from '../../api/client.js'
import type { CustomerView, Me } from '../../api/types.js'
import { CustomerForm } from './CustomerForm.js'

/** A change to a customer: only the fields that really change are sent (CUS-1). */
export function CustomerEdit({ me }: { me: Me }) {
  const { id = '' } = useParams()
  const queries = useQueryClient()
  const customer = useQuery({
    queryKey: ['customer', id],
    queryFn: () => api<CustomerView>('GET', `/customers/${id}`),
  })
  if (customer.isError) return <Alert type="error" title={customer.error.message} showIcon />
  if (!customer.data) return <Card loading />
  return (
    <CustomerForm
      me={me}
      customer={customer.data}
      onSave={async (changes) => {
        const saved = await api<CustomerView>('PATCH', `/customers/${id}`, changes)
        queries.setQueryData(['customer', id], saved)
        return saved
      }}
    />
  )
}
