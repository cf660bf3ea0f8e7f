// The call-centre (CTI) webhook and the agent's screen pop (issue 3, "Hotline (agent screen)").
import { createHmac } from 'node:crypto';
import { FULL_MOBILE_PATTERN } from '@shared/domain/phone';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { telephonyCalls } from '../../src/server/modules/intake/channels/channels.schema';
import { buildTestApp, type TestApp } from '../build-test-app';
import { auditRows, expectError } from './support';

const SECRET = 'cti-test-secret-please-change-0001';
process.env.CTI_WEBHOOK_SECRET = SECRET;

let t: TestApp;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  for (const [name, roles] of [
    ['agent', ['agent']],
    ['agent2', ['agent']],
    ['dispatcher', ['dispatcher']],
  ] as const) {
    await t.createUser(name, [...roles], 'th');
    cookies[name] = await t.login(name);
  }
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  t.clock.set('2026-07-15T02:00:00Z');
  await t.database.db.delete(telephonyCalls);
});

const nowSeconds = () => Math.floor(t.clock.now().getTime() / 1000);

/** Signs like the call-centre system: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>. */
function sign(raw: string, opts: { secret?: string; t?: number } = {}): string {
  const ts = opts.t ?? nowSeconds();
  const mac = createHmac('sha256', opts.secret ?? SECRET)
    .update(`${ts}.${raw}`)
    .digest('hex');
  return `t=${ts},v1=${mac}`;
}

function callBody(overrides: Record<string, unknown> = {}) {
  return {
    callId: 'call-0001',
    event: 'ringing',
    caller: '13800138000',
    callee: '400-888-0000',
    agent: 'agent',
    at: t.clock.now().toISOString(),
    ...overrides,
  };
}

function post(raw: string, signature?: string | null) {
  return t.aircare.app.inject({
    method: 'POST',
    url: '/api/telephony/calls',
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { 'x-cti-signature': signature ?? sign(raw) }),
    },
    payload: raw,
  });
}

const event = (overrides: Record<string, unknown> = {}) => post(JSON.stringify(callBody(overrides)));

async function calls() {
  return t.database.db.select().from(telephonyCalls).orderBy(asc(telephonyCalls.receivedAt));
}

const current = (who: string) =>
  t.request({ method: 'GET', url: '/api/telephony/calls/current', cookie: cookies[who] });

describe('receiveCall (POST /api/telephony/calls)', () => {
  it('stores a signed call: caller encrypted with a blind index and a masked copy', async () => {
    const res = await event();
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true, duplicate: false });
    const [row] = await calls();
    expect(row).toMatchObject({
      callId: 'call-0001',
      event: 'ringing',
      callerMasked: '138****8000',
      callee: '400-888-0000',
      agent: 'agent',
    });
    expect(row?.callerIndex).toEqual(expect.any(String));
    expect(JSON.stringify(row)).not.toContain('13800138000');
    expect(t.aircare.cipher.decrypt(row?.callerEnc as string)).toBe('13800138000');
  });

  it('refuses a missing, malformed or wrong signature, another secret, a changed body: 401, nothing stored', async () => {
    const raw = JSON.stringify(callBody());
    const answers = [
      await post(raw, null),
      await post(raw, ''),
      await post(raw, 'v1=deadbeef'),
      await post(raw, `t=${nowSeconds()},v1=${'0'.repeat(64)}`),
      await post(raw, sign(raw, { secret: 'another-secret-of-some-length' })),
      await post(raw.replace('13800138000', '13900139000'), sign(raw)),
      await post('{not json', null),
      await post('', null),
    ];
    for (const res of answers) expectError(res, 401, 'UNAUTHENTICATED');
    expect(await calls()).toEqual([]);
  });

  it('refuses a timestamp older or newer than 5 minutes; accepts within', async () => {
    const raw = JSON.stringify(callBody());
    expectError(await post(raw, sign(raw, { t: nowSeconds() - 301 })), 401, 'UNAUTHENTICATED');
    expectError(await post(raw, sign(raw, { t: nowSeconds() + 301 })), 401, 'UNAUTHENTICATED');
    expect(await calls()).toEqual([]);
    expect((await post(raw, sign(raw, { t: nowSeconds() - 299 }))).statusCode).toBe(200);
  });

  it('signs the exact bytes: a charset parameter and whitespace are fine when signed', async () => {
    const raw = `{ "callId": "call-0009", "event": "ringing", "caller": "13800138000", "callee": "400", "agent": "agent", "at": "${t.clock.now().toISOString()}" }\n`;
    const res = await t.aircare.app.inject({
      method: 'POST',
      url: '/api/telephony/calls',
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-cti-signature': sign(raw) },
      payload: raw,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await calls()).map((c) => c.callId)).toEqual(['call-0009']);
  });

  it('stores the same callId + event once (a repeated delivery is acknowledged as duplicate)', async () => {
    expect((await event()).json()).toEqual({ ok: true, duplicate: false });
    t.clock.advance(5000);
    expect((await event()).json()).toEqual({ ok: true, duplicate: true });
    expect((await event({ event: 'answered' })).json()).toEqual({ ok: true, duplicate: false });
    expect((await calls()).map((c) => c.event)).toEqual(['ringing', 'answered']);
  });

  it('a signed but invalid body is a 400 (after the signature check)', async () => {
    expectError(await post('{not json'), 400, 'VALIDATION_FAILED');
    expectError(await event({ event: 'transferred' }), 400, 'VALIDATION_FAILED');
    expectError(await event({ callId: '' }), 400, 'VALIDATION_FAILED');
    expect(await calls()).toEqual([]);
    // fields a CTI system adds on its own are ignored
    expect((await event({ queue: 'vip', trunk: 3 })).statusCode).toBe(200);
  });

  it('keeps a withheld number as unknown', async () => {
    expect((await event({ caller: 'anonymous' })).statusCode).toBe(200);
    expect((await calls())[0]).toMatchObject({ callerMasked: '****', callerIndex: null });
    const pop = (await current('agent')).json().call;
    expect(pop).toMatchObject({ callerMasked: '****', customer: null });
  });
});

