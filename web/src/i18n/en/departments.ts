import type { Shape } from '../shape.js'
import type { departments as zh } from '../zh-CN/departments.js'

export const departments: Shape<typeof zh> = {
  departments: {
    create: 'New department',
    rename: 'Rename',
    name: 'Department',
    createdAt: 'Created',
    empty: 'No departments yet',
  },
}
