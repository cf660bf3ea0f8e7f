// The stock ledger under random concurrent load (issue 5, "Tests"): random programs of receipts, issues, transfers,
// returns, scrap, adjustments, reversals and retries across a plain, a lot-tracked and a serial-tracked part and four
// locations, sent in concurrent batches through the HTTP API. A simple in-test model keeps what the requests that
// succeeded must have done; after every batch the balances must equal it, and after every run SQL straight on the
// database finds: every balance = the sum of its movements, nothing negative, no balance without movements, each
// request id posted once, a serial in one place at most, and each part's average cost = a replay of its ledger
// with domain/average-cost.ts, the stock value explained movement by movement.
// Also: one issue sent ten times at once (same requestId, with and without one Idempotency-Key) posts once, and a
// requestId reused with other lines is refused without changing anything. Last, two defects the property found,
// each pinned by a small test that fails until the server is fixed.

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiveAverage, removeReceipt } from '../../src/server/modules/parts/domain/average-cost';
import { buildTestApp, type TestApp } from '../build-test-app';
import { balance, move, newPart, type PartsStaff, partsStaff } from './parts-support';
import { expectError } from './support';

let t: TestApp;
let s: PartsStaff;
/** The locations every program moves stock between: central, the TH store and two TH vans. */
let locs: string[];
const WO = '6a0e4c1d-2b3f-4a5e-8c7d-9e0f1a2b3c4d';
const LOTS = ['L1', 'L2'] as const;
const EXPIRY: Record<string, string> = { L1: '2028-01-31', L2: '2028-06-30' };
const SERIALS_PER_PART = 5;

beforeAll(async () => {
  t = await buildTestApp();
  s = await partsStaff(t);
  locs = [s.loc.central, s.loc.th, s.loc.vanTech, s.loc.vanTech2];
});
afterAll(async () => {
  await t?.close();
});

type Res = Awaited<ReturnType<TestApp['request']>>;

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
}

// ---------- the random programs ----------

type PartKind = 'plain' | 'lot' | 'serial';
const PART_KINDS: PartKind[] = ['plain', 'lot', 'serial'];
type OutKind = 'issue' | 'return_to_supplier' | 'scrap';

/** Abstract operations; serials, lots and the movement to reverse are picked when the batch is sent. */
type Op =
  | {
      op: 'receipt';
      part: PartKind;
      loc: number;
      qty: number;
      price: number;
      lot: number;
      pick: number[];
      key: boolean;
    }
  | { op: 'return_from_job'; part: PartKind; loc: number; qty: number; lot: number; pick: number[]; key: boolean }
  | {
      op: OutKind;
      part: PartKind;
      loc: number;
      qty: number;
      lot: number;
      pick: number[];
      raw: boolean;
      key: boolean;
    }
  | {
      op: 'transfer';
      part: PartKind;
      loc: number;
      to: number;
      qty: number;
      lot: number;
      pick: number[];
      raw: boolean;
      key: boolean;
    }
  | {
      op: 'adjustment';
      part: PartKind;
      loc: number;
      up: boolean;
      qty: number;
      lot: number;
      pick: number[];
      key: boolean;
    }
  | { op: 'reverse'; pick: number; key: boolean }
  | { op: 'retry'; pick: number };

const partArb = fc.constantFrom<PartKind>(...PART_KINDS);
const locArb = fc.integer({ min: 0, max: 3 });
const qtyArb = fc.integer({ min: 1, max: 6 });
const lotArb = fc.integer({ min: 0, max: LOTS.length - 1 });
/** Indexes into the candidate serials (1–3 units). */
const pickArb = fc.array(fc.nat({ max: 50 }), { minLength: 1, maxLength: 3 });
const common = { part: partArb, loc: locArb, qty: qtyArb, lot: lotArb, pick: pickArb, key: fc.boolean() };
/** Now and then an outgoing request ignores what is on hand (any quantity, any serial): mostly refused. */
const rawArb = fc.integer({ min: 0, max: 4 }).map((n) => n === 0);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({ ...common, price: fc.integer({ min: 0, max: 60_000 }) })
      .map((r): Op => ({ op: 'receipt', ...r })),
  },
  {
    weight: 3,
    arbitrary: fc.record({ ...common, raw: rawArb }).map((r): Op => ({ op: 'issue', ...r })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({ ...common, to: fc.integer({ min: 1, max: 3 }), raw: rawArb })
      .map((r): Op => ({ op: 'transfer', ...r, to: (r.loc + r.to) % 4 })),
  },
  { weight: 1, arbitrary: fc.record(common).map((r): Op => ({ op: 'return_from_job', ...r })) },
  {
    weight: 1,
    arbitrary: fc.record({ ...common, raw: rawArb }).map((r): Op => ({ op: 'return_to_supplier', ...r })),
  },
  { weight: 1, arbitrary: fc.record({ ...common, raw: rawArb }).map((r): Op => ({ op: 'scrap', ...r })) },
  {
    weight: 2,
    arbitrary: fc.record({ ...common, up: fc.boolean() }).map((r): Op => ({ op: 'adjustment', ...r })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ pick: fc.nat({ max: 1000 }), key: fc.boolean() }).map((r): Op => ({ op: 'reverse', ...r })),
  },
  { weight: 2, arbitrary: fc.nat({ max: 1000 }).map((pick): Op => ({ op: 'retry', pick })) },
);

