/**
 * What a page adds to a mutation of a hooks file: its own messages and
 * dialogs, run before the hook refreshes the answers the change affects.
 */
export type MutationHandlers<Data, Variables> = {
  onSuccess?: (data: Data, variables: Variables) => unknown
  onError?: (error: Error) => unknown
}
