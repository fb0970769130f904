/**
 * PIPL Art. 31: the information of a minor under 14 is processed only with
 * a parent's or guardian's consent. The birth date comes from the resident
 * ID number (GB 11643: YYYYMMDD at positions 7–14; the 15-digit legacy form
 * has YYMMDD, all 19xx). Other documents carry no birth date: such
 * customers are not taken for minors.
 */
export function birthDateOf(
  idNumber: string | undefined,
  idType: string | undefined,
): string | null {
  if (!idNumber || (idType !== undefined && idType !== 'resident_id')) return null
  const digits = idNumber.toUpperCase()
  if (/^\d{17}[\dX]$/.test(digits)) return isoDate(digits.slice(6, 14))
  if (/^\d{15}$/.test(digits)) return isoDate(`19${digits.slice(6, 12)}`)
  return null
}

function isoDate(compact: string): string | null {
  const iso = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`
  const date = new Date(`${iso}T00:00:00Z`)
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso
}

/** Under 14 on `today` (an ISO day): the 14th birthday has not come yet. */
export function isUnder14(birthDate: string | null, today: string): boolean {
  if (!birthDate) return false
  const fourteenth = `${Number(birthDate.slice(0, 4)) + 14}${birthDate.slice(4)}`
  return today < fourteenth
}