/** A program: two to five batches, each sent all at once. */
const programArb = fc.array(fc.array(opArb, { minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: 5 });

// ---------- the model ----------

interface Line {
  kind: string;
  partId: string;
  locationId: string;
  lot: string;
  serial: string;
  quantity: number;
}
interface Posted extends Line {
  id: string;
  seq: number;
  line: number;
  requestId: string;
}
/** One request as sent (a retry sends it again, byte for byte). */
interface Sent {
  label: string;
  requestId: string;
  url: string;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  /** The ledger lines it must post if it succeeds. */
  lines: Line[];
  /** Reversals: the movements it reverses. */
  reverses: string[];
  /** Known before sending: the only answer it may get (deterministic cases). */
  must?: { status: number; code: string; reason?: string };
}

const keyOf = (l: { partId: string; locationId: string; lot: string; serial: string }) =>
  `${l.partId}|${l.locationId}|${l.lot}|${l.serial}`;

class Model {
  /** Quantity per (part, location, lot, serial). */
  readonly qty = new Map<string, number>();
  /** Request id → the movements its first success posted. */
  readonly posted = new Map<string, Posted[]>();
  readonly movements: Posted[] = [];
  readonly reversed = new Set<string>();

  at(partId: string, locationId: string, lot = '', serial = ''): number {
    return this.qty.get(keyOf({ partId, locationId, lot, serial })) ?? 0;
  }
  /** Serials of a part in stock: serial → location. */
  serialsInStock(partId: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const [k, q] of this.qty) {
      const [p, l, , serial] = k.split('|') as [string, string, string, string];
      if (p === partId && serial && q > 0) out.set(serial, l);
    }
    return out;
  }
  apply(sent: Sent, movements: Posted[]): void {
    this.posted.set(sent.requestId, movements);
    for (const m of movements) {
      const k = keyOf(m);
      this.qty.set(k, (this.qty.get(k) ?? 0) + m.quantity);
      this.movements.push(m);
    }
    for (const id of sent.reverses) this.reversed.add(id);
  }
}

interface RunParts {
  plain: { id: string; avg0: number };
  lot: { id: string; avg0: number };
  serial: { id: string; avg0: number; pool: string[] };
}

const outcomes = new Map<string, number>();
const tally = (k: string) => outcomes.set(k, (outcomes.get(k) ?? 0) + 1);

/**
 * What a refusal may be, given what the request does. Anything else (400, 500, request_id_reused, a receipt refused
 * for "insufficient stock" …) fails the run.
 */
function allowedRefusal(x: Sent, res: Res): boolean {
  const body = res.json();
  const reason = body.details?.reason as string | undefined;
  const takes = x.lines.some((l) => l.quantity < 0);
  const bringsSerial = x.lines.some((l) => l.quantity > 0 && l.serial !== '');
  const reversal = x.reverses.length > 0;
  if (res.statusCode === 422 && body.code === 'BUSINESS_RULE') {
    return (reason === 'insufficient_stock' && takes) || (reason === 'reversal_not_reversible' && reversal);
  }
  if (res.statusCode === 409 && body.code === 'CONFLICT') {
    if (reason === 'serial_in_stock') return bringsSerial;
    // No reason: a deadlock (40P01) between postings that take from one row and put into another (transfers and
    // their reversals), or two reversals of one movement at once (the unique reversal_of).
    return reason === undefined && (reversal || (takes && x.lines.some((l) => l.quantity > 0)));
  }
  if (res.statusCode === 409 && body.code === 'ILLEGAL_TRANSITION') return reason === 'already_reversed' && reversal;
  return false;
}

