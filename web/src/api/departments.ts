import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { answer, client } from './client.js'
import type { Department } from './types.js'

export const departmentKeys = { all: ['departments'] as const }

export function useDepartments() {
  return useQuery({
    queryKey: departmentKeys.all,
    queryFn: () => answer(client.GET('/api/v1/departments')),
  })
}

/** Creates a department, or renames the one given. */
export function useSaveDepartment() {
  const queries = useQueryClient()
  return useMutation({
    mutationFn: ({ department, name }: { department: Department | null; name: string }) =>
      department
        ? answer(
            client.PATCH('/api/v1/departments/{id}', {
              params: { path: { id: department.id } },
              body: { name },
            }),
          )
        : answer(client.POST('/api/v1/departments', { body: { name } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: departmentKeys.all }),
  })
}
