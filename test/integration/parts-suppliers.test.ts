// Suppliers: records with contacts, contracts with prices and a file, evaluations computed from the ledger, ranking.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';
import { move, newPart, type PartsStaff, partsStaff } from './parts-support';
import { NOW, purchasing } from './purchasing-support';
import { auditRows, expectError, issuePaths } from './support';

let t: TestApp;
let s: PartsStaff;
let p: ReturnType<typeof purchasing>;

beforeAll(async () => {
  t = await buildTestApp();
  t.clock.set(NOW);
  s = await partsStaff(t);
  p = purchasing(t, s);
});
afterEach(() => {
  t.clock.set(NOW);
});
afterAll(async () => {
  await t?.close();
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24, 7)]);

describe('suppliers', () => {
  it('are created by the warehouse, read by parts readers, edited with a version; strict input', async () => {
    const code = `sup-${randomUUID().slice(0, 6)}`;
    const body = {
      code,
      name: '广州穗凌制冷配件有限公司',
      contactName: '冯国栋',
      contactPhone: '020-86681235',
      email: 'order@suiling.example.cn',
      address: '广州市白云区太和镇广从七路 88 号',
      creditCode: '91440111MA59K3T70X',
    };
    expectError(await p.req('POST', '/api/suppliers', s.cookies.tech, body), 403, 'FORBIDDEN');
    expectError(await p.req('POST', '/api/suppliers', s.cookies.head, body), 403, 'FORBIDDEN');
    const before = (await p.req('GET', '/api/suppliers?active=all&pageSize=200', s.cookies.wh)).json().total;
    expect(issuePaths(await p.req('POST', '/api/suppliers', s.cookies.wh, { ...body, rating: 5 }))).toEqual(['rating']);
    expect(issuePaths(await p.req('POST', '/api/suppliers', s.cookies.wh, { ...body, creditCode: 'ABC' }))).toEqual([
      'creditCode',
    ]);
    expect(issuePaths(await p.req('POST', '/api/suppliers', s.cookies.wh, { ...body, email: 'not-mail' }))).toEqual([
      'email',
    ]);
    expect((await p.req('GET', '/api/suppliers?active=all&pageSize=200', s.cookies.wh)).json().total).toBe(before);

    const res = await p.req('POST', '/api/suppliers', s.cookies.wh, body);
    expect(res.statusCode, res.body).toBe(201);
    const sup = res.json();
    expect(sup).toMatchObject({
      code: code.toUpperCase(),
      contactName: '冯国栋',
      contactPhone: '020-86681235',
      active: true,
      version: 1,
      contracts: [],
      evaluations: [],
    });
    const dup = expectError(await p.req('POST', '/api/suppliers', s.cookies.wh, body), 409, 'CONFLICT');
    expect(dup.details.issues[0]).toMatchObject({ path: 'code', code: 'taken' });

    const url = `/api/suppliers/${sup.id}`;
    expect((await p.req('GET', url, s.cookies.tech)).json().name).toBe(body.name);
    expectError(await p.req('GET', url, s.cookies.agent), 403, 'FORBIDDEN');
    let r = await p.req('PATCH', url, s.cookies.wh, { version: 1, contactName: '冯经理', active: false });
    expect(r.json()).toMatchObject({ version: 2, contactName: '冯经理', active: false });
    expectError(await p.req('PATCH', url, s.cookies.wh, { version: 1, note: 'x' }), 409, 'VERSION_CONFLICT');

    // List: search, active filter (active by default).
    r = await p.req('GET', `/api/suppliers?q=${encodeURIComponent('穗凌')}`, s.cookies.wh);
    expect(r.json().items.some((x: { id: string }) => x.id === sup.id)).toBe(false);
    r = await p.req('GET', `/api/suppliers?q=${encodeURIComponent('穗凌')}&active=false`, s.cookies.tech);
    expect(r.json().items.map((x: { id: string }) => x.id)).toEqual([sup.id]);
    expect(r.json().items[0]).toMatchObject({ currentContracts: 0, latestTotalScore: null, latestPeriodEnd: null });
    expect(issuePaths(await p.req('GET', '/api/suppliers?active=yes', s.cookies.wh))).toEqual(['query.active']);

    const audit = (await auditRows(t)).filter((a) => a.objectId === sup.id);
    expect(audit.map((a) => a.action)).toEqual(['supplier.created', 'supplier.updated']);
    expect(audit[1]?.before).toEqual({ contactName: '冯国栋', active: true });
  });

  it('contracts: period, delivery days, terms, prices per part (replaced on edit), current or not', async () => {
    const sup = await p.supplier();
    const a = await newPart(t, s.cookies.wh);
    const b = await newPart(t, s.cookies.wh);
    const url = `/api/suppliers/${sup.id}/contracts`;
    const body = {
      number: `ht-${randomUUID().slice(0, 6)}`,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      deliveryDays: 4,
      warrantyTerms: '质保 12 个月，到货 7 天内来料不良包换',
      paymentTerms: '月结 30 天',
      prices: [
        { partId: a.id, unitPriceFen: 1800 },
        { partId: b.id, unitPriceFen: 2600 },
      ],
    };
    expect(issuePaths(await p.req('POST', url, s.cookies.wh, { ...body, endsOn: '2025-12-31' }))).toEqual(['endsOn']);
    expect(
      issuePaths(
        await p.req('POST', url, s.cookies.wh, {
          ...body,
          prices: [
            { partId: a.id, unitPriceFen: 1 },
            { partId: a.id, unitPriceFen: 2 },
          ],
        }),
      ),
    ).toEqual(['prices.1.partId']);
    expect(
      issuePaths(await p.req('POST', url, s.cookies.wh, { ...body, prices: [{ partId: a.id, unitPriceFen: 1.5 }] })),
    ).toEqual(['prices.0.unitPriceFen']);
    expectError(await p.req('POST', `/api/suppliers/${randomUUID()}/contracts`, s.cookies.wh, body), 404, 'NOT_FOUND');
    const res = await p.req('POST', url, s.cookies.wh, body);
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      number: body.number.toUpperCase(),
      supplierId: sup.id,
      status: 'active',
      current: true,
      deliveryDays: 4,
      file: null,
      version: 1,
    });
    expect(c.prices.map((x: { partId: string; unitPriceFen: number }) => [x.partId, x.unitPriceFen]).sort()).toEqual(
      [
        [a.id, 1800],
        [b.id, 2600],
      ].sort(),
    );
    expectError(await p.req('POST', url, s.cookies.wh, body), 409, 'CONFLICT');

    const cUrl = `/api/supplier-contracts/${c.id}`;
    let r = await p.req('PATCH', cUrl, s.cookies.wh, { version: 1, prices: [{ partId: b.id, unitPriceFen: 2500 }] });
    expect(r.json()).toMatchObject({ version: 2, prices: [{ partId: b.id, unitPriceFen: 2500 }] });
    expect(issuePaths(await p.req('PATCH', cUrl, s.cookies.wh, { version: 2, startsOn: '2027-01-01' }))).toEqual([
      'endsOn',
    ]);
    r = await p.req('PATCH', cUrl, s.cookies.wh, { version: 2, status: 'terminated' });
    expect(r.json()).toMatchObject({ status: 'terminated', current: false, version: 3 });
    const detail = (await p.req('GET', `/api/suppliers/${sup.id}`, s.cookies.wh)).json();
    expect(detail.contracts.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const list = (await p.req('GET', `/api/suppliers?q=${sup.code}`, s.cookies.wh)).json();
    expect(list.items[0].currentContracts).toBe(0);
    await p.contract(sup.id, [{ partId: a.id, unitPriceFen: 1700 }]);
    await p.contract(sup.id, [{ partId: a.id, unitPriceFen: 1600 }], { startsOn: '2025-01-01', endsOn: '2025-12-31' });
    expect((await p.req('GET', `/api/suppliers?q=${sup.code}`, s.cookies.wh)).json().items[0].currentContracts).toBe(1);
    const actions = (await auditRows(t)).filter((x) => x.objectId === c.id).map((x) => x.action);
    expect(actions).toEqual(['supplier_contract.created', 'supplier_contract.updated', 'supplier_contract.updated']);
  });

  it('a contract file: PDF or image whose bytes match, downloaded as a private attachment', async () => {
    const sup = await p.supplier();
    const part = await newPart(t, s.cookies.wh);
    const c = await p.contract(sup.id, [{ partId: part.id, unitPriceFen: 100 }]);
    const url = `/api/supplier-contracts/${c.id}/file`;
    const upload = (body: Record<string, unknown>, cookie = s.cookies.wh) => p.req('PUT', url, cookie, body);
    const download = (cookie: string) =>
      t.aircare.app.inject({ method: 'GET', url, headers: { cookie, 'x-requested-with': 'aircare' } });

    expectError(await download(s.cookies.wh), 404, 'NOT_FOUND');
    expectError(
      await upload(
        { fileName: 'a.pdf', contentType: 'application/pdf', dataBase64: PDF.toString('base64') },
        s.cookies.head,
      ),
      403,
      'FORBIDDEN',
    );
    const res = await upload({
      fileName: '采购合同 2026.pdf',
      contentType: 'application/pdf',
      dataBase64: PDF.toString('base64'),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      version: 1,
      file: { fileName: '采购合同 2026.pdf', contentType: 'application/pdf', size: PDF.length, uploadedByName: 'p-wh' },
    });
    const sha = res.json().file.sha256;

    const got = await download(s.cookies.tech);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['cache-control']).toBe('private, no-store');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="${c.number}.pdf"; filename*=UTF-8''${encodeURIComponent('采购合同 2026.pdf')}`,
    );
    expect(Buffer.compare(got.rawPayload, PDF)).toBe(0);
    expectError((await download(s.cookies.agent)) as unknown as Parameters<typeof expectError>[0], 403, 'FORBIDDEN');

    // Refused, and the stored file stays: text said to be a PDF, an image said to be a PDF, a PDF said to be PNG.
    const text = Buffer.from('this is not a contract, just text').toString('base64');
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ fileName: 'x.pdf', contentType: 'application/pdf', dataBase64: text }, 'dataBase64', 'unsupported_file'],
      [{ fileName: 'x.png', contentType: 'image/png', dataBase64: text }, 'dataBase64', 'unsupported_file'],
      [
        { fileName: 'x.pdf', contentType: 'application/pdf', dataBase64: PNG.toString('base64') },
        'contentType',
        'type_mismatch',
      ],
      [
        { fileName: 'x.png', contentType: 'image/png', dataBase64: PDF.toString('base64') },
        'dataBase64',
        'unsupported_file',
      ],
      [
        { fileName: 'x.pdf', contentType: 'application/pdf', dataBase64: 'not base64!' },
        'dataBase64',
        'invalid_base64',
      ],
      [
        { fileName: 'x.gif', contentType: 'image/gif', dataBase64: PNG.toString('base64') },
        'contentType',
        'invalid_value',
      ],
      [
        { fileName: 'a/b.pdf', contentType: 'application/pdf', dataBase64: PDF.toString('base64') },
        'fileName',
        'invalid_format',
      ],
    ];
    for (const [body, path, code] of refusals) {
      const bad = expectError(await upload(body), 400, 'VALIDATION_FAILED');
      expect(bad.details.issues, JSON.stringify(body).slice(0, 80)).toMatchObject([{ path, code }]);
    }
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 + 1 - PDF.length)]);
    const tooBig = expectError(
      await upload({ fileName: 'big.pdf', contentType: 'application/pdf', dataBase64: big.toString('base64') }),
      400,
      'VALIDATION_FAILED',
    );
    expect(tooBig.details.issues).toMatchObject([{ path: 'dataBase64', code: 'too_large' }]);
    let detail = (await p.req('GET', `/api/suppliers/${sup.id}`, s.cookies.wh)).json();
    expect(detail.contracts[0].file.sha256).toBe(sha);

    // A PNG scan replaces the PDF.
    const png = await upload({ fileName: 'scan.png', contentType: 'image/png', dataBase64: PNG.toString('base64') });
    expect(png.statusCode, png.body).toBe(200);
    const again = await download(s.cookies.wh);
    expect(again.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(again.rawPayload, PNG)).toBe(0);
    detail = (await p.req('GET', `/api/suppliers/${sup.id}`, s.cookies.wh)).json();
    expect(detail.contracts[0].file).toMatchObject({ fileName: 'scan.png', size: PNG.length });
    const audit = (await auditRows(t)).filter(
      (a) => a.action === 'supplier_contract.file_uploaded' && a.objectId === c.id,
    );
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain(PDF.toString('base64').slice(0, 20));
  });
});

describe('supplier evaluations', () => {
  it('scores quality, delivery and price from the ledger and receipts; ranking; edits survive a recompute', async () => {
    const part = await newPart(t, s.cookies.wh, { name: '评价用电容' });
    const s1 = await p.supplier({ name: '一号供应商' });
    const s2 = await p.supplier({ name: '二号供应商' });
    await p.contract(s1.id, [{ partId: part.id, unitPriceFen: 1000 }], { deliveryDays: 5 });
    await p.contract(s2.id, [{ partId: part.id, unitPriceFen: 1250 }], { deliveryDays: 5 });
    const order = async (supplierId: string, quantity: number, unitPriceFen?: number) => {
      const r = await p.createOrder({
        supplierId,
        locationId: s.loc.central,
        lines: [{ partId: part.id, quantity, ...(unitPriceFen ? { unitPriceFen } : {}) }],
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json();
    };
    const receiveAll = async (o: { id: string; lines: { id: string; quantity: number }[] }) => {
      const r = await p.receiveOrder(
        o.id,
        o.lines.map((l) => ({ orderLineId: l.id, quantity: l.quantity })),
      );
      expect(r.statusCode, r.body).toBe(201);
      return r.json().receipt;
    };

    // S1: 30 on time and 20 late (ordered 12 days ago, due 7 days ago), both paid at 11.00 against 10.00.
    const o1 = await order(s1.id, 30, 1100);
    const o2 = await p.daysAgo(12, () => order(s1.id, 20, 1100));
    expect(o2.expectedOn).toBe('2026-07-08');
    expect((await receiveAll(o1)).onTime).toBe(true);
    expect((await receiveAll(o2)).onTime).toBe(false);
    // 2 go back to S1 as defective (the supplier is named by id; its name fills the text).
    const ret = await move(t, s.cookies.wh, {
      kind: 'return_to_supplier',
      partId: part.id,
      locationId: s.loc.central,
      quantity: 2,
      supplierId: s1.id,
      reason: '来料不良：容量不足',
    });
    expect(ret.statusCode, ret.body).toBe(201);
    expect(ret.json().movements[0].supplier).toBe('一号供应商');
    const unknown = await move(t, s.cookies.wh, {
      kind: 'return_to_supplier',
      partId: part.id,
      locationId: s.loc.central,
      quantity: 1,
      supplierId: randomUUID(),
      reason: '来料不良',
    });
    expect(issuePaths(unknown)).toEqual(['supplierId']);
    // A plain receipt naming no order or supplier id counts for nobody.
    await p.receive(part.id, s.loc.central, 5, 900);
    // S2: 10 on time at its contract price.
    await receiveAll(await order(s2.id, 10));

    const period = { periodStart: '2026-07-01', periodEnd: '2026-07-31' };
    expectError(await p.req('POST', '/api/supplier-evaluations/compute', s.cookies.head, period), 403, 'FORBIDDEN');
    expect(
      issuePaths(
        await p.req('POST', '/api/supplier-evaluations/compute', s.cookies.wh, {
          periodStart: '2026-07-31',
          periodEnd: '2026-07-01',
        }),
      ),
    ).toEqual(['periodEnd']);
    const res = await p.req('POST', '/api/supplier-evaluations/compute', s.cookies.wh, period);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    const e1 = items.find((e: { supplierId: string }) => e.supplierId === s1.id);
    const e2 = items.find((e: { supplierId: string }) => e.supplierId === s2.id);
    expect(items).toHaveLength(2);
    // S1: quality 48/50 = 96; delivery 1/2 = 50; price: paid 110 % of contract → 80, cheaper than S2 → 100 → 90;
    // total 0.4 × 96 + 0.3 × 50 + 0.3 × 90 = 80.4 → 80.
    expect(e1).toMatchObject({
      receivedQuantity: 50,
      defectQuantity: 2,
      deliveries: 2,
      deliveriesOnTime: 1,
      priceVsContractBp: 11000,
      priceVsOthersBp: 8000,
      qualityScore: 96,
      deliveryScore: 50,
      priceScore: 90,
      totalScore: 80,
      edited: false,
      version: 1,
    });
    // S2: 100, 100, price: at contract → 100, 25 % above S1 → 50 → 75; total 92.5 → 93.
    expect(e2).toMatchObject({
      receivedQuantity: 10,
      defectQuantity: 0,
      deliveries: 1,
      deliveriesOnTime: 1,
      priceVsContractBp: 10000,
      priceVsOthersBp: 12500,
      qualityScore: 100,
      deliveryScore: 100,
      priceScore: 75,
      totalScore: 93,
    });

    const ranking = (
      await p.req('GET', `/api/supplier-ranking?periodStart=2026-07-01&periodEnd=2026-07-31`, s.cookies.tech)
    ).json();
    expect(ranking.items.map((e: { supplierId: string; rank: number }) => [e.supplierId, e.rank])).toEqual([
      [s2.id, 1],
      [s1.id, 2],
    ]);
    expect(ranking.periods).toEqual([period]);
    const latest = (await p.req('GET', '/api/supplier-ranking', s.cookies.wh)).json();
    expect(latest).toMatchObject(period);
    expect(latest.items).toHaveLength(2);
    expect(issuePaths(await p.req('GET', '/api/supplier-ranking?periodStart=2026-07-01', s.cookies.wh))).toEqual([
      'periodEnd',
    ]);
    const listed = (await p.req('GET', `/api/suppliers?q=${s1.code}`, s.cookies.wh)).json().items[0];
    expect(listed).toMatchObject({ latestTotalScore: 80, latestPeriodEnd: '2026-07-31', currentContracts: 1 });

    // The head adjusts S1's delivery (with a note); the warehouse may not.
    const eUrl = `/api/supplier-evaluations/${e1.id}`;
    const edit = { version: 1, deliveryScore: 70, note: '迟到一次因台风封路，酌情加分' };
    expectError(await p.req('PATCH', eUrl, s.cookies.wh, edit), 403, 'FORBIDDEN');
    expect(issuePaths(await p.req('PATCH', eUrl, s.cookies.head, { version: 1, deliveryScore: 70 }))).toEqual(['note']);
    expect(issuePaths(await p.req('PATCH', eUrl, s.cookies.head, { ...edit, deliveryScore: 101 }))).toEqual([
      'deliveryScore',
    ]);
    let r = await p.req('PATCH', eUrl, s.cookies.head, edit);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      deliveryScore: 70,
      deliveryScoreComputed: 50,
      totalScore: 86,
      edited: true,
      editedByName: 'p-head',
      note: edit.note,
      version: 2,
    });
    expectError(await p.req('PATCH', eUrl, s.cookies.head, edit), 409, 'VERSION_CONFLICT');

    // Three more come back: the recompute refreshes quality and keeps the edited delivery score.
    await move(t, s.cookies.wh, {
      kind: 'return_to_supplier',
      partId: part.id,
      locationId: s.loc.central,
      quantity: 3,
      supplierId: s1.id,
      reason: '来料不良：漏液',
    });
    r = await p.req('POST', '/api/supplier-evaluations/compute', s.cookies.wh, period);
    const again = r.json().items.find((e: { supplierId: string }) => e.supplierId === s1.id);
    // quality 45/50 = 90; total 0.4 × 90 + 0.3 × 70 + 0.3 × 90 = 84.
    expect(again).toMatchObject({
      id: e1.id,
      defectQuantity: 5,
      qualityScoreComputed: 90,
      qualityScore: 90,
      deliveryScoreComputed: 50,
      deliveryScore: 70,
      totalScore: 84,
      edited: true,
      version: 3,
    });
    const detail = (await p.req('GET', `/api/suppliers/${s1.id}`, s.cookies.wh)).json();
    expect(detail.evaluations.map((e: { id: string; totalScore: number }) => [e.id, e.totalScore])).toEqual([
      [e1.id, 84],
    ]);
    const audit = (await auditRows(t)).filter((a) => a.action.startsWith('supplier_evaluation.'));
    expect(audit.map((a) => a.action)).toEqual([
      'supplier_evaluation.computed',
      'supplier_evaluation.updated',
      'supplier_evaluation.computed',
    ]);
  });
});