/** Turns an abstract op into a concrete request, picking serials / quantities from the model's state. */
function resolve(op: Op, parts: RunParts, model: Model, sent: Sent[]): Sent | null {
  const requestId = `prop-${randomUUID()}`;
  const headers = (key: boolean): Record<string, string> => (key ? { 'idempotency-key': `key-${requestId}` } : {});
  if (op.op === 'retry') {
    if (!sent.length) return null;
    const original = sent[op.pick % sent.length] as Sent;
    const done = model.posted.get(original.requestId);
    return {
      ...original,
      label: `retry:${original.label}`,
      // A retry of a request that already succeeded must replay it.
      must: done ? { status: 201, code: 'OK' } : original.must,
    };
  }
  if (op.op === 'reverse') {
    if (!model.movements.length) return null;
    const target = model.movements[op.pick % model.movements.length] as Posted;
    const siblings = model.posted.get(target.requestId) ?? [];
    let pair = [target];
    if (target.kind === 'transfer_out') pair = [target, siblings.find((x) => x.line === target.line + 1) as Posted];
    if (target.kind === 'transfer_in') pair = [siblings.find((x) => x.line === target.line - 1) as Posted, target];
    let must: Sent['must'];
    if (target.kind === 'reversal') must = { status: 422, code: 'BUSINESS_RULE', reason: 'reversal_not_reversible' };
    else if (pair.some((x) => model.reversed.has(x.id))) {
      must = { status: 409, code: 'ILLEGAL_TRANSITION', reason: 'already_reversed' };
    }
    return {
      label: `reverse:${target.kind}`,
      requestId,
      url: `/api/stock-movements/${target.id}/reverse`,
      body: { requestId, reason: '录入错误，冲销' },
      headers: headers(op.key),
      lines: pair.map((x) => ({ ...x, kind: 'reversal', quantity: -x.quantity })),
      reverses: pair.map((x) => x.id),
      ...(must ? { must } : {}),
    };
  }

  const part = parts[op.part];
  const loc = locs[op.loc] as string;
  let lot: string = op.part === 'lot' ? (LOTS[op.lot] as string) : '';
  const outgoing = op.op === 'issue' || op.op === 'return_to_supplier' || op.op === 'scrap' || op.op === 'transfer';
  const raw = 'raw' in op && op.raw;
  const base: Record<string, unknown> = { requestId, partId: part.id };
  let units: { quantity: number; serial: string }[];
  if (op.part === 'serial') {
    const pool = parts.serial.pool;
    const inStock = model.serialsInStock(part.id);
    const taking = outgoing || (op.op === 'adjustment' && !op.up);
    // Mostly serials that can move (at the location / not in stock); sometimes any serial of the pool.
    const candidates = raw
      ? pool
      : taking
        ? pool.filter((x) => inStock.get(x) === loc)
        : pool.filter((x) => !inStock.has(x));
    const from = candidates.length ? candidates : pool;
    const serials = [...new Set(op.pick.map((i) => from[i % from.length] as string))];
    units = (op.op === 'adjustment' ? serials.slice(0, 1) : serials).map((serial) => ({ quantity: 1, serial }));
    if (op.op === 'adjustment') base.serial = units[0]?.serial;
    else base.serials = units.map((u) => u.serial);
  } else {
    let q = op.qty;
    let have = model.at(part.id, loc, lot);
    const taking = outgoing || (op.op === 'adjustment' && !op.up);
    // A lot-tracked part: take from the other lot when the chosen one has nothing here.
    if (taking && !raw && lot && have === 0) {
      const other = LOTS.find((l) => l !== lot && model.at(part.id, loc, l) > 0);
      if (other) {
        lot = other;
        have = model.at(part.id, loc, lot);
      }
    }
    // Outgoing: mostly no more than there is (other requests of the batch may still take it first).
    if (taking && !raw && have > 0) q = 1 + ((q - 1) % have);
    units = [{ quantity: q, serial: '' }];
    if (op.op !== 'adjustment') base.quantity = q;
    if (lot) base.lot = lot;
  }
  const total = units.reduce((n, u) => n + u.quantity, 0);
  const line = (kind: string, locationId: string, quantity: number, serial: string): Line => ({
    kind,
    partId: part.id,
    locationId,
    lot,
    serial,
    quantity,
  });
  let body: Record<string, unknown>;
  let lines: Line[];
  switch (op.op) {
    case 'receipt':
      body = {
        ...base,
        kind: 'receipt',
        locationId: loc,
        unitCostFen: op.price,
        supplier: '格力配件',
        ...(lot ? { expiryDate: EXPIRY[lot] } : {}),
      };
      lines = units.map((u) => line('receipt', loc, u.quantity, u.serial));
      break;
    case 'return_from_job':
      body = { ...base, kind: 'return_from_job', locationId: loc, workOrderId: WO };
      lines = units.map((u) => line('return_from_job', loc, u.quantity, u.serial));
      break;
    case 'issue':
      body = { ...base, kind: 'issue', locationId: loc, workOrderId: WO, workOrderNumber: 'WO-20260601-0001' };
      lines = units.map((u) => line('issue', loc, -u.quantity, u.serial));
      break;
    case 'return_to_supplier':
      body = { ...base, kind: 'return_to_supplier', locationId: loc, reason: '质量问题退回供应商' };
      lines = units.map((u) => line('return_to_supplier', loc, -u.quantity, u.serial));
      break;
    case 'scrap':
      body = { ...base, kind: 'scrap', locationId: loc, reason: '损坏报废' };
      lines = units.map((u) => line('scrap', loc, -u.quantity, u.serial));
      break;
    case 'transfer': {
      const to = locs[op.to] as string;
      body = { ...base, kind: 'transfer', fromLocationId: loc, toLocationId: to };
      lines = units.flatMap((u) => [
        line('transfer_out', loc, -u.quantity, u.serial),
        line('transfer_in', to, u.quantity, u.serial),
      ]);
      break;
    }
    case 'adjustment': {
      const delta = op.up ? total : -total;
      body = { ...base, kind: 'adjustment', locationId: loc, delta, reason: '盘点差异' };
      lines = [line('adjustment', loc, delta, units[0]?.serial ?? '')];
      break;
    }
  }
  return {
    label: `${op.op}:${op.part}`,
    requestId,
    url: '/api/stock-movements',
    body,
    headers: headers(op.key),
    lines,
    reverses: [],
  };
}

