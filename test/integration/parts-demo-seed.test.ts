// The parts demo data (issue 5): catalog, locations, suppliers with contracts and six months of movements written in
// bulk. The ledger must be exactly consistent, as if every movement had been posted one by one.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOperations } from '../../src/server/db/seed/seed-operations';
import { DEMO_PARTS, seedParts } from '../../src/server/db/seed/seed-parts';
import { type SeedPartsHistoryResult, seedPartsHistory } from '../../src/server/db/seed/seed-parts-history';
import { receiveAverage } from '../../src/server/modules/parts/domain/average-cost';
import { FakeClock } from '../../src/server/platform/clock';
import type { Ctx } from '../../src/server/platform/context';
import { buildTestApp, type TestApp } from '../build-test-app';

const NOW = new Date('2026-10-20T06:00:00Z');
const DAY = 86_400_000;

let t: TestApp;
let history: SeedPartsHistoryResult;
const ctxAt = (now: Date): Ctx => ({ ...t.systemCtx(), now });

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  const r = (await t.database.db.execute(q)) as unknown as { rows: T[] };
  return r.rows;
}
async function one<T>(q: ReturnType<typeof sql>): Promise<T> {
  return (await rows<T>(q))[0] as T;
}

beforeAll(async () => {
  t = await buildTestApp({ clock: new FakeClock(NOW) });
  await t.createUser('warehouse1', ['warehouse'], 'th');
  await t.createUser('tech01', ['technician'], 'th');
  await t.createUser('tech02', ['technician'], 'th');
  await t.createUser('tech25', ['technician'], 'hz');
  await seedParts(ctxAt(NOW), t.branches);
  await seedOperations({
    customers: 30,
    orders: 45,
    branches: t.branches,
    now: NOW,
    ctxAt,
  });
  history = await seedPartsHistory(ctxAt(NOW), t.branches);
}, 240_000);
afterAll(async () => {
  await t?.close();
});

