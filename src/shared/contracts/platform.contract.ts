import { z } from 'zod';
import { endpoint } from './endpoint';

export const getHealth = endpoint({
  operationId: 'getHealth',
  method: 'GET',
  path: '/api/health',
  access: 'public',
  summary: 'Liveness and database check',
  tags: ['platform'],
  response: z.object({ status: z.literal('ok'), database: z.literal('ok'), driver: z.enum(['pglite', 'pg']) }),
});

export const platformEndpoints = [getHealth] as const;