function send(x: Sent): Promise<Res> {
  return t.request({ method: 'POST', url: x.url, cookie: s.cookies.wh, body: x.body, headers: x.headers });
}

const same = (a: Line, b: Line) =>
  a.kind === b.kind &&
  a.partId === b.partId &&
  a.locationId === b.locationId &&
  a.lot === b.lot &&
  a.serial === b.serial &&
  a.quantity === b.quantity;

/** One batch, all at once; then every answer is checked and the successes go into the model. */
async function runBatch(batch: Sent[], model: Model, context: string): Promise<void> {
  const results = await Promise.all(batch.map(send));
  const firstIds = new Map<string, string[]>();
  const fresh: { sent: Sent; movements: Posted[] }[] = [];
  batch.forEach((x, i) => {
    const res = results[i] as Res;
    const where = `${context} ${x.label} ${x.requestId}: ${res.statusCode} ${res.body}`;
    if (x.must) {
      expect(res.statusCode, where).toBe(x.must.status);
      if (x.must.status !== 201) {
        expect(res.json().code, where).toBe(x.must.code);
        expect(res.json().details?.reason, where).toBe(x.must.reason);
      }
    }
    if (res.statusCode !== 201) {
      expect(allowedRefusal(x, res), where).toBe(true);
      tally(`${x.label}:${res.statusCode}:${res.json().details?.reason ?? res.json().code}`);
      return;
    }
    tally(`${x.label}:201`);
    const body = res.json() as { requestId: string; movements: (Posted & { reversalOf: string | null })[] };
    expect(body.requestId, where).toBe(x.requestId);
    const ids = body.movements.map((m) => m.id);
    // Every success of one request id (replays, concurrent duplicates, the Idempotency-Key's stored answer) is the
    // same posting.
    const earlier = model.posted.get(x.requestId)?.map((m) => m.id) ?? firstIds.get(x.requestId);
    if (earlier) {
      expect(ids, `${where}: a retry posted again`).toEqual(earlier);
      return;
    }
    firstIds.set(x.requestId, ids);
    expect(body.movements.length, where).toBe(x.lines.length);
    body.movements.forEach((m, j) => {
      expect(same(m, x.lines[j] as Line), `${where}: line ${j + 1}`).toBe(true);
      if (x.reverses.length) expect(m.reversalOf, where).toBe(x.reverses[j]);
    });
    fresh.push({
      sent: x,
      movements: body.movements.map((m, j) => ({
        id: m.id,
        seq: m.seq,
        line: j + 1,
        requestId: x.requestId,
        kind: m.kind,
        partId: m.partId,
        locationId: m.locationId,
        lot: m.lot,
        serial: m.serial,
        quantity: m.quantity,
      })),
    });
  });
  for (const f of fresh) model.apply(f.sent, f.movements);
}

/** The balances of the run's parts equal the model: refusals changed nothing, successes acted once. */
async function assertModel(model: Model, partIds: string[], context: string): Promise<void> {
  const actual = await rows<{ part_id: string; location_id: string; lot: string; serial: string; quantity: number }>(
    sql`select part_id, location_id, lot, serial, quantity from stock_balances
        where part_id in (${sql.join(
          partIds.map((p) => sql`${p}`),
          sql`, `,
        )}) and quantity <> 0`,
  );
  const got = Object.fromEntries(
    actual.map((r) => [
      keyOf({ partId: r.part_id, locationId: r.location_id, lot: r.lot, serial: r.serial }),
      Number(r.quantity),
    ]),
  );
  const want = Object.fromEntries([...model.qty].filter(([, q]) => q !== 0));
  expect(got, `${context}: balances ≠ the model of the successful requests`).toEqual(want);
}

// ---------- what SQL must find after any run ----------

