import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { scanForFullMobiles } from '../build-test-app';

// The suite-wide scan (every test app checks every API response for full mobile numbers) must itself be able to fail.
describe('the full-mobile scan of the test kit', () => {
  async function appWith(operationId: string, body: unknown) {
    const app = Fastify();
    app.decorateRequest('actor', null);
    const scan = scanForFullMobiles({ app });
    app.get('/api/probe', { config: { operationId } }, async () => body);
    await app.ready();
    await app.inject({ method: 'GET', url: '/api/probe' });
    await app.close();
    return scan;
  }

  it('flags a full mobile number in an ordinary response', async () => {
    const scan = await appWith('getWorkOrder', { customer: { phone: '13812345678' } });
    expect(() => scan.assertNone()).toThrow(/getWorkOrder/);
  });

  it('accepts masked numbers, ids and the audited reveal', async () => {
    const masked = await appWith('getWorkOrder', {
      phone: '138****5678',
      id: 'a13812345678b',
      token: 'x-13812345678',
      landline: '020-38881234',
    });
    expect(() => masked.assertNone()).not.toThrow();
    const reveal = await appWith('revealCustomerContact', { phone: '13812345678' });
    expect(() => reveal.assertNone()).not.toThrow();
  });
});
