import { bindEndpoint, type HttpDeps } from '@server/platform/http/server';
import * as c from '@shared/contracts/customers.contract';
import type { FastifyInstance } from 'fastify';
import { addAcUnit } from './use-cases/add-ac-unit';
import { addCustomerAddress } from './use-cases/add-customer-address';
import { addCustomerPhone } from './use-cases/add-customer-phone';
import { createCustomer } from './use-cases/create-customer';
import { createPrivacyRequest } from './use-cases/create-privacy-request';
import { getCustomer } from './use-cases/get-customer';
import { getPrivacyRequest } from './use-cases/get-privacy-request';
import { handlePrivacyRequest } from './use-cases/handle-privacy-request';
import { listPrivacyRequests } from './use-cases/list-privacy-requests';
import { recordConsent } from './use-cases/record-consent';
import { revealCustomerContact } from './use-cases/reveal-customer-contact';
import { searchCustomers } from './use-cases/search-customers';
import { updateCustomer } from './use-cases/update-customer';

export function registerCustomersRoutes(app: FastifyInstance, deps: HttpDeps): void {
  bindEndpoint(app, deps, c.searchCustomers, async ({ ctx, query }) => searchCustomers(ctx, query));
  bindEndpoint(app, deps, c.getCustomer, async ({ ctx, params }) => getCustomer(ctx, params.customerId));
  bindEndpoint(app, deps, c.createCustomer, async ({ ctx, body }) => createCustomer(ctx, body));
  bindEndpoint(app, deps, c.updateCustomer, async ({ ctx, params, body }) =>
    updateCustomer(ctx, params.customerId, body),
  );
  bindEndpoint(app, deps, c.addCustomerPhone, async ({ ctx, params, body }) =>
    addCustomerPhone(ctx, params.customerId, body),
  );
  bindEndpoint(app, deps, c.addCustomerAddress, async ({ ctx, params, body }) =>
    addCustomerAddress(ctx, params.customerId, body),
  );
  bindEndpoint(app, deps, c.addAcUnit, async ({ ctx, params, body }) => addAcUnit(ctx, params.customerId, body));
  bindEndpoint(app, deps, c.recordCustomerConsent, async ({ ctx, params, body }) =>
    recordConsent(ctx, { ...body, customerId: params.customerId }),
  );
  bindEndpoint(app, deps, c.revealCustomerContact, async ({ ctx, params, body }) =>
    revealCustomerContact(ctx, params.customerId, body),
  );

  bindEndpoint(app, deps, c.createPrivacyRequest, async ({ ctx, params, body }) =>
    createPrivacyRequest(ctx, params.customerId, body),
  );
  bindEndpoint(app, deps, c.listPrivacyRequests, async ({ ctx, query }) => listPrivacyRequests(ctx, query));
  bindEndpoint(app, deps, c.getPrivacyRequest, async ({ ctx, params }) => getPrivacyRequest(ctx, params.requestId));
  bindEndpoint(app, deps, c.handlePrivacyRequest, async ({ ctx, params, body }) =>
    handlePrivacyRequest(ctx, params.requestId, body),
  );
}