async function assertLedgerInvariants(context: string): Promise<void> {
  const mismatched = await rows(sql`
    with m as (
      select part_id, location_id, lot, serial, sum(quantity)::int as moved
      from stock_movements group by part_id, location_id, lot, serial)
    select part_id, location_id, lot, serial, b.quantity as balance, m.moved
    from stock_balances b full outer join m using (part_id, location_id, lot, serial)
    where b.quantity is null or m.moved is null or b.quantity <> m.moved`);
  expect(mismatched, `${context}: balance ≠ sum of movements, or a balance without movements`).toEqual([]);

  expect(await rows(sql`select * from stock_balances where quantity < 0`), `${context}: negative`).toEqual([]);

  const badLines = await rows(sql`
    select request_id, count(*)::int as n, min(line) as lo, max(line) as hi from stock_movements
    group by request_id having min(line) <> 1 or max(line) <> count(*) or count(distinct line) <> count(*)`);
  expect(badLines, `${context}: a request id's lines are not 1…n once each`).toEqual([]);

  const serialTwice = await rows(sql`
    select part_id, serial, count(*)::int as places from stock_balances
    where serial <> '' and quantity > 0 group by part_id, serial having count(*) > 1`);
  expect(serialTwice, `${context}: a serial in two places`).toEqual([]);
  const serialSums = await rows(sql`
    select part_id, serial, sum(quantity)::int as n from stock_movements where serial <> ''
    group by part_id, serial having sum(quantity) not in (0, 1)`);
  expect(serialSums, `${context}: a serial's movements do not sum to 0 or 1`).toEqual([]);

  const badValue = await rows(sql`
    select id, quantity, unit_cost_fen, value_fen from stock_movements
    where value_fen <> quantity::bigint * unit_cost_fen`);
  expect(badValue, `${context}: value ≠ quantity × unit cost`).toEqual([]);

  const badReversal = await rows(sql`
    select r.id from stock_movements r left join stock_movements o on o.id = r.reversal_of
    where (r.kind = 'reversal') <> (r.reversal_of is not null)
       or (r.reversal_of is not null and (o.id is null or o.kind = 'reversal' or r.quantity <> -o.quantity
           or r.unit_cost_fen <> o.unit_cost_fen or r.part_id <> o.part_id or r.location_id <> o.location_id
           or r.lot <> o.lot or r.serial <> o.serial))`);
  expect(badReversal, `${context}: a reversal that does not mirror its movement`).toEqual([]);
}

/**
 * Replays one part's ledger in `seq` order with domain/average-cost.ts: receipts and receipt reversals move the
 * average, every other movement (but a reversal, which carries its original's cost) must carry the average of its
 * moment. The value on hand (quantity × average) is then explained as the sum of the movements' values plus the
 * rounding of each new average (at most half a fen per unit on hand) plus the revaluations the rules name.
 */
async function assertCostReplay(partId: string, avg0: number, context: string): Promise<void> {
  const ledger = await rows<{
    seq: number;
    request_id: string;
    line: number;
    kind: string;
    quantity: number;
    unit_cost_fen: number;
    value_fen: number;
    original_kind: string | null;
  }>(sql`
    select m.seq, m.request_id, m.line, m.kind, m.quantity, m.unit_cost_fen, m.value_fen, o.kind as original_kind
    from stock_movements m left join stock_movements o on o.id = m.reversal_of
    where m.part_id = ${partId} order by m.seq`);
  const problems: string[] = [];
  let onHand = 0;
  let avg = avg0;
  let values = 0;
  let rounding = 0;
  let revaluation = 0;
  for (const raw of ledger) {
    const m = { ...raw, quantity: Number(raw.quantity), cost: Number(raw.unit_cost_fen) };
    const at = `seq ${m.seq} ${m.kind} ${m.quantity}@${m.cost} (${m.request_id} line ${m.line})`;
    values += Number(m.value_fen);
    if (m.kind === 'receipt') {
      const next = receiveAverage({ onHand, avgCostFen: avg, qty: m.quantity, unitCostFen: m.cost });
      const r = (onHand + m.quantity) * next - (onHand * avg + m.quantity * m.cost);
      if (Math.abs(r) * 2 > onHand + m.quantity) problems.push(`${at}: rounding ${r} fen is more than half a fen/unit`);
      rounding += r;
      avg = next;
    } else if (m.kind === 'reversal' && m.original_kind === 'receipt') {
      const next = removeReceipt({ onHand, avgCostFen: avg, qty: -m.quantity, unitCostFen: m.cost });
      revaluation += (onHand + m.quantity) * next - (onHand * avg + m.quantity * m.cost);
      avg = next;
    } else if (m.kind === 'reversal') {
      // Back at the original's cost while the stock is valued at the average.
      revaluation += m.quantity * (avg - m.cost);
    } else if (m.cost !== avg) {
      problems.push(`${at}: carries ${m.cost} but the replayed average is ${avg}`);
    }
    onHand += m.quantity;
  }
  const part = (await t.request({ method: 'GET', url: `/api/parts/${partId}`, cookie: s.cookies.wh })).json();
  if (part.avgCostFen !== avg) problems.push(`average cost ${part.avgCostFen} ≠ replay ${avg}`);
  const totals = (
    await t.request({ method: 'GET', url: `/api/stock-balances?partId=${partId}&pageSize=200`, cookie: s.cookies.wh })
  ).json();
  if (totals.totalQuantity !== onHand) problems.push(`on hand ${totals.totalQuantity} ≠ ledger ${onHand}`);
  if (totals.totalValueFen !== totals.totalQuantity * part.avgCostFen) {
    problems.push(`value ${totals.totalValueFen} ≠ ${totals.totalQuantity} × ${part.avgCostFen}`);
  }
  if (onHand * avg !== values + rounding + revaluation) {
    problems.push(
      `value on hand ${onHand * avg} ≠ movements ${values} + rounding ${rounding} + revaluation ${revaluation}`,
    );
  }
  const listing = ledger.map((m) => `${m.seq}:${m.kind}#${m.line} ${m.quantity}@${m.unit_cost_fen}`).join(', ');
  expect(problems, `${context}: cost of part ${partId}; its ledger: ${listing}`).toEqual([]);
}

