import { useCreateCustomer } from '../../api/customers.js'
import type { Me } from '../../api/types.js'
import { CustomerForm } from './CustomerForm.js'

/** A new customer, individual or organisation (CUS-1, CUS-2). */
export function CustomerCreate({ me }: { me: Me }) {
  const create = useCreateCustomer()
  return <CustomerForm me={me} customer={null} onSave={create.mutateAsync} />
}
