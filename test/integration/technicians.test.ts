// Technicians (issue 4, policy ch. 3): profiles, skills, certificates and their alerts, training, the ID photo,
// availability requests and the head's decisions, through the real app on a fresh database.
import {
  calendarEntrySchema,
  certificateAlertSchema,
  technicianDetailSchema,
  technicianSummarySchema,
} from '@shared/contracts/dispatch.contract';
import type { Role } from '@shared/domain/roles';
import { asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { seedTechnicians } from '../../src/server/db/seed/seed-technicians';
import { technicianCalendar, technicians } from '../../src/server/modules/dispatch/dispatch.schema';
import { shiftOn } from '../../src/server/modules/dispatch/domain/calendar';
import { auditEvents } from '../../src/server/modules/identity/identity.schema';
import { buildTestApp, type TestApp } from '../build-test-app';
import { expectError, issuePaths } from './support';
import { insertAppointment, JPEG_BYTES, technicianBody, tinyPng } from './technicians-support';

let t: TestApp;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
const USERS: [string, Role[], 'th' | 'hz' | null][] = [
  ['head', ['head'], 'th'],
  ['headhz', ['head'], 'hz'],
  ['manager', ['manager'], 'th'],
  ['dispatcher', ['dispatcher'], 'th'],
  ['agent', ['agent'], 'th'],
  ['tech1', ['technician'], 'th'],
  ['tech2', ['technician'], 'th'],
  ['tech3', ['technician'], 'th'],
  ['techhz', ['technician'], 'hz'],
  ['newbie', ['technician'], 'th'],
];
const TZ = 'Asia/Shanghai';
type Summary = z.infer<typeof technicianSummarySchema>;
type Entry = z.infer<typeof calendarEntrySchema>;
type Alert = z.infer<typeof certificateAlertSchema>;
const events: { technicianId: string; branchId: string; day: string }[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  for (const [name, roles, branch] of USERS) {
    ids[name] = await t.createUser(name, roles, branch);
    cookies[name] = await t.login(name);
  }
  t.aircare.bus.on('dispatch.calendarChanged', (p) => {
    events.push(p);
  });
});
afterAll(async () => {
  await t?.close();
});
// Time moves between tests, so "oldest first" has an order. The clock starts on Wednesday 2026-07-15, 10:00 in
// Guangzhou; a few seconds per test never reach another day.
beforeEach(() => {
  t.clock.advance(1000);
});

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
function call(method: Method, url: string, who: string | null, body?: unknown, headers?: Record<string, string>) {
  return t.request({
    method,
    url,
    ...(who ? { cookie: cookies[who] } : {}),
    ...(body !== undefined ? { body } : {}),
    ...(headers ? { headers } : {}),
  });
}

async function countTechnicians(): Promise<number> {
  return (await t.database.db.select({ n: count() }).from(technicians))[0]?.n ?? 0;
}
async function auditOf(action: string) {
  return t.database.db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(asc(auditEvents.id));
}
async function detail(who: string, id: string) {
  const res = await call('GET', `/api/technicians/${id}`, who);
  expect(res.statusCode, res.body).toBe(200);
  return technicianDetailSchema.parse(res.json());
}

const WORK_PHONE = '13922223333';