describe('the ledger under random concurrent programs', () => {
  it('receipts, issues, transfers, returns, scrap, adjustments, reversals and retries keep the books exact', async () => {
    let run = 0;
    const seed = Number(process.env.LEDGER_PROPERTY_SEED ?? 20260601);
    await fc.assert(
      fc.asyncProperty(programArb, async (program) => {
        run++;
        const plain = await newPart(t, s.cookies.wh, { name: '启动电容' });
        const lot = await newPart(t, s.cookies.wh, {
          name: 'R32 冷媒',
          unit: '瓶',
          category: 'refrigerant_r32',
          lotTracked: true,
        });
        const serial = await newPart(t, s.cookies.wh, {
          name: '变频压缩机',
          category: 'compressor',
          serialTracked: true,
          standardCostFen: 98_000,
        });
        const parts: RunParts = {
          plain: { id: plain.id, avg0: plain.avgCostFen },
          lot: { id: lot.id, avg0: lot.avgCostFen },
          serial: {
            id: serial.id,
            avg0: serial.avgCostFen,
            pool: Array.from({ length: SERIALS_PER_PART }, (_, i) => `${serial.code}-SN${i + 1}`),
          },
        };
        const partIds = [plain.id, lot.id, serial.id];
        const model = new Model();
        const sent: Sent[] = [];
        // Opening stock, so that the first batch has something to move (two serials stay out for receipts).
        const opening: Op[] = [
          { op: 'receipt', part: 'plain', loc: 0, qty: 6, price: 1000, lot: 0, pick: [], key: false },
          { op: 'receipt', part: 'plain', loc: 1, qty: 4, price: 1300, lot: 0, pick: [], key: false },
          { op: 'receipt', part: 'lot', loc: 0, qty: 5, price: 15_000, lot: 0, pick: [], key: false },
          { op: 'receipt', part: 'lot', loc: 1, qty: 5, price: 15_500, lot: 1, pick: [], key: false },
          { op: 'receipt', part: 'serial', loc: 0, qty: 1, price: 95_000, lot: 0, pick: [0, 1], key: false },
          { op: 'receipt', part: 'serial', loc: 2, qty: 1, price: 96_000, lot: 0, pick: [0], key: false },
        ];
        for (const op of opening) {
          const x = resolve(op, parts, model, sent) as Sent;
          await runBatch([x], model, `run ${run} opening`);
        }
        expect(model.serialsInStock(serial.id).size).toBe(3);
        for (const [b, ops] of program.entries()) {
          const batch: Sent[] = [];
          for (const op of ops) {
            // A retry may pick a request of an earlier batch or one sent alongside it in this batch.
            const x = resolve(op, parts, model, [...sent, ...batch]);
            if (x) batch.push(x);
          }
          const context = `run ${run} (seed ${seed}) batch ${b + 1}`;
          await runBatch(batch, model, context);
          sent.push(...batch);
          await assertModel(model, partIds, context);
        }
        // Each request id posted once, exactly the lines it asked for, in order; refused ones posted nothing.
        const ledger = await rows<{ id: string; request_id: string; line: number }>(sql`
          select id, request_id, line from stock_movements
          where part_id in (${sql.join(
            partIds.map((p) => sql`${p}`),
            sql`, `,
          )}) order by request_id, line`);
        const got = ledger.map((m) => `${m.request_id}#${m.line}:${m.id}`).sort();
        const want = model.movements.map((m) => `${m.requestId}#${m.line}:${m.id}`).sort();
        expect(got, `run ${run}: the ledger rows ≠ the successful requests' lines`).toEqual(want);
        await assertLedgerInvariants(`run ${run}`);
        for (const k of PART_KINDS) await assertCostReplay(parts[k].id, parts[k].avg0, `run ${run} ${k}`);
      }),
      { numRuns: 15, seed, endOnFailure: true },
    );
    const count = (re: RegExp) => [...outcomes].filter(([k]) => re.test(k)).reduce((n, [, v]) => n + v, 0);
    const summary = JSON.stringify(Object.fromEntries([...outcomes].sort()));
    // The programs did exercise the rules: each kind of posting succeeded, and some were refused.
    for (const re of [
      /^receipt:.*:201$/,
      /^issue:.*:201$/,
      /^transfer:.*:201$/,
      /^reverse:.*:201$/,
      /^retry:.*:201$/,
    ]) {
      expect(count(re), `${re} in ${summary}`).toBeGreaterThan(0);
    }
    expect(count(/insufficient_stock/), summary).toBeGreaterThan(0);
    console.info('ledger property outcomes', summary);
  });
});

