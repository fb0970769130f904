import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely'
import { AppError } from '../platform/errors.js'

/**
 * An UPDATE that sets no column is a request that changes nothing (a PATCH
 * whose values are the ones already stored): it answers NOTHING_TO_CHANGE
 * instead of reaching the database as `update … set where …`, a syntax
 * error and a 500 (OPS-3). The one place behind every repository.
 */
export class RefuseEmptyUpdatePlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const { node } = args
    if (node.kind === 'UpdateQueryNode' && (node.updates?.length ?? 0) === 0) {
      throw new AppError('NOTHING_TO_CHANGE')
    }
    return node
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }
}
