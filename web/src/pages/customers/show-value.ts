/** A value as one line of text: lists joined, contact persons by their parts. */
export function show(value: unknown): string {
  if (!Array.isArray(value)) return String(value)
  return value
    .map((item) =>
      typeof item === 'object' && item !== null ? Object.values(item).join(' ') : String(item),
    )
    .join('；')
}