describe('one issue retried at once', () => {
  async function movementsOf(requestId: string): Promise<number> {
    const [r] = await rows<{ n: number }>(
      sql`select count(*)::int as n from stock_movements where request_id = ${requestId}`,
    );
    return Number(r?.n);
  }
  /** Everything a refused retry could have touched: the part's balances, its average and the ledger's size. */
  async function snapshot(partId: string) {
    const b = await rows(
      sql`select location_id, lot, serial, quantity from stock_balances where part_id = ${partId}
          order by location_id, lot, serial`,
    );
    const [p] = await rows(sql`select avg_cost_fen, version from parts where id = ${partId}`);
    const [n] = await rows(sql`select count(*)::int as n from stock_movements`);
    return { b, p, n };
  }

  it('ten identical issues at once with one requestId post once and all get the same posting', async () => {
    const p = await newPart(t, s.cookies.wh);
    await move(t, s.cookies.wh, { kind: 'receipt', partId: p.id, locationId: s.loc.th, quantity: 8, unitCostFen: 900 });
    const body = {
      requestId: `issue-${randomUUID()}`,
      kind: 'issue',
      partId: p.id,
      locationId: s.loc.th,
      quantity: 3,
      workOrderId: WO,
    };
    const all = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.request({ method: 'POST', url: '/api/stock-movements', cookie: s.cookies.wh, body }),
      ),
    );
    expect(all.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    const ids = all.map((r) =>
      r
        .json()
        .movements.map((m: { id: string }) => m.id)
        .join(),
    );
    expect(new Set(ids).size).toBe(1);
    expect(await movementsOf(body.requestId)).toBe(1);
    expect(await balance(t, s.cookies.wh, p.id, s.loc.th)).toBe(5);
  });

  it('ten at once with one requestId and one Idempotency-Key: one posting, nine stored replays', async () => {
    const p = await newPart(t, s.cookies.wh);
    await move(t, s.cookies.wh, { kind: 'receipt', partId: p.id, locationId: s.loc.th, quantity: 8, unitCostFen: 900 });
    const requestId = `issue-${randomUUID()}`;
    const body = { requestId, kind: 'issue', partId: p.id, locationId: s.loc.th, quantity: 2, workOrderId: WO };
    const headers = { 'idempotency-key': `idem-${randomUUID()}` };
    const all = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.request({ method: 'POST', url: '/api/stock-movements', cookie: s.cookies.wh, body, headers }),
      ),
    );
    expect(all.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(all.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    expect(new Set(all.map((r) => JSON.stringify(r.json()))).size).toBe(1);
    expect(await movementsOf(requestId)).toBe(1);
    expect(await balance(t, s.cookies.wh, p.id, s.loc.th)).toBe(6);

    // Ten more at once, each with its own key: the domain's request id still replays.
    const more = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.request({
          method: 'POST',
          url: '/api/stock-movements',
          cookie: s.cookies.wh,
          body,
          headers: { 'idempotency-key': `idem-${randomUUID()}` },
        }),
      ),
    );
    expect(more.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(more.map((r) => r.json().movements[0].id)).toEqual(Array(10).fill(all[0]?.json().movements[0].id));
    expect(await movementsOf(requestId)).toBe(1);
    expect(await balance(t, s.cookies.wh, p.id, s.loc.th)).toBe(6);
  });

  it('the same requestId with other lines is 422 request_id_reused and changes nothing', async () => {
    const p = await newPart(t, s.cookies.wh);
    const other = await newPart(t, s.cookies.wh);
    await move(t, s.cookies.wh, { kind: 'receipt', partId: p.id, locationId: s.loc.th, quantity: 9, unitCostFen: 700 });
    await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.central,
      quantity: 9,
      unitCostFen: 700,
    });
    await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: other.id,
      locationId: s.loc.th,
      quantity: 9,
      unitCostFen: 700,
    });
    const requestId = `issue-${randomUUID()}`;
    const body = { requestId, kind: 'issue', partId: p.id, locationId: s.loc.th, quantity: 2, workOrderId: WO };
    const key = { 'idempotency-key': `idem-${randomUUID()}` };
    const first = await t.request({
      method: 'POST',
      url: '/api/stock-movements',
      cookie: s.cookies.wh,
      body,
      headers: key,
    });
    expect(first.statusCode, first.body).toBe(201);
    const before = { p: await snapshot(p.id), other: await snapshot(other.id) };
    const variants: Record<string, unknown>[] = [
      { ...body, quantity: 1 },
      { ...body, locationId: s.loc.central },
      { ...body, partId: other.id },
      { requestId, kind: 'scrap', partId: p.id, locationId: s.loc.th, quantity: 2, reason: '损坏' },
      { requestId, kind: 'receipt', partId: p.id, locationId: s.loc.th, quantity: 2, unitCostFen: 1 },
      {
        requestId,
        kind: 'transfer',
        partId: p.id,
        fromLocationId: s.loc.th,
        toLocationId: s.loc.vanTech,
        quantity: 2,
      },
    ];
    // Each variant five times at once, without a key and with a fresh one.
    const answers = await Promise.all(
      variants.flatMap((v) =>
        Array.from({ length: 5 }, (_, i) =>
          t.request({
            method: 'POST',
            url: '/api/stock-movements',
            cookie: s.cookies.wh,
            body: v,
            ...(i % 2 ? { headers: { 'idempotency-key': `idem-${randomUUID()}` } } : {}),
          }),
        ),
      ),
    );
    for (const a of answers) expect(expectError(a, 422, 'BUSINESS_RULE').details.reason).toBe('request_id_reused');
    // The first request's key with another body: refused by the platform before anything runs.
    const keyReused = await t.request({
      method: 'POST',
      url: '/api/stock-movements',
      cookie: s.cookies.wh,
      body: { ...body, quantity: 5 },
      headers: key,
    });
    expect(expectError(keyReused, 422, 'BUSINESS_RULE').details.reason).toBe('idempotency_key_reused');
    expect({ p: await snapshot(p.id), other: await snapshot(other.id) }).toEqual(before);
    expect(await movementsOf(requestId)).toBe(1);
  });

  it('a serial issue retried with another serial under its requestId is refused; ten reversals at once reverse once', async () => {
    const p = await newPart(t, s.cookies.wh, { serialTracked: true, category: 'pcb', name: '主控板' });
    await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.central,
      serials: ['PCB-R1', 'PCB-R2'],
      unitCostFen: 30_000,
    });
    const requestId = `issue-${randomUUID()}`;
    const body = {
      requestId,
      kind: 'issue',
      partId: p.id,
      locationId: s.loc.central,
      serials: ['PCB-R1'],
      workOrderId: WO,
    };
    const first = await t.request({ method: 'POST', url: '/api/stock-movements', cookie: s.cookies.wh, body });
    expect(first.statusCode, first.body).toBe(201);
    const before = await snapshot(p.id);
    const swapped = await t.request({
      method: 'POST',
      url: '/api/stock-movements',
      cookie: s.cookies.wh,
      body: { ...body, serials: ['PCB-R2'] },
    });
    expect(expectError(swapped, 422, 'BUSINESS_RULE').details.reason).toBe('request_id_reused');
    expect(await snapshot(p.id)).toEqual(before);

    const movementId = first.json().movements[0].id as string;
    const rev = { requestId: `rev-${randomUUID()}`, reason: '领错了' };
    const reversals = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.request({
          method: 'POST',
          url: `/api/stock-movements/${movementId}/reverse`,
          cookie: s.cookies.wh,
          body: rev,
        }),
      ),
    );
    expect(reversals.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(reversals.map((r) => r.json().movements[0].id)).size).toBe(1);
    expect(await movementsOf(rev.requestId)).toBe(1);
    expect(await balance(t, s.cookies.wh, p.id, s.loc.central)).toBe(2);
    // Another request id for the same reversal: already reversed.
    const again = await t.request({
      method: 'POST',
      url: `/api/stock-movements/${movementId}/reverse`,
      cookie: s.cookies.wh,
      body: { ...rev, requestId: `rev-${randomUUID()}` },
    });
    expect(expectError(again, 409, 'ILLEGAL_TRANSITION').details.reason).toBe('already_reversed');
    expect(await balance(t, s.cookies.wh, p.id, s.loc.central)).toBe(2);
  });
});

