import { useQuery } from '@tanstack/react-query'
import { answer, client } from './client.js'

export const backupKeys = { all: ['backups'] as const }

export function useBackups() {
  return useQuery({
    queryKey: backupKeys.all,
    queryFn: () => answer(client.GET('/api/v1/backups')),
  })
}
