// Live updates (issue 4, "The dispatch board"): server-sent events reach the dispatch boards of the order's branch
// and the technicians concerned, over real HTTP connections; nobody else hears of it; closing the app ends them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../build-test-app';
import { addTechnician, assignTo, gz, readyOrder } from './dispatch-support';
import { createStaff, post, type Staff } from './intake-support';

interface StreamEvent {
  type: string;
  branchId: string;
  workOrderId: string | null;
  technicianId: string | null;
  at: string;
}

/** One SSE connection: every `data:` line parsed, in arrival order. */
class Sse {
  readonly events: StreamEvent[] = [];
  ended = false;
  /** Settles when the server ends the response (or the connection closes). */
  readonly done: Promise<void>;
  private buffer = '';
  private waiters: { pred: (e: StreamEvent) => boolean; resolve: (e: StreamEvent) => void }[] = [];

  private constructor(
    readonly req: http.ClientRequest,
    readonly res: http.IncomingMessage,
  ) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => this.feed(chunk));
    this.done = new Promise((resolve) => {
      const end = () => {
        this.ended = true;
        resolve();
      };
      res.on('end', end);
      res.on('close', end);
    });
  }

  static open(port: number, path: string, cookie: string): Promise<Sse> {
    return new Promise((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port, path, headers: { cookie, accept: 'text/event-stream' } },
        (res) => {
          if (res.statusCode !== 200) {
            reject(new Error(`${path}: ${res.statusCode}`));
            res.resume();
            return;
          }
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          resolve(new Sse(req, res));
        },
      );
      req.on('error', (err) => {
        if (!(err as NodeJS.ErrnoException).code?.startsWith('ECONNRESET')) reject(err);
      });
    });
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let cut = this.buffer.indexOf('\n\n');
    while (cut >= 0) {
      const block = this.buffer.slice(0, cut);
      this.buffer = this.buffer.slice(cut + 2);
      for (const line of block.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        const event = JSON.parse(line.slice(6)) as StreamEvent;
        this.events.push(event);
        this.waiters = this.waiters.filter((w) => {
          if (!w.pred(event)) return true;
          w.resolve(event);
          return false;
        });
      }
      cut = this.buffer.indexOf('\n\n');
    }
  }

  /** The first event (already received or still to come) that matches. */
  next(pred: (e: StreamEvent) => boolean, what: string): Promise<StreamEvent> {
    const seen = this.events.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no event: ${what}; got ${JSON.stringify(this.events)}`)),
        10_000,
      );
      this.waiters.push({
        pred,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }

  about(workOrderId: string): StreamEvent[] {
    return this.events.filter((e) => e.workOrderId === workOrderId);
  }

  close(): void {
    this.req.destroy();
  }
}

let t: TestApp;
let staff: Staff;
let port: number;
let techA: string;
let techB: string;
let techHz: string;
const cookies: Record<string, string> = {};
let closed = false;
const DAY = '2026-07-15';

beforeAll(async () => {
  t = await buildTestApp();
  staff = await createStaff(t);
  techA = await addTechnician(t, { username: 'streama' });
  techB = await addTechnician(t, { username: 'streamb' });
  techHz = await addTechnician(t, { username: 'streamhz', branch: 'hz' });
  for (const name of ['streama', 'streamb', 'streamhz']) cookies[name] = await t.login(name);
  await t.aircare.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.aircare.app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  if (!closed) await t?.close();
});

const dispatcher = () => staff.cookies.dispatcher as string;
const dispatcherHz = () => staff.cookies.dispatcherhz as string;

describe('dispatch live stream', () => {
  it('refuses a stream without a session, and the board stream to a technician', async () => {
    await expect(Sse.open(port, '/api/dispatch/stream', '')).rejects.toThrow(/401/);
    await expect(Sse.open(port, '/api/dispatch/stream', cookies.streama as string)).rejects.toThrow(/403/);
  });

  it('an assignment reaches the board of the branch and the technician’s app — and nobody else', async () => {
    const board = await Sse.open(port, '/api/dispatch/stream', dispatcher());
    const otherBoard = await Sse.open(port, '/api/dispatch/stream', dispatcherHz());
    const mine = await Sse.open(port, '/api/me/stream', cookies.streama as string);
    const notMine = await Sse.open(port, '/api/me/stream', cookies.streamb as string);

    const order = await readyOrder(t, staff.cookies.agent as string, dispatcher());
    // The approval (ready) already shows on the board of the branch.
    await board.next((e) => e.type === 'work_order' && e.workOrderId === order.id, 'order ready');
    await assignTo(t, dispatcher(), order, techA, { start: gz(DAY, '14:00'), end: gz(DAY, '15:00') });

    const onBoard = await board.next((e) => e.type === 'assignment' && e.workOrderId === order.id, 'board assignment');
    expect(onBoard).toMatchObject({ branchId: t.branches.th, technicianId: techA });
    expect(board.about(order.id).map((e) => e.type)).toEqual(expect.arrayContaining(['work_order', 'assignment']));
    const onPhone = await mine.next((e) => e.type === 'assignment' && e.workOrderId === order.id, 'technician');
    expect(onPhone).toMatchObject({ technicianId: techA, branchId: t.branches.th });
    // A technician's stream carries only their own assignments, not the board's order and alert traffic.
    expect(mine.events.every((e) => e.type === 'assignment' || e.type === 'calendar')).toBe(true);

    // Sentinels: an event each of the others does receive. Events on one connection arrive in order, so had the
    // assignment above been sent to them, it would be there before.
    const hzOrder = await readyOrder(t, staff.cookies.agenthz as string, dispatcherHz(), {
      address: { city: '广州', district: '海珠区', detail: '江南大道 1 号' },
    });
    await assignTo(t, dispatcherHz(), hzOrder, techHz, { start: gz(DAY, '14:00'), end: gz(DAY, '15:00') });
    await otherBoard.next((e) => e.type === 'assignment' && e.workOrderId === hzOrder.id, 'other branch sentinel');
    expect(otherBoard.about(order.id)).toEqual([]);
    expect(otherBoard.events.every((e) => e.branchId === t.branches.hz)).toBe(true);
    // …and the first board hears nothing of the other branch.
    expect(board.about(hzOrder.id)).toEqual([]);

    const sentinel = await readyOrder(t, staff.cookies.agent as string, dispatcher());
    await assignTo(t, dispatcher(), sentinel, techB, { start: gz(DAY, '16:00'), end: gz(DAY, '17:00') });
    await notMine.next((e) => e.workOrderId === sentinel.id, 'technician B sentinel');
    expect(notMine.about(order.id)).toEqual([]);
    expect(mine.about(sentinel.id)).toEqual([]);

    for (const s of [board, otherBoard, mine, notMine]) s.close();
  });

  it('a reassignment tells both technicians; acceptance and position reports reach the board', async () => {
    const board = await Sse.open(port, '/api/dispatch/stream', dispatcher());
    const a = await Sse.open(port, '/api/me/stream', cookies.streama as string);
    const b = await Sse.open(port, '/api/me/stream', cookies.streamb as string);
    const order = await readyOrder(t, staff.cookies.agent as string, dispatcher());
    const first = await assignTo(t, dispatcher(), order, techA, { start: gz(DAY, '18:00'), end: gz(DAY, '19:00') });
    await a.next((e) => e.workOrderId === order.id, 'A assigned');

    const moved = await post(
      t,
      `/api/work-orders/${order.id}/reassignment`,
      {
        technicianId: techB,
        window: { start: gz(DAY, '18:00'), end: gz(DAY, '19:00') },
        version: first.workOrderVersion,
        reason: '调整',
        overrideReason: '调整',
      },
      dispatcher(),
    );
    expect(moved.statusCode, moved.body).toBe(200);
    await b.next((e) => e.workOrderId === order.id && e.technicianId === techB, 'B gets the job');
    // A hears of it too (the job left their list): a second event about the order.
    await a.next((e) => e.workOrderId === order.id && e.technicianId === techB, 'A loses the job');

    const assignment = moved.json().assignment;
    const accepted = await post(
      t,
      `/api/assignments/${assignment.id}/accept`,
      { version: assignment.version },
      cookies.streamb as string,
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    const pos = await post(t, '/api/me/position', { lat: 23.13, lng: 113.33 }, cookies.streamb as string);
    expect(pos.statusCode, pos.body).toBe(200);
    await board.next((e) => e.type === 'position' && e.technicianId === techB, 'position');
    // In order on the board: ready, assigned, reassigned, accepted — each a status change and (but the approval) an
    // assignment change.
    expect(board.about(order.id).map((e) => `${e.type}:${e.technicianId ?? ''}`)).toEqual([
      'work_order:',
      'work_order:',
      `assignment:${techA}`,
      'work_order:',
      `assignment:${techB}`,
      'work_order:',
      `assignment:${techB}`,
    ]);
    for (const s of [board, a, b]) s.close();
  });

  it('closing the app ends the open streams (and does not hang)', async () => {
    const board = await Sse.open(port, '/api/dispatch/stream', dispatcher());
    const phone = await Sse.open(port, '/api/me/stream', cookies.streama as string);
    expect(board.ended || phone.ended).toBe(false);
    closed = true;
    await t.close();
    await Promise.all([board.done, phone.done]);
    expect(board.ended && phone.ended).toBe(true);
  });
});