describe('regressions found by the property above', () => {
  // postLedger used to price each receipt line against the balances only, which are written after every line is
  // priced, so the second and later lines of one posting weighed the running average too heavily.
  it('1 unit on hand at 1.00 plus 2 serials at 2.00 → (1.00 + 4.00) / 3 = 1.67', async () => {
    const p = await newPart(t, s.cookies.wh, { serialTracked: true, category: 'pcb', name: '显示板' });
    const a = await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.central,
      serials: ['AVG-1'],
      unitCostFen: 100,
    });
    expect(a.statusCode, a.body).toBe(201);
    const b = await move(t, s.cookies.wh, {
      kind: 'receipt',
      partId: p.id,
      locationId: s.loc.central,
      serials: ['AVG-2', 'AVG-3'],
      unitCostFen: 200,
    });
    expect(b.statusCode, b.body).toBe(201);
    const part = (await t.request({ method: 'GET', url: `/api/parts/${p.id}`, cookie: s.cookies.wh })).json();
    // Line by line or as one receipt of 2, both give 167 (the old defect gave 175 = (1×150 + 200) / 2).
    expect(part.avgCostFen).toBe(167);
  });

  // A serial already in stock at the very location it is received into again: the CHECK (serial = '' OR
  // quantity <= 1) refuses it with 23514, which used to be reported as "not enough stock".
  it('receiving a serial that is already in stock at that location is 409 serial_in_stock, not insufficient_stock', async () => {
    const p = await newPart(t, s.cookies.wh, { serialTracked: true, category: 'pcb', name: '外机板' });
    const unit = { kind: 'receipt', partId: p.id, serials: ['DUP-1'], unitCostFen: 5000 };
    const first = await move(t, s.cookies.wh, { ...unit, locationId: s.loc.central });
    expect(first.statusCode, first.body).toBe(201);
    const elsewhere = await move(t, s.cookies.wh, { ...unit, locationId: s.loc.th });
    expect(expectError(elsewhere, 409, 'CONFLICT').details.reason).toBe('serial_in_stock');
    const here = await move(t, s.cookies.wh, { ...unit, locationId: s.loc.central });
    expect(expectError(here, 409, 'CONFLICT').details.reason).toBe('serial_in_stock');
    expect(await balance(t, s.cookies.wh, p.id, s.loc.central)).toBe(1);
  });
});
