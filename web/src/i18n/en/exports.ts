import type { Shape } from '../shape.js'
import type { customerExports as zh } from '../zh-CN/exports.js'

export const customerExports: Shape<typeof zh> = {
  exports: {
    open: 'Export',
    dialogTitle: 'Export customers',
    notice:
      'Exports the customers you may see with the list’s current filter. Masked by default; plain values need a purpose and a second authorised person’s approval before the file can be downloaded. The file is watermarked with its export number, requester and time, and each download is on the audit trail.',
    filterNow: 'Current filter',
    noFilter: 'Every customer you may see',
    department: 'Department',
    searchedBy: 'Searched by {{fields}}',
    fields: 'Fields',
    fieldsRequired: 'Choose at least one field',
    format: 'File format',
    formats: { csv: 'CSV', xlsx: 'Excel (.xlsx)' },
    mode: 'Mode',
    modes: { masked: 'Masked (default)', plain: 'Plain (needs approval)' },
    plainHint:
      'A plain export needs a purpose and can be downloaded once another authorised person approves it in Approvals; you cannot approve it yourself.',
    purpose: 'Purpose',
    purposeRequired: 'Choose a purpose to export plain values',
    submit: 'Ask for the export',
    title: 'Customer export',
    states: {
      awaiting_approval: 'Awaiting approval',
      ready: 'Ready',
      expired: 'Expired',
      rejected: 'Not approved',
    },
    stateHints: {
      awaiting_approval:
        'A plain export needs a second authorised person’s approval; once approved, download it here.',
      ready: 'Download it in time; the file is made at each download and never kept.',
      expired: 'The time to download it is over; ask for a new export if you still need it.',
      rejected: 'This export was not approved; ask again if you still need it.',
    },
    download: 'Download',
    id: 'Export number',
    requestedBy: 'Requested by',
    requestedAt: 'Requested at',
    readyAt: 'Ready since',
    expiresAt: 'Download until',
    rowCount: 'Rows',
    downloads: 'Downloads',
    back: 'Back to customers',
  },
}
