import { identityEndpoints } from './identity.contract';
import { platformEndpoints } from './platform.contract';

export * from './endpoint';

/** Every endpoint of the API. The server binds each one; a test checks each declares its access. */
export const allEndpoints = [...platformEndpoints, ...identityEndpoints] as const;
