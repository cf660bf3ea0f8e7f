import { channelsEndpoints } from './channels.contract';
import { customersEndpoints } from './customers.contract';
import { dispatchEndpoints } from './dispatch.contract';
import { dispatchPlansEndpoints } from './dispatch-plans.contract';
import { fieldEndpoints } from './field.contract';
import { identityEndpoints } from './identity.contract';
import { intakeEndpoints } from './intake.contract';
import { notifyEndpoints } from './notify.contract';
import { partsEndpoints } from './parts.contract';
import { partsHealthEndpoints } from './parts-health.contract';
import { platformEndpoints } from './platform.contract';
import { purchasingEndpoints } from './purchasing.contract';
import { stocktakesEndpoints } from './stocktakes.contract';

export * from './endpoint';

/** Every endpoint of the API. The server binds each one; a test checks each declares its access. */
export const allEndpoints = [
  ...platformEndpoints,
  ...identityEndpoints,
  ...customersEndpoints,
  ...intakeEndpoints,
  ...notifyEndpoints,
  ...channelsEndpoints,
  ...dispatchEndpoints,
  ...dispatchPlansEndpoints,
  ...fieldEndpoints,
  ...partsEndpoints,
  ...stocktakesEndpoints,
  ...partsHealthEndpoints,
  ...purchasingEndpoints,
] as const;
