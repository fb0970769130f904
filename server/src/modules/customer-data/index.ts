/**
 * The customer-data registry's face. The registry itself reaches each
 * module's holder file (`<module>.customer-data.ts`) directly: a holder is
 * the one part of a module's face that is not in its index.ts, so that the
 * registry imports no module's routes or services.
 */
export {
  exportCustomerData,
  mergeCustomerData,
  shredCustomerData,
  unmergeCustomerData,
} from './customer-data-registry.js'
