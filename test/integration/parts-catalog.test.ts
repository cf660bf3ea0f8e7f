// Parts piece 1: catalog, locations, reorder levels (issue 5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PARTS, seedParts } from '../../src/server/db/seed/seed-parts';
import { buildTestApp, type TestApp } from '../build-test-app';
import { newPart, type PartsStaff, partBody, partsStaff } from './parts-support';
import { auditRows, expectError, issuePaths } from './support';

let t: TestApp;
let s: PartsStaff;

beforeAll(async () => {
  t = await buildTestApp();
  s = await partsStaff(t);
});
afterAll(async () => {
  await t?.close();
});

describe('parts catalog', () => {
  it('warehouse creates a part (code upper-cased, unique) and everyone with parts.read finds it', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/parts',
      cookie: s.cookies.wh,
      body: partBody({ code: 'cap-35uf-450v', name: '压缩机启动电容', compatibleModels: ['KFR-35GW/BpDN8'] }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p).toMatchObject({
      code: 'CAP-35UF-450V',
      standardCostFen: 1800,
      avgCostFen: 0,
      valuable: false,
      version: 1,
    });
    const dup = await t.request({
      method: 'POST',
      url: '/api/parts',
      cookie: s.cookies.head,
      body: partBody({ code: 'CAP-35UF-450V' }),
    });
    expect(expectError(dup, 409, 'CONFLICT').details.issues[0].path).toBe('code');
    for (const who of ['tech', 'disp', 'head'] as const) {
      const list = await t.request({ method: 'GET', url: '/api/parts?q=BpDN8', cookie: s.cookies[who] });
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((i: { code: string }) => i.code)).toEqual(['CAP-35UF-450V']);
    }
    expectError(await t.request({ method: 'GET', url: '/api/parts', cookie: s.cookies.agent }), 403, 'FORBIDDEN');
    expectError(
      await t.request({ method: 'POST', url: '/api/parts', cookie: s.cookies.tech, body: partBody() }),
      403,
      'FORBIDDEN',
    );
    const audit = (await auditRows(t)).filter((a) => a.action === 'part.created' && a.objectId === p.id);
    expect(audit).toHaveLength(1);
  });

  it('strict validation: unknown fields, coercion, a category off the list, serial and lot together', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ extra: 1 }, ''],
      [{ standardCostFen: '1800' }, 'standardCostFen'],
      [{ standardCostFen: 18.5 }, 'standardCostFen'],
      [{ category: 'gasket' }, 'category'],
    ];
    for (const [extra, path] of cases) {
      const res = await t.request({ method: 'POST', url: '/api/parts', cookie: s.cookies.wh, body: partBody(extra) });
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      if (path) expect(issuePaths(res)).toContain(path);
    }
    const both = await t.request({
      method: 'POST',
      url: '/api/parts',
      cookie: s.cookies.wh,
      body: partBody({ serialTracked: true, lotTracked: true }),
    });
    expect(issuePaths(both)).toEqual(['lotTracked']);
  });

  it('edits under optimistic locking; stale version → 409 and nothing changes; valuable follows the setting', async () => {
    const p = await newPart(t, s.cookies.wh);
    const ok = await t.request({
      method: 'PATCH',
      url: `/api/parts/${p.id}`,
      cookie: s.cookies.head,
      body: { version: 1, standardCostFen: 60000, name: '变频电脑板' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, standardCostFen: 60000, valuable: true, name: '变频电脑板' });
    const stale = await t.request({
      method: 'PATCH',
      url: `/api/parts/${p.id}`,
      cookie: s.cookies.wh,
      body: { version: 1, name: '别的名字' },
    });
    expectError(stale, 409, 'VERSION_CONFLICT');
    const now = await t.request({ method: 'GET', url: `/api/parts/${p.id}`, cookie: s.cookies.wh });
    expect(now.json().name).toBe('变频电脑板');
  });

  it('reorder levels per location, with version; another branch’s location is not found', async () => {
    const p = await newPart(t, s.cookies.wh);
    const url = `/api/parts/${p.id}/levels/${s.loc.th}`;
    const set = await t.request({
      method: 'PUT',
      url,
      cookie: s.cookies.wh,
      body: { version: 0, reorderPoint: 10, reorderQuantity: 30 },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().levels).toEqual([
      { locationId: s.loc.th, locationCode: 'ST-GZ-TH', reorderPoint: 10, reorderQuantity: 30, onHand: 0, version: 1 },
    ]);
    expectError(
      await t.request({
        method: 'PUT',
        url,
        cookie: s.cookies.wh,
        body: { version: 0, reorderPoint: 1, reorderQuantity: 1 },
      }),
      409,
      'VERSION_CONFLICT',
    );
    const again = await t.request({
      method: 'PUT',
      url,
      cookie: s.cookies.wh,
      body: { version: 1, reorderPoint: 12, reorderQuantity: 30 },
    });
    expect(again.json().levels[0]).toMatchObject({ reorderPoint: 12, version: 2 });
    expectError(
      await t.request({
        method: 'PUT',
        url: `/api/parts/${p.id}/levels/${s.loc.hz}`,
        cookie: s.cookies.wh,
        body: { version: 0, reorderPoint: 1, reorderQuantity: 1 },
      }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('stock locations', () => {
  it('the seed made the central warehouse, a store per branch and a van per technician; scoped by branch', async () => {
    const th = await t.request({ method: 'GET', url: '/api/stock-locations', cookie: s.cookies.wh });
    expect(th.json().items.map((l: { code: string }) => l.code)).toEqual([
      'WH-CENTRAL',
      'ST-GZ-TH',
      'VAN-TH-001',
      'VAN-TH-002',
    ]);
    const van = th.json().items.find((l: { code: string }) => l.code === 'VAN-TH-001');
    expect(van).toMatchObject({ kind: 'van', branchId: t.branches.th, technicianId: s.ids.tech });
    const hz = await t.request({ method: 'GET', url: '/api/stock-locations?kind=van', cookie: s.cookies.whhz });
    expect(hz.json().items.map((l: { code: string }) => l.code)).toEqual(['VAN-HZ-001']);
  });

  it('creates a van (one per technician, unique code) and renames it with a version', async () => {
    const techId = await t.createUser('p-tech3', ['technician'], 'th');
    const body = {
      code: 'van-th-003',
      name: '车载库 TH-003',
      kind: 'van',
      branchId: t.branches.th,
      technicianId: techId,
    };
    const res = await t.request({ method: 'POST', url: '/api/stock-locations', cookie: s.cookies.wh, body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().code).toBe('VAN-TH-003');
    const twice = await t.request({
      method: 'POST',
      url: '/api/stock-locations',
      cookie: s.cookies.wh,
      body: { ...body, code: 'VAN-TH-099' },
    });
    expect(expectError(twice, 409, 'CONFLICT').details.issues[0].path).toBe('technicianId');
    const noTech = await t.request({
      method: 'POST',
      url: '/api/stock-locations',
      cookie: s.cookies.wh,
      body: { code: 'VAN-X', name: 'x', kind: 'van', branchId: t.branches.th },
    });
    expect(issuePaths(noTech)).toEqual(['technicianId']);
    const other = await t.request({
      method: 'POST',
      url: '/api/stock-locations',
      cookie: s.cookies.wh,
      body: { code: 'ST-OTHER', name: 'x', kind: 'branch', branchId: t.branches.hz },
    });
    expect(issuePaths(other)).toEqual(['branchId']);
    const renamed = await t.request({
      method: 'PATCH',
      url: `/api/stock-locations/${res.json().id}`,
      cookie: s.cookies.wh,
      body: { version: 1, name: '车载库 TH-003（新车）' },
    });
    expect(renamed.json()).toMatchObject({ name: '车载库 TH-003（新车）', version: 2 });
  });
});

describe('demo seed', () => {
  it('adds the demo catalog once (idempotent); the stock comes later with the history (parts-demo-seed.test.ts)', async () => {
    const first = await seedParts(t.systemCtx(), t.branches);
    // CAP-35UF-450V was already made by the first test of this file: kept, not duplicated.
    expect(first.parts).toBe(DEMO_PARTS.length - 1);
    expect(first.receipts).toBe(0);
    const again = await seedParts(t.systemCtx(), t.branches);
    expect(again).toEqual({ locations: 0, parts: 0, receipts: 0 });
    const list = (
      await t.request({ method: 'GET', url: '/api/parts?q=CMP-ROT-15P&pageSize=5', cookie: s.cookies.wh })
    ).json();
    expect(list.items[0]).toMatchObject({ code: 'CMP-ROT-15P', serialTracked: true, category: 'compressor' });
  });
});
