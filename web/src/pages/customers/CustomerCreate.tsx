import { api } from '../../api/client.js'
import type { CustomerView, Me } from '../../api/types.js'
import { CustomerForm } from './CustomerForm.js'

/** A new customer, individual or organisation (CUS-1, CUS-2). */
export function CustomerCreate({ me }: { me: Me }) {
  return (
    <CustomerForm
      me={me}
      customer={null}
      onSave={(body) => api<CustomerView>('POST', '/customers', body)}
    />
  )
}