describe('createTechnician', () => {
  it('the head creates the profile of a technician of the branch: defaults, name and username from the user, audited', async () => {
    const res = await call(
      'POST',
      '/api/technicians',
      'head',
      technicianBody(ids.tech1 as string, 'tt-001', { workPhone: WORK_PHONE, vanLocation: 'VAN-TT-001' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const d = technicianDetailSchema.strict().parse(res.json());
    expect(d).toMatchObject({
      id: ids.tech1,
      name: 'tech1',
      username: 'tech1',
      staffNo: 'TT-001',
      branchId: t.branches.th,
      workPhone: WORK_PHONE,
      home: { lat: 23.135, lng: 113.327, label: '天河区体育西路' },
      workDays: [1, 2, 3, 4, 5, 6],
      shiftStart: '08:30',
      shiftEnd: '18:00',
      maxJobsPerDay: 6,
      maxMinutesPerDay: 480,
      vanLocation: 'VAN-TT-001',
      skills: [],
      certificates: [],
      certificateState: null,
      trainings: [],
      calendar: [],
      rating: null,
      ratingCount: 0,
      hasPhoto: false,
      active: true,
      lastPosition: null,
      version: 1,
    });
    const audit = await auditOf('technician.created');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: ids.head, objectType: 'technician', objectId: ids.tech1 });
  });

  it('takes the shift, work days (sorted, once each) and capacity given', async () => {
    const res = await call(
      'POST',
      '/api/technicians',
      'head',
      technicianBody(ids.tech2 as string, 'TT-002', {
        workDays: [7, 2, 3, 3, 4, 5, 6],
        shiftStart: '09:00',
        shiftEnd: '19:00',
        maxJobsPerDay: 5,
        maxMinutesPerDay: 420,
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      workDays: [2, 3, 4, 5, 6, 7],
      shiftStart: '09:00',
      shiftEnd: '19:00',
      maxJobsPerDay: 5,
      maxMinutesPerDay: 420,
    });
    const hz = await call(
      'POST',
      '/api/technicians',
      'headhz',
      technicianBody(ids.techhz as string, 'HH-001', { home: { lat: 23.09, lng: 113.3, label: '海珠区' } }),
    );
    expect(hz.statusCode, hz.body).toBe(201);
    const tech3 = await call('POST', '/api/technicians', 'manager', technicianBody(ids.tech3 as string, 'TT-003'));
    expect(tech3.statusCode, tech3.body).toBe(201);
  });

  it('one profile per user and unique staff numbers (any case): 409 CONFLICT, nothing stored', async () => {
    const before = await countTechnicians();
    const again = await call('POST', '/api/technicians', 'head', technicianBody(ids.tech1 as string, 'TT-099'));
    const body = expectError(again, 409, 'CONFLICT');
    expect(body.details.technicianId).toBe(ids.tech1);
    expect(body.details.issues[0]).toMatchObject({ path: 'userId', code: 'profile_exists' });
    const taken = await call('POST', '/api/technicians', 'head', technicianBody(ids.newbie as string, 'tt-001'));
    expect(expectError(taken, 409, 'CONFLICT').details.issues[0]).toMatchObject({
      path: 'staffNo',
      code: 'staff_no_taken',
    });
    expect(await countTechnicians()).toBe(before);
  });

  it('the user must exist in a branch the actor may see, and hold the technician role (staff of a branch: identity requires one)', async () => {
    const before = await countTechnicians();
    const cases: [string, string][] = [
      ['3f1c2b6e-8d2a-4c1e-9a3b-5d6e7f8a9b0c', 'not_found'],
      [ids.techhz as string, 'not_found'],
      [ids.agent as string, 'not_a_technician'],
    ];
    for (const [userId, code] of cases) {
      const res = await call('POST', '/api/technicians', 'head', technicianBody(userId, 'TT-050'));
      const body = expectError(res, 400, 'VALIDATION_FAILED');
      expect(body.details.issues).toEqual([expect.objectContaining({ path: 'userId', code })]);
    }
    expect(await countTechnicians()).toBe(before);
  });

  it('strict validation: unknown fields, wrong types, bad points, bad times and a shift ending before it starts', async () => {
    const before = await countTechnicians();
    const newbie = ids.newbie as string;
    const unknown = await call('POST', '/api/technicians', 'head', technicianBody(newbie, 'TT-010', { salary: 1 }));
    expectError(unknown, 400, 'VALIDATION_FAILED');
    const typed = await call(
      'POST',
      '/api/technicians',
      'head',
      technicianBody(newbie, 'TH 010', { maxJobsPerDay: '6', workDays: [0, 8], shiftStart: '8:30' }),
    );
    expectError(typed, 400, 'VALIDATION_FAILED');
    expect(issuePaths(typed)).toEqual(
      expect.arrayContaining(['staffNo', 'maxJobsPerDay', 'workDays.0', 'workDays.1', 'shiftStart']),
    );
    const point = await call(
      'POST',
      '/api/technicians',
      'head',
      technicianBody(newbie, 'TT-010', { home: { lat: 91, lng: 113.3, label: 'x' } }),
    );
    expect(issuePaths(point)).toEqual(['home.lat']);
    const missingHome = await call('POST', '/api/technicians', 'head', { userId: newbie, staffNo: 'TT-010' });
    expect(issuePaths(missingHome)).toEqual(['home']);
    const shift = await call(
      'POST',
      '/api/technicians',
      'head',
      technicianBody(newbie, 'TT-010', { shiftStart: '18:00', shiftEnd: '08:30' }),
    );
    expect(expectError(shift, 400, 'VALIDATION_FAILED').details.issues).toEqual([
      expect.objectContaining({ path: 'shiftEnd', code: 'end_before_start' }),
    ]);
    expect(await countTechnicians()).toBe(before);
  });

  it('only technicians.manage creates: the dispatcher and the technician get 403', async () => {
    for (const who of ['dispatcher', 'tech1', 'agent']) {
      const res = await call('POST', '/api/technicians', who, technicianBody(ids.newbie as string, 'TT-011'));
      expectError(res, 403, 'FORBIDDEN');
    }
  });
});

describe('reading technicians: the permission matrix and branch scope', () => {
  it('the dispatcher, the head and the manager read the list of their branch (active, by staff number)', async () => {
    for (const who of ['dispatcher', 'head', 'manager']) {
      const res = await call('GET', '/api/technicians', who);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json();
      expect(page.items.map((i: { staffNo: string }) => i.staffNo)).toEqual(['TT-001', 'TT-002', 'TT-003']);
      expect(page).toMatchObject({ total: 3, page: 1, pageSize: 20 });
      for (const item of page.items) technicianSummarySchema.strict().parse(item);
    }
    const hz = await call('GET', '/api/technicians', 'headhz');
    expect(hz.json().items.map((i: { staffNo: string }) => i.staffNo)).toEqual(['HH-001']);
  });

  it('another branch is invisible: its technician is 404, filtering on its id finds nothing', async () => {
    expectError(await call('GET', `/api/technicians/${ids.tech1}`, 'headhz'), 404, 'NOT_FOUND');
    expectError(await call('GET', `/api/technicians/${ids.techhz}`, 'dispatcher'), 404, 'NOT_FOUND');
    const filtered = await call('GET', `/api/technicians?branchId=${t.branches.th}`, 'headhz');
    expect(filtered.json()).toMatchObject({ items: [], total: 0 });
    expectError(
      await call('PATCH', `/api/technicians/${ids.tech1}`, 'headhz', { version: 1, vanLocation: 'X' }),
      404,
      'NOT_FOUND',
    );
  });

  it('technicians and agents cannot read profiles (their own neither: they have their own pages)', async () => {
    for (const who of ['tech1', 'agent']) {
      expectError(await call('GET', '/api/technicians', who), 403, 'FORBIDDEN');
      expectError(await call('GET', `/api/technicians/${ids.tech2}`, who), 403, 'FORBIDDEN');
      expectError(await call('GET', `/api/technicians/${ids.tech1}`, who), 403, 'FORBIDDEN');
      expectError(await call('GET', '/api/technicians/certificate-alerts', who), 403, 'FORBIDDEN');
    }
  });

  it('the dispatcher reads a profile but cannot change it', async () => {
    const d = await detail('dispatcher', ids.tech1 as string);
    expect(d.workPhone).toBe(WORK_PHONE);
    expectError(
      await call('PATCH', `/api/technicians/${ids.tech1}`, 'dispatcher', { version: d.version, vanLocation: 'X' }),
      403,
      'FORBIDDEN',
    );
  });

  it('searches by name or staff number, filters active, validates the query strictly', async () => {
    const byNo = await call('GET', '/api/technicians?q=tt-002', 'dispatcher');
    expect(byNo.json().items.map((i: { id: string }) => i.id)).toEqual([ids.tech2]);
    const byName = await call('GET', '/api/technicians?q=tech3', 'dispatcher');
    expect(byName.json().items.map((i: { id: string }) => i.id)).toEqual([ids.tech3]);
    const pct = await call('GET', '/api/technicians?q=%25', 'dispatcher');
    expect(pct.json().total).toBe(0);
    const paged = await call('GET', '/api/technicians?pageSize=2&page=2', 'dispatcher');
    expect(paged.json()).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.json().items).toHaveLength(1);
    for (const bad of ['?active=yes', '?skill=welding', '?certificateState=bad', '?pageSize=0', '?foo=1']) {
      expectError(await call('GET', `/api/technicians${bad}`, 'dispatcher'), 400, 'VALIDATION_FAILED');
    }
  });
});

describe('updateTechnician', () => {
  it('changes the profile under its version; a stale version is a 409 and changes nothing; audited with the fields', async () => {
    const res = await call('PATCH', `/api/technicians/${ids.tech3}`, 'head', {
      version: 1,
      home: { lat: 23.14, lng: 113.35, label: '天河区车陂' },
      workDays: [1, 2, 3, 4, 5, 7],
      maxJobsPerDay: 7,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      version: 2,
      home: { lat: 23.14, lng: 113.35, label: '天河区车陂' },
      workDays: [1, 2, 3, 4, 5, 7],
      maxJobsPerDay: 7,
    });
    const stale = await call('PATCH', `/api/technicians/${ids.tech3}`, 'head', { version: 1, maxJobsPerDay: 3 });
    expect(expectError(stale, 409, 'VERSION_CONFLICT').details.currentVersion).toBe(2);
    expect((await detail('head', ids.tech3 as string)).maxJobsPerDay).toBe(7);
    const audit = await auditOf('technician.updated');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toEqual({ fields: ['home', 'workDays', 'maxJobsPerDay'] });
    // A new weekly pattern tells the live board.
    expect(events).toContainEqual({ technicianId: ids.tech3, branchId: t.branches.th, day: '2026-07-15' });
  });

  it('deactivates and reactivates; inactive profiles leave the default list', async () => {
    const off = await call('PATCH', `/api/technicians/${ids.tech3}`, 'head', { version: 2, active: false });
    expect(off.json()).toMatchObject({ active: false, version: 3 });
    const list = await call('GET', '/api/technicians', 'dispatcher');
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(ids.tech3);
    const all = await call('GET', '/api/technicians?active=all', 'dispatcher');
    expect(all.json().total).toBe(3);
    const inactive = await call('GET', '/api/technicians?active=false', 'dispatcher');
    expect(inactive.json().items.map((i: { id: string }) => i.id)).toEqual([ids.tech3]);
    const on = await call('PATCH', `/api/technicians/${ids.tech3}`, 'head', { version: 3, active: true });
    expect(on.json()).toMatchObject({ active: true, version: 4 });
  });

  it('strict: unknown fields, a missing version, a bad time, a shift ending before it starts', async () => {
    const url = `/api/technicians/${ids.tech3}`;
    expect(issuePaths(await call('PATCH', url, 'head', { version: 4, staffNo: 'X-1' }))).toEqual(['staffNo']);
    expect(issuePaths(await call('PATCH', url, 'head', { vanLocation: 'X' }))).toEqual(['version']);
    expect(issuePaths(await call('PATCH', url, 'head', { version: 4, shiftEnd: '24:00' }))).toEqual(['shiftEnd']);
    const shift = await call('PATCH', url, 'head', { version: 4, shiftEnd: '08:00' });
    expect(expectError(shift, 400, 'VALIDATION_FAILED').details.issues[0]).toMatchObject({
      path: 'shiftEnd',
      code: 'end_before_start',
    });
    expect((await detail('head', ids.tech3 as string)).version).toBe(4);
  });
});

describe('setTechnicianSkills', () => {
  it('replaces the skills under the profile version; the list filters by skill', async () => {
    const res = await call('PUT', `/api/technicians/${ids.tech1}/skills`, 'head', {
      version: 1,
      skills: [
        { skill: 'split_wall', level: 3 },
        { skill: 'refrigerant', level: 2 },
        { skill: 'electrical', level: 2 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      version: 2,
      skills: [
        { skill: 'electrical', level: 2 },
        { skill: 'refrigerant', level: 2 },
        { skill: 'split_wall', level: 3 },
      ],
    });
    const again = await call('PUT', `/api/technicians/${ids.tech1}/skills`, 'head', {
      version: 2,
      skills: [
        { skill: 'split_wall', level: 3 },
        { skill: 'vrf', level: 2 },
      ],
    });
    expect(again.json().skills).toEqual([
      { skill: 'split_wall', level: 3 },
      { skill: 'vrf', level: 2 },
    ]);
    const vrf = await call('GET', '/api/technicians?skill=vrf', 'dispatcher');
    expect(vrf.json().items.map((i: { id: string }) => i.id)).toEqual([ids.tech1]);
    const audit = await auditOf('technician.skills.set');
    expect(audit).toHaveLength(2);
    expect(audit[1]?.before).toMatchObject({ version: 2 });
  });

  it('stale version → 409; a skill twice, an unknown skill or level → 400; nothing changes', async () => {
    const url = `/api/technicians/${ids.tech1}/skills`;
    expectError(await call('PUT', url, 'head', { version: 1, skills: [] }), 409, 'VERSION_CONFLICT');
    const dup = await call('PUT', url, 'head', {
      version: 3,
      skills: [
        { skill: 'vrf', level: 2 },
        { skill: 'vrf', level: 3 },
      ],
    });
    expect(expectError(dup, 400, 'VALIDATION_FAILED').details.issues).toEqual([
      expect.objectContaining({ path: 'skills.1.skill', code: 'duplicate' }),
    ]);
    const bad = await call('PUT', url, 'head', {
      version: 3,
      skills: [
        { skill: 'welding', level: 2 },
        { skill: 'vrf', level: 4 },
        { skill: 'pcb', level: 1, years: 3 },
      ],
    });
    expect(issuePaths(bad).sort()).toEqual(['skills.0.skill', 'skills.1.level', 'skills.2.years']);
    const d = await detail('head', ids.tech1 as string);
    expect(d.version).toBe(3);
    expect(d.skills).toHaveLength(2);
  });
});

describe('certificates', () => {
  const url = (id: string) => `/api/technicians/${id}/certificates`;
  const cert = (type: string, expiresOn: string, extra: Record<string, unknown> = {}) => ({
    type,
    number: `T${type.slice(0, 3).toUpperCase()}${expiresOn.replaceAll('-', '')}`,
    issuer: '广州市应急管理局',
    issuedOn: '2020-07-01',
    expiresOn,
    ...extra,
  });
  let expiringId: string;

  it('records certificates; their state and days left follow the branch calendar (30-day horizon)', async () => {
    const a = await call('POST', url(ids.tech1 as string), 'head', cert('refrigeration', '2026-07-25'));
    expect(a.statusCode, a.body).toBe(201);
    const b = await call('POST', url(ids.tech1 as string), 'head', cert('electrician', '2028-03-01'));
    const d = technicianDetailSchema.parse(b.json());
    expect(d.certificates.map((c) => [c.type, c.state, c.daysLeft])).toEqual([
      ['electrician', 'valid', 595],
      ['refrigeration', 'expiring', 10],
    ]);
    expect(d.certificateState).toBe('expiring');
    expiringId = d.certificates.find((c) => c.type === 'refrigeration')?.id as string;
    // On the alert horizon itself (30 days) still "expiring"; the day of expiry too; the day after, expired.
    await call('POST', url(ids.tech2 as string), 'head', cert('electrician', '2026-08-14'));
    await call('POST', url(ids.tech2 as string), 'head', cert('height', '2026-07-14'));
    await call('POST', url(ids.tech3 as string), 'head', cert('electrician', '2026-07-15'));
    await call('POST', url(ids.tech3 as string), 'head', cert('refrigeration', '2026-08-15'));
    const tech2 = await detail('head', ids.tech2 as string);
    expect(tech2.certificates.map((c) => [c.type, c.state, c.daysLeft])).toEqual([
      ['electrician', 'expiring', 30],
      ['height', 'expired', -1],
    ]);
    expect(tech2.certificateState).toBe('expired');
    const tech3 = await detail('head', ids.tech3 as string);
    expect(tech3.certificates.map((c) => [c.type, c.state, c.daysLeft])).toEqual([
      ['electrician', 'expiring', 0],
      ['refrigeration', 'valid', 31],
    ]);
    expect((await auditOf('technician.certificate.added')).length).toBe(6);
  });

  it('the list shows each current certificate and the worst state, and filters on it', async () => {
    const list = (await call('GET', '/api/technicians', 'dispatcher')).json();
    const byId = Object.fromEntries(list.items.map((i: { id: string }) => [i.id, i]));
    expect(byId[ids.tech1 as string]).toMatchObject({
      certificateState: 'expiring',
      certificates: [
        { type: 'electrician', expiresOn: '2028-03-01', state: 'valid' },
        { type: 'refrigeration', expiresOn: '2026-07-25', state: 'expiring' },
      ],
    });
    expect(byId[ids.tech2 as string].certificateState).toBe('expired');
    const ofState = async (state: string) =>
      (await call('GET', `/api/technicians?certificateState=${state}`, 'dispatcher'))
        .json()
        .items.map((i: { staffNo: string }) => i.staffNo);
    expect(await ofState('expired')).toEqual(['TT-002']);
    expect(await ofState('expiring')).toEqual(['TT-001', 'TT-003']);
    expect(await ofState('valid')).toEqual([]);
  });

  it('alerts: expired and expiring certificates of the branch, soonest first; the horizon can be widened', async () => {
    const res = await call('GET', '/api/technicians/certificate-alerts', 'dispatcher');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    for (const item of page.items) certificateAlertSchema.parse(item);
    expect(
      page.items.map((a: Alert) => [
        a.technician.staffNo,
        a.certificate.type,
        a.certificate.state,
        a.certificate.daysLeft,
      ]),
    ).toEqual([
      ['TT-002', 'height', 'expired', -1],
      ['TT-003', 'electrician', 'expiring', 0],
      ['TT-001', 'refrigeration', 'expiring', 10],
      ['TT-002', 'electrician', 'expiring', 30],
    ]);
    expect(page.total).toBe(4);
    const wide = await call('GET', '/api/technicians/certificate-alerts?days=31', 'dispatcher');
    expect(wide.json().items.map((a: Alert) => a.certificate.expiresOn)).toContain('2026-08-15');
    const hz = await call('GET', '/api/technicians/certificate-alerts', 'headhz');
    expect(hz.json()).toMatchObject({ items: [], total: 0 });
    for (const bad of ['?days=0', '?days=400', '?days=3.5']) {
      expectError(
        await call('GET', `/api/technicians/certificate-alerts${bad}`, 'dispatcher'),
        400,
        'VALIDATION_FAILED',
      );
    }
  });

  it('bad dates, an expiry before the issue, an issue date in the future and unknown fields are refused', async () => {
    const before = (await detail('head', ids.tech1 as string)).certificates.length;
    const badDate = await call('POST', url(ids.tech1 as string), 'head', cert('height', '2026-02-30'));
    expect(issuePaths(badDate)).toEqual(['expiresOn']);
    const notIso = await call('POST', url(ids.tech1 as string), 'head', cert('height', '2027/01/01'));
    expect(issuePaths(notIso)).toEqual(['expiresOn']);
    const reversed = await call(
      'POST',
      url(ids.tech1 as string),
      'head',
      cert('height', '2020-06-30', { issuedOn: '2020-07-01' }),
    );
    expect(expectError(reversed, 400, 'VALIDATION_FAILED').details.issues).toEqual([
      expect.objectContaining({ path: 'expiresOn', code: 'expiry_before_issue' }),
    ]);
    const same = await call('POST', url(ids.tech1 as string), 'head', cert('height', '2020-07-01'));
    expect(issuePaths(same)).toEqual(['expiresOn']);
    const future = await call(
      'POST',
      url(ids.tech1 as string),
      'head',
      cert('height', '2030-01-01', { issuedOn: '2026-07-16' }),
    );
    expect(expectError(future, 400, 'VALIDATION_FAILED').details.issues).toEqual([
      expect.objectContaining({ path: 'issuedOn', code: 'in_the_future' }),
    ]);
    const extra = await call('POST', url(ids.tech1 as string), 'head', cert('height', '2030-01-01', { grade: 'A' }));
    expectError(extra, 400, 'VALIDATION_FAILED');
    const type = await call('POST', url(ids.tech1 as string), 'head', cert('welding', '2030-01-01'));
    expect(issuePaths(type)).toEqual(['type']);
    expect((await detail('head', ids.tech1 as string)).certificates.length).toBe(before);
    expectError(
      await call('POST', url(ids.tech1 as string), 'dispatcher', cert('height', '2030-01-01')),
      403,
      'FORBIDDEN',
    );
  });

  it('renewing under the certificate version: the state follows, the alert goes; stale → 409', async () => {
    const u = `${url(ids.tech1 as string)}/${expiringId}`;
    const res = await call('PATCH', u, 'head', { version: 1, expiresOn: '2032-07-25', number: 'TREF20320725' });
    expect(res.statusCode, res.body).toBe(200);
    const renewed = technicianDetailSchema.parse(res.json()).certificates.find((c) => c.id === expiringId);
    expect(renewed).toMatchObject({ state: 'valid', version: 2, number: 'TREF20320725', expiresOn: '2032-07-25' });
    expectError(await call('PATCH', u, 'head', { version: 1, issuer: '另一机关' }), 409, 'VERSION_CONFLICT');
    const reversed = await call('PATCH', u, 'head', { version: 2, expiresOn: '2019-01-01' });
    expect(expectError(reversed, 400, 'VALIDATION_FAILED').details.issues[0]).toMatchObject({
      path: 'expiresOn',
      code: 'expiry_before_issue',
    });
    const alerts = (await call('GET', '/api/technicians/certificate-alerts', 'dispatcher')).json();
    expect(alerts.items.map((a: Alert) => a.technician.staffNo)).not.toContain('TT-001');
    const audit = await auditOf('technician.certificate.updated');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.before).toMatchObject({ expiresOn: '2026-07-25', version: 1 });
    expect(audit[0]?.after).toMatchObject({ expiresOn: '2032-07-25', version: 2 });
  });

  it('a renewal recorded as a new certificate replaces the old one for alerts and the worst state', async () => {
    await call('POST', url(ids.tech2 as string), 'head', cert('height', '2029-07-14', { issuedOn: '2026-07-10' }));
    const d = await detail('head', ids.tech2 as string);
    expect(d.certificates.filter((c) => c.type === 'height').map((c) => c.state)).toEqual(['valid', 'expired']);
    expect(d.certificateState).toBe('expiring');
    const alerts = (await call('GET', '/api/technicians/certificate-alerts', 'dispatcher')).json();
    expect(alerts.items.map((a: Alert) => [a.technician.staffNo, a.certificate.type])).toEqual([
      ['TT-003', 'electrician'],
      ['TT-002', 'electrician'],
    ]);
  });

  it('a certificate of another technician or unknown → 404; another branch → 404', async () => {
    const other = `${url(ids.tech2 as string)}/${expiringId}`;
    expectError(await call('PATCH', other, 'head', { version: 2, issuer: '广州' }), 404, 'NOT_FOUND');
    expectError(await call('POST', url(ids.tech1 as string), 'headhz', cert('height', '2030-01-01')), 404, 'NOT_FOUND');
  });
});

describe('addTraining', () => {
  it('records a training held, with hours in halves; newest first; audited', async () => {
    const u = `/api/technicians/${ids.tech1}/trainings`;
    const a = await call('POST', u, 'head', {
      course: 'R32 冷媒安全操作',
      heldOn: '2026-05-20',
      hours: 8,
      result: 'pass',
    });
    expect(a.statusCode, a.body).toBe(201);
    const b = await call('POST', u, 'head', {
      course: '多联机调试',
      heldOn: '2026-06-12',
      hours: 12.5,
      result: 'attended',
      note: '厂家培训',
    });
    expect(b.json().trainings).toEqual([
      expect.objectContaining({
        course: '多联机调试',
        hours: 12.5,
        result: 'attended',
        note: '厂家培训',
        recordedByName: 'head',
      }),
      expect.objectContaining({ course: 'R32 冷媒安全操作', hours: 8, result: 'pass', note: '' }),
    ]);
    expect(await auditOf('technician.training.added')).toHaveLength(2);
  });

  it('refuses a training in the future, odd hours, unknown results and fields', async () => {
    const u = `/api/technicians/${ids.tech1}/trainings`;
    const base = { course: '电气安全', heldOn: '2026-07-01', hours: 4, result: 'pass' };
    const future = await call('POST', u, 'head', { ...base, heldOn: '2026-07-16' });
    expect(expectError(future, 400, 'VALIDATION_FAILED').details.issues[0]).toMatchObject({
      path: 'heldOn',
      code: 'in_the_future',
    });
    expect(new Set(issuePaths(await call('POST', u, 'head', { ...base, hours: 0.25 })))).toEqual(new Set(['hours']));
    expect(issuePaths(await call('POST', u, 'head', { ...base, hours: '4' }))).toEqual(['hours']);
    expect(issuePaths(await call('POST', u, 'head', { ...base, result: 'excellent' }))).toEqual(['result']);
    expectError(await call('POST', u, 'head', { ...base, score: 90 }), 400, 'VALIDATION_FAILED');
    expect((await detail('head', ids.tech1 as string)).trainings).toHaveLength(2);
  });
});

describe('the ID photo', () => {
  const png = tinyPng();
  const put = (who: string, body: unknown, id = ids.tech1) => call('PUT', `/api/technicians/${id}/photo`, who, body);
  const token = async (id: string) =>
    (
      await t.database.db.select({ token: technicians.photoToken }).from(technicians).where(eq(technicians.userId, id))
    )[0]?.token as string;

  it('sets a PNG; staff read it back as image/png; the profile says hasPhoto; the version stays; audited', async () => {
    const res = await put('head', { contentType: 'image/png', dataBase64: png.toString('base64') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    const img = await t.aircare.app.inject({
      method: 'GET',
      url: `/api/technicians/${ids.tech1}/photo`,
      headers: { cookie: cookies.dispatcher as string },
    });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(String(img.headers['cache-control'])).toContain('no-store');
    expect(Buffer.compare(img.rawPayload, png)).toBe(0);
    const d = await detail('dispatcher', ids.tech1 as string);
    expect(d).toMatchObject({ hasPhoto: true, version: 3 });
    expect(await auditOf('technician.photo.set')).toHaveLength(1);
    expectError(await call('GET', `/api/technicians/${ids.tech2}/photo`, 'dispatcher'), 404, 'NOT_FOUND');
    expectError(await call('GET', `/api/technicians/${ids.tech1}/photo`, 'headhz'), 404, 'NOT_FOUND');
    expectError(await call('GET', `/api/technicians/${ids.tech1}/photo`, 'tech1'), 403, 'FORBIDDEN');
  });

  it('the bytes must be the declared type, an image, base64, at most 1 MB; the body limit is 413', async () => {
    const mismatch = await put('head', { contentType: 'image/jpeg', dataBase64: png.toString('base64') });
    expect(expectError(mismatch, 400, 'VALIDATION_FAILED').details.issues[0]).toMatchObject({
      path: 'contentType',
      code: 'type_mismatch',
    });
    const jpegAsPng = await put('head', { contentType: 'image/png', dataBase64: JPEG_BYTES.toString('base64') });
    expect(expectError(jpegAsPng, 400, 'VALIDATION_FAILED').details.issues[0].code).toBe('type_mismatch');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const notImage = await put('head', { contentType: 'image/png', dataBase64: svg.toString('base64') });
    expect(expectError(notImage, 400, 'VALIDATION_FAILED').details.issues[0]).toMatchObject({
      path: 'dataBase64',
      code: 'not_an_image',
    });
    const notB64 = await put('head', { contentType: 'image/png', dataBase64: '%%%%not-base64%%%%' });
    expect(expectError(notB64, 400, 'VALIDATION_FAILED').details.issues[0].code).toBe('invalid_base64');
    const big = Buffer.concat([png, Buffer.alloc(1024 * 1024 + 1 - png.length)]);
    const tooBig = await put('head', { contentType: 'image/png', dataBase64: big.toString('base64') });
    expect(expectError(tooBig, 400, 'VALIDATION_FAILED').details.issues[0]).toMatchObject({
      path: 'dataBase64',
      code: 'too_large',
    });
    const justFits = Buffer.concat([png, Buffer.alloc(1024 * 1024 - png.length)]);
    expect((await put('head', { contentType: 'image/png', dataBase64: justFits.toString('base64') })).statusCode).toBe(
      200,
    );
    const huge = await put('head', { contentType: 'image/png', dataBase64: 'A'.repeat(1_600_000) });
    expectError(huge, 413, 'PAYLOAD_TOO_LARGE');
    const gif = await put('head', { contentType: 'image/gif', dataBase64: png.toString('base64') });
    expect(issuePaths(gif)).toEqual(['contentType']);
    expectError(
      await put('dispatcher', { contentType: 'image/png', dataBase64: png.toString('base64') }),
      403,
      'FORBIDDEN',
    );
    // Put the small one back.
    expect((await put('head', { contentType: 'image/png', dataBase64: png.toString('base64') })).statusCode).toBe(200);
  });

  it('the public photo by its token needs no login; a bad or replaced token is 404', async () => {
    const first = await token(ids.tech1 as string);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const pub = await t.aircare.app.inject({ method: 'GET', url: `/api/public/technician-photos/${first}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(pub.rawPayload, png)).toBe(0);
    const unknown = await call('GET', '/api/public/technician-photos/AAAAAAAAAAAAAAAAAAAAAAAA', null);
    expectError(unknown, 404, 'NOT_FOUND');
    expectError(await call('GET', '/api/public/technician-photos/short', null), 400, 'VALIDATION_FAILED');
    expectError(
      await call('GET', '/api/public/technician-photos/has%20space%20in%20it!!', null),
      400,
      'VALIDATION_FAILED',
    );
    await put('head', { contentType: 'image/jpeg', dataBase64: JPEG_BYTES.toString('base64') });
    const second = await token(ids.tech1 as string);
    expect(second).not.toBe(first);
    expectError(await call('GET', `/api/public/technician-photos/${first}`, null), 404, 'NOT_FOUND');
    const jpeg = await t.aircare.app.inject({ method: 'GET', url: `/api/public/technician-photos/${second}` });
    expect(jpeg.headers['content-type']).toBe('image/jpeg');
  });
});

describe('availability requests', () => {
  const REQ = '/api/me/availability-requests';
  let leaveId: string;

  it('a technician asks for leave: pending; a retry with the same Idempotency-Key gets the same answer', async () => {
    const body = { day: '2026-07-20', kind: 'leave', reason: '家里有事' };
    const key = '0b7c1c7e-2f3a-4c55-9d2b-1a2b3c4d5e6f';
    const res = await call('POST', REQ, 'tech1', body, { 'idempotency-key': key });
    expect(res.statusCode, res.body).toBe(201);
    const entry = calendarEntrySchema.strict().parse(res.json());
    expect(entry).toMatchObject({
      technicianId: ids.tech1,
      technicianName: 'tech1',
      day: '2026-07-20',
      kind: 'leave',
      startTime: null,
      endTime: null,
      status: 'pending',
      requestedByName: 'tech1',
      decidedAt: null,
      version: 1,
    });
    leaveId = entry.id;
    const again = await call('POST', REQ, 'tech1', body, { 'idempotency-key': key });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(leaveId);
    // Without the key, the same kind on the same day is a conflict naming the first.
    const dup = await call('POST', REQ, 'tech1', { ...body, reason: '再次申请' });
    expect(expectError(dup, 409, 'CONFLICT').details).toMatchObject({ entryId: leaveId, status: 'pending' });
    const rows = await t.database.db
      .select({ n: count() })
      .from(technicianCalendar)
      .where(eq(technicianCalendar.technicianId, ids.tech1 as string));
    expect(rows[0]?.n).toBe(1);
    expect(await auditOf('technician.availability.requested')).toHaveLength(1);
  });

  it('checks the fields: past days, half-given times, reversed times, a day off with hours, unknown fields', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ day: '2026-07-14', kind: 'leave', reason: '补请假' }, 'day', 'in_the_past'],
      [{ day: '2026-07-21', kind: 'leave', startTime: '13:00', reason: '看病' }, 'endTime', 'required_together'],
      [
        { day: '2026-07-21', kind: 'leave', startTime: '13:00', endTime: '12:00', reason: '看病' },
        'endTime',
        'end_before_start',
      ],
      [
        { day: '2026-07-21', kind: 'day_off', startTime: '09:00', endTime: '12:00', reason: '调休' },
        'startTime',
        'not_allowed',
      ],
      [{ day: '2027-12-01', kind: 'leave', reason: '探亲' }, 'day', 'too_far'],
    ];
    for (const [body, path, code] of cases) {
      const res = await call('POST', REQ, 'tech1', body);
      expect(expectError(res, 400, 'VALIDATION_FAILED').details.issues, JSON.stringify(body)).toEqual([
        expect.objectContaining({ path, code }),
      ]);
    }
    expect(
      issuePaths(await call('POST', REQ, 'tech1', { day: '2026-07-21', kind: 'holiday', reason: '休假' })),
    ).toEqual(['kind']);
    expect(issuePaths(await call('POST', REQ, 'tech1', { day: '2026-07-21', kind: 'leave', reason: 'x' }))).toEqual([
      'reason',
    ]);
    expectError(
      await call('POST', REQ, 'tech1', { day: '2026-07-21', kind: 'leave', reason: '看病', technicianId: ids.tech2 }),
      400,
      'VALIDATION_FAILED',
    );
    expect(issuePaths(await call('POST', REQ, 'tech1', { day: '2026-7-21', kind: 'leave', reason: '看病' }))).toEqual([
      'day',
    ]);
  });

  it('only technicians ask; one without a profile gets 422', async () => {
    expectError(
      await call('POST', REQ, 'head', { day: '2026-07-21', kind: 'leave', reason: '看病' }),
      403,
      'FORBIDDEN',
    );
    expectError(await call('GET', REQ, 'dispatcher'), 403, 'FORBIDDEN');
    const none = await call('POST', REQ, 'newbie', { day: '2026-07-21', kind: 'leave', reason: '看病' });
    expect(expectError(none, 422, 'BUSINESS_RULE').details.reason).toBe('no_technician_profile');
    expect((await call('GET', REQ, 'newbie')).json()).toMatchObject({ items: [], total: 0 });
  });

  it('the technician lists their own requests, newest first', async () => {
    await call('POST', REQ, 'tech1', { day: '2026-07-19', kind: 'extra_shift', reason: '周日加班' });
    t.clock.advance(1000);
    await call('POST', REQ, 'tech2', { day: '2026-07-22', kind: 'day_off', reason: '调休一天' });
    const mine = (await call('GET', REQ, 'tech1')).json();
    expect(mine.items.map((e: { kind: string }) => e.kind)).toEqual(['extra_shift', 'leave']);
    expect(mine.total).toBe(2);
  });

  it('the head lists the pending requests of the branch, oldest first; the other branch sees none', async () => {
    const res = await call('GET', '/api/availability-requests', 'head');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((e: Entry) => [e.technicianName, e.kind])).toEqual([
      ['tech1', 'leave'],
      ['tech1', 'extra_shift'],
      ['tech2', 'day_off'],
    ]);
    expect((await call('GET', '/api/availability-requests', 'dispatcher')).statusCode).toBe(200);
    expect((await call('GET', '/api/availability-requests', 'headhz')).json().total).toBe(0);
    expect((await call('GET', '/api/availability-requests?status=approved', 'head')).json().total).toBe(0);
    expectError(await call('GET', '/api/availability-requests?status=maybe', 'head'), 400, 'VALIDATION_FAILED');
  });

  it('approving leave names the active appointments it hits (the approval stands); the board is told', async () => {
    const th = t.branches.th;
    const tech = ids.tech1 as string;
    await insertAppointment(t, {
      technicianId: tech,
      branchId: th,
      number: 'WO-20260720-0002',
      from: '2026-07-20T06:00:00Z',
      to: '2026-07-20T07:30:00Z',
    });
    await insertAppointment(t, {
      technicianId: tech,
      branchId: th,
      number: 'WO-20260720-0001',
      from: '2026-07-20T01:00:00Z',
      to: '2026-07-20T02:30:00Z',
    });
    // Not in the way: taken back, another day, and the evening before (ends at local midnight).
    await insertAppointment(t, {
      technicianId: tech,
      branchId: th,
      number: 'WO-20260720-0003',
      from: '2026-07-20T03:00:00Z',
      to: '2026-07-20T04:00:00Z',
      active: false,
    });
    await insertAppointment(t, {
      technicianId: tech,
      branchId: th,
      number: 'WO-20260721-0001',
      from: '2026-07-21T01:00:00Z',
      to: '2026-07-21T02:00:00Z',
    });
    await insertAppointment(t, {
      technicianId: tech,
      branchId: th,
      number: 'WO-20260719-0009',
      from: '2026-07-19T14:00:00Z',
      to: '2026-07-19T16:00:00Z',
    });
    const u = `/api/availability-requests/${leaveId}/decision`;
    expectError(await call('POST', u, 'dispatcher', { decision: 'approve', version: 1 }), 403, 'FORBIDDEN');
    expectError(await call('POST', u, 'headhz', { decision: 'approve', version: 1 }), 404, 'NOT_FOUND');
    expectError(await call('POST', u, 'head', { decision: 'approve', version: 2 }), 409, 'VERSION_CONFLICT');
    expectError(await call('POST', u, 'head', { decision: 'maybe', version: 1 }), 400, 'VALIDATION_FAILED');
    events.length = 0;
    const res = await call('POST', u, 'head', { decision: 'approve', version: 1, note: '请调度改派' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: leaveId,
      status: 'approved',
      decidedByName: 'head',
      decisionNote: '请调度改派',
      version: 2,
      conflictingAppointments: ['WO-20260720-0001', 'WO-20260720-0002'],
    });
    calendarEntrySchema
      .extend({ conflictingAppointments: z.array(z.string()) })
      .strict()
      .parse(res.json());
    expect(events).toEqual([{ technicianId: tech, branchId: th, day: '2026-07-20' }]);
    const again = await call('POST', u, 'head', { decision: 'reject', version: 2 });
    expectError(again, 409, 'ILLEGAL_TRANSITION');
    const audit = await auditOf('technician.availability.approved');
    expect(audit[0]?.details).toMatchObject({ conflictingAppointments: ['WO-20260720-0001', 'WO-20260720-0002'] });
  });

  it('the approved leave removes the day from the working calendar (shiftOn)', async () => {
    const d = await detail('head', ids.tech1 as string);
    const onDay = (day: string) => d.calendar.filter((e) => e.day === day);
    const pattern = { workDays: d.workDays, shiftStart: d.shiftStart, shiftEnd: d.shiftEnd };
    expect(shiftOn('2026-07-20', pattern, onDay('2026-07-20'), TZ)).toEqual({ shift: null, offReason: 'leave' });
    // Sunday: a rest day, and the extra shift asked for is still pending.
    expect(shiftOn('2026-07-19', pattern, onDay('2026-07-19'), TZ)).toEqual({ shift: null, offReason: 'rest_day' });
    expect(shiftOn('2026-07-21', pattern, onDay('2026-07-21'), TZ).shift).toEqual({
      start: new Date('2026-07-21T00:30:00Z'),
      end: new Date('2026-07-21T10:00:00Z'),
    });
  });

  it('approving an extra shift turns a rest day into a working day; rejecting changes nothing', async () => {
    const pending = (await call('GET', '/api/availability-requests', 'head')).json().items;
    const extra = pending.find((e: Entry) => e.kind === 'extra_shift');
    const dayOff = pending.find((e: Entry) => e.kind === 'day_off');
    events.length = 0;
    const ok = await call('POST', `/api/availability-requests/${extra.id}/decision`, 'head', {
      decision: 'approve',
      version: extra.version,
    });
    expect(ok.json()).toMatchObject({ status: 'approved', conflictingAppointments: [] });
    const no = await call('POST', `/api/availability-requests/${dayOff.id}/decision`, 'head', {
      decision: 'reject',
      version: dayOff.version,
      note: '当天人手不足',
    });
    expect(no.json()).toMatchObject({ status: 'rejected', decisionNote: '当天人手不足', conflictingAppointments: [] });
    expect(events).toEqual([{ technicianId: ids.tech1, branchId: t.branches.th, day: '2026-07-19' }]);
    const d = await detail('head', ids.tech1 as string);
    const pattern = { workDays: d.workDays, shiftStart: d.shiftStart, shiftEnd: d.shiftEnd };
    expect(
      shiftOn(
        '2026-07-19',
        pattern,
        d.calendar.filter((e) => e.day === '2026-07-19'),
        TZ,
      ).shift,
    ).toEqual({ start: new Date('2026-07-19T00:30:00Z'), end: new Date('2026-07-19T10:00:00Z') });
    const mine = (await call('GET', REQ, 'tech2')).json().items;
    expect(mine[0]).toMatchObject({ status: 'rejected', decidedByName: 'head' });
    expect((await call('GET', '/api/availability-requests', 'head')).json().total).toBe(0);
    expect((await call('GET', '/api/availability-requests?status=all', 'head')).json().total).toBe(3);
  });

  it('a part-day leave hits only the appointments in the time it takes', async () => {
    const tech = ids.tech1 as string;
    await insertAppointment(t, {
      technicianId: tech,
      branchId: t.branches.th,
      number: 'WO-20260723-0001',
      from: '2026-07-23T01:00:00Z',
      to: '2026-07-23T02:00:00Z',
    });
    await insertAppointment(t, {
      technicianId: tech,
      branchId: t.branches.th,
      number: 'WO-20260723-0002',
      from: '2026-07-23T06:00:00Z',
      to: '2026-07-23T07:00:00Z',
    });
    const req = await call('POST', REQ, 'tech1', {
      day: '2026-07-23',
      kind: 'leave',
      startTime: '13:00',
      endTime: '18:00',
      reason: '下午看牙',
    });
    expect(req.statusCode, req.body).toBe(201);
    const res = await call('POST', `/api/availability-requests/${req.json().id}/decision`, 'head', {
      decision: 'approve',
      version: 1,
    });
    expect(res.json().conflictingAppointments).toEqual(['WO-20260723-0002']);
    const d = await detail('head', tech);
    const pattern = { workDays: d.workDays, shiftStart: d.shiftStart, shiftEnd: d.shiftEnd };
    expect(
      shiftOn(
        '2026-07-23',
        pattern,
        d.calendar.filter((e) => e.day === '2026-07-23'),
        TZ,
      ).shift,
    ).toEqual({ start: new Date('2026-07-23T00:30:00Z'), end: new Date('2026-07-23T05:00:00Z') });
  });

  it('the head records an entry directly: approved at once, conflicts named, the board told; a duplicate is 409', async () => {
    const tech = ids.tech1 as string;
    const u = `/api/technicians/${tech}/calendar`;
    events.length = 0;
    const res = await call('POST', u, 'head', { day: '2026-07-21', kind: 'day_off', reason: '调休（补休）' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.conflictingAppointments).toEqual(['WO-20260721-0001']);
    const entry = body.calendar.find((e: Entry) => e.day === '2026-07-21');
    expect(entry).toMatchObject({
      kind: 'day_off',
      status: 'approved',
      requestedByName: 'head',
      decidedByName: 'head',
    });
    expect(events).toEqual([{ technicianId: tech, branchId: t.branches.th, day: '2026-07-21' }]);
    const dup = await call('POST', u, 'head', { day: '2026-07-21', kind: 'day_off', reason: '重复' });
    expect(expectError(dup, 409, 'CONFLICT').details.entryId).toBe(entry.id);
    // A past day may be recorded (what happened); the dispatcher and the manager may not record.
    const past = await call('POST', u, 'head', { day: '2026-07-10', kind: 'leave', reason: '病假（补录）' });
    expect(past.statusCode, past.body).toBe(201);
    expectError(
      await call('POST', u, 'dispatcher', { day: '2026-07-24', kind: 'leave', reason: '病假' }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await call('POST', u, 'manager', { day: '2026-07-24', kind: 'leave', reason: '病假' }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await call('POST', `/api/technicians/${ids.techhz}/calendar`, 'head', {
        day: '2026-07-24',
        kind: 'leave',
        reason: '病假',
      }),
      404,
      'NOT_FOUND',
    );
    expect(await auditOf('technician.calendar.added')).toHaveLength(2);
    // The technician sees what the head recorded for them.
    const mine = (await call('GET', REQ, 'tech1')).json().items;
    expect(mine.map((e: Entry) => e.day)).toContain('2026-07-10');
  });

  it('the detail shows the calendar from 30 days ago on, latest day first', async () => {
    await call('POST', `/api/technicians/${ids.tech1}/calendar`, 'head', {
      day: '2026-06-01',
      kind: 'leave',
      reason: '旧的请假',
    });
    const d = await detail('dispatcher', ids.tech1 as string);
    const days = d.calendar.map((e) => e.day);
    expect(days).not.toContain('2026-06-01');
    expect(days).toEqual([...days].sort().reverse());
    expect(days[0]).toBe('2026-07-23');
  });
});

describe('the demo seed (seedTechnicians)', () => {
  it('profiles tech01–tech40 relative to now: one expired certificate, a few expiring, one pending request; idempotent', async () => {
    for (let i = 1; i <= 40; i++) {
      const name = `tech${String(i).padStart(2, '0')}`;
      ids[name] = await t.createUser(name, ['technician'], i <= 24 ? 'th' : 'hz');
    }
    const first = await seedTechnicians(t.systemCtx(), t.branches);
    expect(first).toEqual({ created: 40, skipped: 0 });
    expect(await seedTechnicians(t.systemCtx(), t.branches)).toEqual({ created: 0, skipped: 40 });
    expect(await seedTechnicians(t.systemCtx())).toEqual({ created: 0, skipped: 40 });

    const th = (await call('GET', '/api/technicians?q=TH-0&pageSize=200', 'head')).json();
    const hz = (await call('GET', '/api/technicians?pageSize=200', 'headhz')).json();
    const seeded = ([...th.items, ...hz.items] as Summary[]).filter((s) => /^tech\d\d$/.test(s.username));
    expect(seeded).toHaveLength(40);
    const staffNos = seeded.map((s: Summary) => s.staffNo).sort();
    expect(staffNos[0]).toBe('HZ-001');
    expect(staffNos[39]).toBe('TH-024');
    for (const s of seeded) {
      expect(s.hasPhoto).toBe(true);
      expect(s.skills.map((k) => k.skill)).toEqual(expect.arrayContaining(['split_wall', 'electrical']));
      const near = s.branchId === t.branches.th ? { lat: 23.14, lng: 113.35 } : { lat: 23.09, lng: 113.31 };
      expect(Math.abs(s.home.lat - near.lat)).toBeLessThan(0.07);
      expect(Math.abs(s.home.lng - near.lng)).toBeLessThan(0.07);
    }
    const states = seeded.map((s: Summary) => s.certificateState);
    expect(states.filter((x) => x === 'expired')).toHaveLength(1);
    expect(states.filter((x) => x === 'expiring').length).toBeGreaterThanOrEqual(3);
    expect(seeded.filter((s: Summary) => s.skills.some((k) => k.skill === 'vrf' && k.level === 3)).length).toBe(5);
    expect(seeded.filter((s: Summary) => s.workDays.includes(7)).length).toBeGreaterThan(3);
    const refrigerantWithoutCert = seeded.filter(
      (s: Summary) =>
        s.skills.some((k) => k.skill === 'refrigerant') && !s.certificates.some((c) => c.type === 'refrigeration'),
    );
    expect(refrigerantWithoutCert).toEqual([]);

    const pending = (await call('GET', '/api/availability-requests', 'head')).json();
    expect(pending.items.map((e: Entry) => e.technicianName)).toHaveLength(1);
    const approved = (await call('GET', '/api/availability-requests?status=approved&pageSize=200', 'head')).json();
    expect(approved.total).toBeGreaterThanOrEqual(3);

    const img = await t.aircare.app.inject({
      method: 'GET',
      url: `/api/technicians/${ids.tech01}/photo`,
      headers: { cookie: cookies.head as string },
    });
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(img.rawPayload.subarray(-8, -4).toString('latin1')).toBe('IEND');
  });
});