describe('the screen pop (getMyIncomingCall) and the hotline prefill (getCallForHotline)', () => {
  it('pops the ringing call for the agent it rings at, and for no one else', async () => {
    await event({ agent: 'Agent' });
    const res = await current('agent');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      call: {
        callId: 'call-0001',
        state: 'ringing',
        at: '2026-07-15T02:00:00.000Z',
        callerMasked: '138****8000',
        customer: null,
        hotlineUrl: '/intake/hotline?call=call-0001',
      },
    });
    expect(res.body.match(FULL_MOBILE_PATTERN)).toBeNull();
    expect((await current('agent2')).json()).toEqual({ call: null });
    expectError(await current('dispatcher'), 403, 'FORBIDDEN');
    expectError(await t.request({ method: 'GET', url: '/api/telephony/calls/current' }), 401, 'UNAUTHENTICATED');
  });

  it('names a known caller (masked) and follows the call: answered, then gone when ended or after 2 minutes', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/customers',
      cookie: cookies.agent,
      body: { name: '李四', phone: '13912345678', channel: 'hotline' },
    });
    expect(created.statusCode, created.body).toBe(201);
    await event({ callId: 'call-0002', caller: '+86 139 1234 5678' });
    let pop = (await current('agent')).json().call;
    expect(pop).toMatchObject({
      callId: 'call-0002',
      callerMasked: '139****5678',
      customer: { id: created.json().id, nameMasked: '李*' },
    });

    t.clock.advance(20_000);
    await event({ callId: 'call-0002', event: 'answered', caller: '13912345678', at: t.clock.now().toISOString() });
    pop = (await current('agent')).json().call;
    expect(pop).toMatchObject({ callId: 'call-0002', state: 'answered' });

    await event({ callId: 'call-0002', event: 'ended', caller: '13912345678' });
    expect((await current('agent')).json()).toEqual({ call: null });

    await event({ callId: 'call-0003' });
    expect((await current('agent')).json().call.callId).toBe('call-0003');
    t.clock.advance(2 * 60_000 + 1000);
    expect((await current('agent')).json()).toEqual({ call: null });
  });

  it("gives the agent on the call the caller's number for the form, audited as a reveal", async () => {
    await event({ callId: 'call-0004', caller: '+8613800138000' });
    const res = await t.request({ method: 'GET', url: '/api/telephony/calls/call-0004', cookie: cookies.agent });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      callId: 'call-0004',
      state: 'ringing',
      at: '2026-07-15T02:00:00.000Z',
      caller: '13800138000',
      callerMasked: '138****8000',
      customer: null,
    });
    const audit = (await auditRows(t)).filter((r) => r.action === 'customer.contact.revealed');
    expect(audit.at(-1)).toMatchObject({
      actorName: 'agent',
      objectType: 'telephony_call',
      objectId: 'call-0004',
      details: { reason: 'incoming call', fields: ['phone'], callId: 'call-0004', source: 'telephony' },
    });
    expect(JSON.stringify(audit)).not.toContain('13800138000');

    // another agent's call, an unknown call, an old call: not found
    expectError(
      await t.request({ method: 'GET', url: '/api/telephony/calls/call-0004', cookie: cookies.agent2 }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await t.request({ method: 'GET', url: '/api/telephony/calls/nope', cookie: cookies.agent }),
      404,
      'NOT_FOUND',
    );
    t.clock.advanceMinutes(61);
    expectError(
      await t.request({ method: 'GET', url: '/api/telephony/calls/call-0004', cookie: cookies.agent }),
      404,
      'NOT_FOUND',
    );
  });
});
