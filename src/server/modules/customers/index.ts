// The public door of the customers module: the only file other modules import.
import './customers.events';

export type { AcUnitInput, AddressInput, CustomerSummary } from '@shared/contracts/customers.contract';
export { registerCustomersRoutes } from './customers.routes';
export {
  ANONYMISED_NAME,
  type ContactView,
  contactViewFor,
  maskAddressDetail,
  maskName,
} from './domain/masking';
export { type WarrantyStatus, warrantyStatus } from './domain/warranty';
export { addAddress } from './use-cases/add-address';
export { addUnit } from './use-cases/add-unit';
export { addressPoints } from './use-cases/address-points';
export { customerSummaries } from './use-cases/customer-summaries';
export { findCustomerByPhone } from './use-cases/find-customer-by-phone';
export {
  type FindOrCreateCustomerInput,
  type FindOrCreateCustomerResult,
  findOrCreateCustomer,
} from './use-cases/find-or-create-customer';
export { type FullContact, getContact } from './use-cases/get-contact';
export type { ContactRef } from './use-cases/load-contact';
export { type MaskedContactLine, maskedContact } from './use-cases/masked-contact';
export { type RecordConsentInput, recordConsent } from './use-cases/record-consent';
export { type RecordPrivacyRequestInput, recordPrivacyRequest } from './use-cases/record-privacy-request';
export {
  type CustomerRefs,
  type ResolvedCustomerRefs,
  resolveCustomerRefs,
} from './use-cases/resolve-customer-refs';
export { type UnitInfo, unitInfo } from './use-cases/unit-info';