describe('parts demo data', () => {
  it('has the catalog, the locations and six suppliers with contracts covering every part', async () => {
    const codes = (await rows<{ code: string }>(sql`select code from parts`)).map((r) => r.code);
    expect(codes.length).toBe(DEMO_PARTS.length);
    expect(codes.length).toBeGreaterThanOrEqual(140);
    for (const c of ['CAP-35UF-450V', 'CMP-ROT-15P', 'REF-R32-3KG', 'PCB-INV-MAIN', 'RMT-UNIV', 'PIPE-CU-635']) {
      expect(codes).toContain(c);
    }
    const kinds = await rows<{ kind: string; n: number }>(
      sql`select kind, count(*)::int as n from stock_locations group by kind order by kind`,
    );
    expect(kinds).toEqual([
      { kind: 'branch', n: 2 },
      { kind: 'central', n: 1 },
      { kind: 'van', n: 3 },
    ]);
    expect(history).toMatchObject({ skipped: false, suppliers: 6, contracts: 7 });
    const today = '2026-10-20';
    const contracts = await rows<{ code: string; current: number; expired: number; days: number }>(sql`
      select s.code,
        count(*) filter (where c.starts_on <= ${today}::date and c.ends_on >= ${today}::date)::int as current,
        count(*) filter (where c.ends_on < ${today}::date)::int as expired,
        max(c.delivery_days)::int as days
      from suppliers s join supplier_contracts c on c.supplier_id = s.id group by s.code order by s.code`);
    expect(contracts).toHaveLength(6);
    for (const c of contracts) {
      expect(c.current).toBe(1);
      expect(c.days).toBeGreaterThanOrEqual(2);
      expect(c.days).toBeLessThanOrEqual(10);
    }
    expect(contracts.reduce((s, c) => s + c.expired, 0)).toBe(1);
    // Every part is priced by one to three suppliers under their current contracts.
    const coverage = await rows<{ code: string; n: number }>(sql`
      select p.code, count(distinct c.supplier_id)::int as n
      from parts p
      left join supplier_contract_prices cp on cp.part_id = p.id
      left join supplier_contracts c on c.id = cp.contract_id
        and c.starts_on <= ${today}::date and c.ends_on >= ${today}::date
      group by p.code`);
    expect(coverage.filter((c) => c.n < 1 || c.n > 3)).toEqual([]);
    expect(coverage.some((c) => c.n === 3)).toBe(true);
    const credit = await rows<{ credit_code: string }>(sql`select credit_code from suppliers`);
    for (const c of credit) expect(c.credit_code).toMatch(/^91\d{6}[0-9A-Z]{9}[0-9A-HJ-NPQRTUWXY]$/);
  });

  it('keeps every balance equal to the sum of its movements, never negative, each serial in one place', async () => {
    expect(history.movements).toBeGreaterThan(1000);
    const mismatched = await one<{ n: number }>(sql`
      with s as (
        select part_id, location_id, lot, serial, sum(quantity)::int as q
        from stock_movements group by part_id, location_id, lot, serial
      )
      select count(*)::int as n
      from s full join stock_balances b using (part_id, location_id, lot, serial)
      where coalesce(s.q, 0) <> coalesce(b.quantity, 0)`);
    expect(mismatched.n).toBe(0);
    expect((await one<{ n: number }>(sql`select count(*)::int as n from stock_balances where quantity < 0`)).n).toBe(0);
    expect(
      (await one<{ n: number }>(sql`select count(*)::int as n from stock_balances where quantity > 0`)).n,
    ).toBeGreaterThan(100);
    // Running balances never dip below zero either (the ledger in order, per balance row).
    const dips = await one<{ n: number }>(sql`
      select count(*)::int as n from (
        select sum(quantity) over (partition by part_id, location_id, lot, serial order by seq) as running
        from stock_movements) r
      where running < 0`);
    expect(dips.n).toBe(0);
    const serials = await one<{ twice: number; bad: number; units: number }>(sql`
      select
        (select count(*)::int from (select part_id, serial from stock_balances where serial <> ''
           group by part_id, serial having sum(quantity) > 1) x) as twice,
        (select count(*)::int from stock_movements where serial <> '' and abs(quantity) <> 1) as bad,
        (select count(*)::int from stock_balances where serial <> '' and quantity = 1) as units`);
    expect(serials).toMatchObject({ twice: 0, bad: 0 });
    expect(serials.units).toBeGreaterThan(0);
    // Serial-tracked parts move by serial, lot-tracked ones by lot (with an expiry on receipt), others by neither.
    const tracking = await one<{ n: number }>(sql`
      select count(*)::int as n from stock_movements m join parts p on p.id = m.part_id
      where (p.serial_tracked and m.serial = '') or (not p.serial_tracked and m.serial <> '')
         or (p.lot_tracked and m.lot = '') or (not p.lot_tracked and m.lot <> '')
         or (p.lot_tracked and m.kind = 'receipt' and m.expiry_date is null)`);
    expect(tracking.n).toBe(0);
  });

  it('has average costs that are the replay of the receipts, and every other movement at the average of its moment', async () => {
    const ms = await rows<{
      part_id: string;
      kind: string;
      quantity: number;
      unit_cost_fen: number;
      value_fen: number;
    }>(sql`select part_id, kind, quantity, unit_cost_fen, value_fen from stock_movements order by seq`);
    const state = new Map<string, { onHand: number; avg: number }>();
    let wrongCarried = 0;
    for (const m of ms) {
      expect(m.value_fen).toBe(m.quantity * m.unit_cost_fen);
      const s = state.get(m.part_id) ?? { onHand: 0, avg: 0 };
      if (m.kind === 'receipt') {
        s.avg = receiveAverage({ onHand: s.onHand, avgCostFen: s.avg, qty: m.quantity, unitCostFen: m.unit_cost_fen });
      } else if (m.unit_cost_fen !== s.avg) {
        wrongCarried++;
      }
      s.onHand += m.quantity;
      state.set(m.part_id, s);
    }
    expect(wrongCarried).toBe(0);
    const parts = await rows<{ id: string; avg_cost_fen: number }>(sql`select id, avg_cost_fen from parts`);
    const off = parts.filter((p) => p.avg_cost_fen !== (state.get(p.id)?.avg ?? 0));
    expect(off).toEqual([]);
    expect(parts.filter((p) => p.avg_cost_fen > 0).length).toBe(parts.length);
  });

  it('issues to existing, completed work orders with matching numbers, on their on-site time', async () => {
    expect(history.workOrderIssues).toBeGreaterThan(0);
    const bad = await rows<{ id: string }>(sql`
      select m.id from stock_movements m left join work_orders w on w.id = m.work_order_id
      where m.work_order_id is not null and (w.id is null or w.number <> m.work_order_number)`);
    expect(bad).toEqual([]);
    const numberWithoutOrder = await one<{ n: number }>(
      sql`select count(*)::int as n from stock_movements where work_order_id is null and work_order_number <> ''`,
    );
    expect(numberWithoutOrder.n).toBe(0);
    const timing = await one<{ issues: number; not_done: number; off_time: number }>(sql`
      select count(*)::int as issues,
        count(*) filter (where w.status not in ('completed', 'settled', 'closed'))::int as not_done,
        count(*) filter (where m.at < os.at or m.at > cp.at)::int as off_time
      from stock_movements m
      join work_orders w on w.id = m.work_order_id
      join lateral (select min(e.at) as at from work_order_events e
                    where e.work_order_id = w.id and e.to_status = 'on_site') os on true
      join lateral (select min(e.at) as at from work_order_events e
                    where e.work_order_id = w.id and e.to_status = 'completed') cp on true
      where m.kind = 'issue'`);
    expect(timing.issues).toBe(history.workOrderIssues);
    expect(timing).toMatchObject({ not_done: 0, off_time: 0 });
    const kinds = await rows<{ kind: string }>(
      sql`select distinct kind from stock_movements where work_order_id is not null`,
    );
    for (const k of kinds) expect(['issue', 'return_from_job']).toContain(k.kind);
  });

  it('dates every movement within the last six months and none in the future, in time order', async () => {
    const span = await one<{ first: Date; last: Date; unordered: number }>(sql`
      select min(at) as first, max(at) as last,
        (select count(*)::int from (select at < lag(at) over (order by seq) as back from stock_movements) x
         where back) as unordered
      from stock_movements`);
    expect(new Date(span.first).getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 183 * DAY);
    expect(new Date(span.last).getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(new Date(span.first).getTime()).toBeLessThan(NOW.getTime() - 170 * DAY);
    expect(span.unordered).toBe(0);
  });

  it('receives purchase orders exactly as their receipts say, at the contract prices', async () => {
    expect(history.orders).toBeGreaterThan(10);
    const lines = await rows<{ id: string; line_received: number; moved: number }>(sql`
      select l.id, l.received_quantity as line_received,
        coalesce((select sum(m.quantity)::int from stock_movements m
                  where m.kind = 'receipt' and m.purchase_order_id = l.order_id and m.part_id = l.part_id), 0) as moved
      from purchase_order_lines l`);
    expect(lines.filter((l) => l.line_received !== l.moved)).toEqual([]);
    const receipts = await rows<{ id: string; quantity: number; value_fen: number; moved: number; value: number }>(sql`
      select r.id, r.quantity, r.value_fen,
        coalesce(sum(m.quantity), 0)::int as moved, coalesce(sum(m.value_fen), 0)::bigint as value
      from purchase_receipts r
      left join stock_movements m on m.request_id = 'po-receipt:' || r.request_id
        and m.purchase_order_id = r.order_id and m.supplier_id = r.supplier_id
      group by r.id`);
    expect(receipts.length).toBeGreaterThan(10);
    expect(receipts.filter((r) => r.quantity !== r.moved || Number(r.value_fen) !== Number(r.value))).toEqual([]);
    const receiptRows = await one<{ unlinked: number; off_price: number; off_contract: number }>(sql`
      select
        count(*) filter (where m.purchase_order_id is not null and not exists (
          select 1 from purchase_receipts r where 'po-receipt:' || r.request_id = m.request_id))::int as unlinked,
        count(*) filter (where m.purchase_order_id is not null and m.unit_cost_fen <> l.unit_price_fen)::int as off_price,
        count(*) filter (where m.purchase_order_id is not null and l.unit_price_fen <> cp.unit_price_fen)::int
          as off_contract
      from stock_movements m
      left join purchase_orders o on o.id = m.purchase_order_id
      left join purchase_order_lines l on l.order_id = o.id and l.part_id = m.part_id
      left join supplier_contract_prices cp on cp.contract_id = o.contract_id and cp.part_id = m.part_id
      where m.kind = 'receipt'`);
    expect(receiptRows).toEqual({ unlinked: 0, off_price: 0, off_contract: 0 });
    const statuses = await rows<{ id: string; status: string; ordered: number; received: number }>(sql`
      select o.id, o.status, sum(l.quantity)::int as ordered, sum(l.received_quantity)::int as received
      from purchase_orders o join purchase_order_lines l on l.order_id = o.id group by o.id, o.status`);
    for (const o of statuses) {
      if (o.status === 'received') expect(o.received).toBe(o.ordered);
      if (o.status === 'open' || o.status === 'cancelled') expect(o.received).toBe(0);
      if (o.status === 'partially_received' || o.status === 'closed') {
        expect(o.received).toBeGreaterThan(0);
        expect(o.received).toBeLessThan(o.ordered);
      }
    }
    const on = await one<{ on_time: number; late: number; mismatch: number }>(sql`
      select count(*) filter (where r.on_time)::int as on_time, count(*) filter (where not r.on_time)::int as late,
        count(*) filter (where r.on_time <> ((r.received_at at time zone 'Asia/Shanghai')::date <= o.expected_on))::int
          as mismatch
      from purchase_receipts r join purchase_orders o on o.id = r.order_id`);
    expect(on.mismatch).toBe(0);
    expect(on.on_time).toBeGreaterThan(on.late);
    expect(on.late).toBeGreaterThan(0);
  });

  it('tells a believable story: defects back to suppliers, scraps, returns, expiring lots, slow movers, reorders', async () => {
    const k = await one<Record<string, number>>(sql`
      select
        count(*) filter (where kind = 'return_to_supplier')::int as to_supplier,
        count(*) filter (where kind = 'return_to_supplier' and (supplier_id is null or reason = ''))::int
          as to_supplier_unnamed,
        count(*) filter (where kind = 'scrap')::int as scraps,
        count(*) filter (where kind = 'return_from_job')::int as from_job,
        count(*) filter (where kind = 'transfer_out')::int as transfers_out,
        count(*) filter (where kind = 'transfer_in')::int as transfers_in
      from stock_movements`);
    expect(k.to_supplier).toBeGreaterThan(0);
    expect(k.to_supplier_unnamed).toBe(0);
    expect(k.scraps).toBeGreaterThanOrEqual(1);
    expect(k.from_job).toBeGreaterThan(0);
    expect(k.transfers_out).toBe(k.transfers_in);
    // Monthly supplier evaluations of the complete months (May–September for a history from 24 April to 20 October).
    expect(history.evaluations).toBeGreaterThan(0);
    const ev = await one<{ periods: number; defects: number; deliveries: number }>(sql`
      select count(distinct period_start)::int as periods, sum(defect_quantity)::int as defects,
        sum(deliveries)::int as deliveries from supplier_evaluations`);
    expect(ev.periods).toBe(5);
    expect(ev.defects).toBeGreaterThan(0);
    expect(ev.deliveries).toBeGreaterThan(0);
    const today = '2026-10-20';
    const lots = await one<{ expired: number; soon: number }>(sql`
      select count(*) filter (where expiry_date < ${today}::date)::int as expired,
        count(*) filter (where expiry_date >= ${today}::date and expiry_date <= ${today}::date + 30)::int as soon
      from stock_balances where quantity > 0 and lot <> ''`);
    expect(lots.expired).toBeGreaterThan(0);
    expect(lots.soon).toBeGreaterThan(0);
    const slow = await one<{ n: number }>(sql`
      select count(*)::int as n from parts p
      where exists (select 1 from stock_balances b where b.part_id = p.id and b.quantity > 0)
        and not exists (select 1 from stock_movements m where m.part_id = p.id and m.kind = 'issue')`);
    expect(slow.n).toBeGreaterThan(0);
    const summer = await one<{ summer: number; spring: number }>(sql`
      select
        coalesce(-sum(m.quantity) filter (where (m.at at time zone 'Asia/Shanghai')::date between '2026-07-01' and '2026-08-31'), 0)::int as summer,
        coalesce(-sum(m.quantity) filter (where (m.at at time zone 'Asia/Shanghai')::date between '2026-04-25' and '2026-06-24'), 0)::int as spring
      from stock_movements m join parts p on p.id = m.part_id
      where m.kind = 'issue' and p.category in ('capacitor', 'refrigerant_r32', 'refrigerant_r410a', 'refrigerant_r22')`);
    expect(summer.summer).toBeGreaterThan(summer.spring);
    const below = await one<{ n: number; levels: number }>(sql`
      select count(*) filter (where coalesce(b.q, 0) <= l.reorder_point and l.reorder_point > 0)::int as n,
        count(*)::int as levels
      from part_stock_levels l
      left join (select part_id, location_id, sum(quantity) as q from stock_balances group by part_id, location_id) b
        on b.part_id = l.part_id and b.location_id = l.location_id`);
    expect(below.levels).toBeGreaterThan(150);
    expect(below.n).toBeGreaterThan(0);
    expect(below.n).toBeLessThan(below.levels / 4);
  });

  it('reads through the API like stock posted one movement at a time', async () => {
    const cookie = await t.login('warehouse1');
    const serial = await t.request({ method: 'GET', url: '/api/stock-serials/GMCC2406A001', cookie });
    expect(serial.statusCode, serial.body).toBe(200);
    expect(serial.json().items[0]).toMatchObject({ partCode: 'CMP-ROT-15P' });
    const alerts = await t.request({ method: 'GET', url: '/api/stock-reorder-alerts?pageSize=100', cookie });
    expect(alerts.statusCode, alerts.body).toBe(200);
    expect(alerts.json().total).toBeGreaterThan(0);
    const value = await t.request({ method: 'GET', url: '/api/stock-value', cookie });
    expect(value.statusCode, value.body).toBe(200);
    const booked = await one<{ v: number }>(sql`
      select coalesce(sum(b.quantity::bigint * p.avg_cost_fen), 0)::bigint as v
      from stock_balances b join parts p on p.id = b.part_id join stock_locations l on l.id = b.location_id
      where l.branch_id is null or l.branch_id = ${t.branches.th}`);
    // (the warehouse keeper of Tianhe sees the central warehouse and the Tianhe locations)
    expect(value.json().totalValueFen).toBe(Number(booked.v));
    const orderId = (
      await one<{ id: string }>(sql`select m.work_order_id as id from stock_movements m
        join stock_locations l on l.id = m.location_id
        where m.kind = 'issue' and m.work_order_id is not null and l.branch_id = ${t.branches.th}
        order by m.seq limit 1`)
    ).id;
    const ledger = await t.request({
      method: 'GET',
      url: `/api/stock-movements?workOrderId=${orderId}&pageSize=50`,
      cookie,
    });
    expect(ledger.statusCode, ledger.body).toBe(200);
    expect(ledger.json().items.length).toBeGreaterThan(0);
  });

  it('runs once: a second run on a ledger with movements adds nothing', async () => {
    const before = await one<{ n: number }>(sql`select count(*)::int as n from stock_movements`);
    const again = await seedPartsHistory(ctxAt(NOW), t.branches);
    expect(again).toMatchObject({ skipped: true, suppliers: 0, contracts: 0, movements: 0 });
    expect((await one<{ n: number }>(sql`select count(*)::int as n from stock_movements`)).n).toBe(before.n);
  });
});
