import { Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useCustomers } from '../api/customers.js'

/** Eleven digits are a mobile number, found whole (CLS-5); anything else is part of a name. */
const searchOf = (term: string): Record<string, string> =>
  term === '' ? {} : /^1\d{10}$/.test(term) ? { mobile: term } : { q: term }

/**
 * A customer chosen in a form field: found by name or by a whole mobile
 * number among the customers the user may see (the newest first before
 * anything is typed), each shown masked as the list shows it. What is typed
 * stays in this box and the request; it is never put in the page's address.
 */
export function CustomerPicker({
  value,
  onChange,
  id,
  placeholder,
}: {
  value?: string
  onChange?: (customerId: string | undefined) => void
  id?: string
  placeholder: string
}) {
  const { t } = useTranslation()
  const [term, setTerm] = useState('')
  // The option chosen stays among the options while another search runs: a value without
  // its option would show as the customer's id.
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null)
  const customers = useCustomers(searchOf(term.trim()))
  const found = (customers.data?.pages.flatMap((page) => page.items) ?? []).map((customer) => ({
    value: customer.id,
    label: [customer.name, customer.mobile].filter(Boolean).join(' · '),
  }))
  const options =
    chosen && chosen.value === value && !found.some((o) => o.value === chosen.value)
      ? [chosen, ...found]
      : found
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setTerm }}
      allowClear
      value={value}
      onChange={(next: string | undefined) => {
        setChosen(options.find((o) => o.value === next) ?? null)
        onChange?.(next)
      }}
      placeholder={placeholder}
      loading={customers.isFetching}
      notFoundContent={t('customers.empty')}
      options={options}
    />
  )
}
