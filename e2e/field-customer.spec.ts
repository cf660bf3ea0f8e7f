import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Recommendation } from '@shared/contracts/dispatch.contract';
import type { Visit } from '@shared/contracts/field.contract';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Api, apiAs, ensureTechnicians } from './dispatch-support';
import {
  ARTIFACTS,
  apiSession,
  DEMO_PASSWORD,
  launchBrowser,
  newContext,
  PHONE,
  pngStats,
  type Server,
  shot,
  startServer,
} from './support';

// The customer's side of a visit (policy ch. 4): the tracking link opened on a phone while the technician works
// through the visit (driven through the API, step by step); the page shows each step done or to do, the technician's
// staff number at the door, the expected finish of a complex repair and a delay reported past it; at the end the
// customer opens the service record (HTML in a new tab) and downloads its PDF, whose first page is rendered to PNG
// and checked not to be blank.

let server: Server;
let browser: Browser;

before(async () => {
  // E2E_URL: reuse a server already running with the demo data (a quicker loop while writing the test).
  server = process.env.E2E_URL ? { url: process.env.E2E_URL, stop: async () => {} } : await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The customer's steps of a first visit, in order (the tracking view lists them all while the visit is open). */
const STEPS = [
  'accept',
  'contacted',
  'depart',
  'arrive',
  'show_id',
  'safety',
  'diagnosis',
  'quote',
  'consent',
  'repair',
  'tests',
  'handover',
  'site_cleaned',
  'signature',
  'complete',
] as const;
type Step = (typeof STEPS)[number];

const rnd8 = () => String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** YYYY-MM-DD in Beijing time, `days` from today. */
function beijingDate(days = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The latest verification code sent to a phone, from the admin message log (log transport in the demo). */
async function latestCode(phone: string): Promise<string> {
  const get = await apiSession(server.url, 'admin');
  for (let i = 0; i < 40; i++) {
    const page = (await get('/api/messages?template=verification_code&pageSize=20')) as {
      items: { recipientMasked: string; text: string }[];
    };
    const mine = page.items.find((m) => m.recipientMasked === `${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const code = mine ? /\d{6}/.exec(mine.text)?.[0] : undefined;
    if (code) return code;
    await sleep(250);
  }
  throw new Error('no verification code in the message log');
}

/** A /repair request of a Tianhe customer through the public API: its number and the link token of its SMS. */
async function customerOrder(phone: string): Promise<{ number: string; token: string }> {
  const json = { 'content-type': 'application/json' };
  const asked = await fetch(`${server.url}/api/public/verification-codes`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ phone, purpose: 'repair' }),
  });
  assert.ok(asked.ok, `verification code: ${asked.status}`);
  const res = await fetch(`${server.url}/api/public/repair-requests`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({
      name: '周女士',
      phone,
      code: await latestCode(phone),
      city: '广州',
      district: '天河区',
      detail: '天河北路 233 号 1502',
      unit: { brand: '格力', model: 'KFR-35GW', type: 'split_wall' },
      faultCategory: 'no_cooling',
      description: '客厅空调开机只吹风不制冷',
      channel: 'web',
      consent: true,
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const body = (await res.json()) as { number: string; trackingUrl: string };
  const token = new URL(body.trackingUrl).searchParams.get('t');
  assert.ok(token, 'the tracking link carries a token');
  return { number: body.number, token };
}

interface Job {
  workOrderId: string;
  number: string;
  date: string;
  username: string;
  staffNo: string;
  visitId: string;
}

/** The dispatcher approves the order and assigns it to its rank-1 technician: today, else tomorrow. */
async function approveAndAssign(dispatcher: Api, number: string): Promise<Job | undefined> {
  const list = await dispatcher.get<{ items: { id: string; number: string; version: number; status: string }[] }>(
    `/api/work-orders?q=${encodeURIComponent(number)}&pageSize=5`,
  );
  const order = list.items.find((o) => o.number === number);
  assert.ok(order, `${number} is in dispatcher1's branch`);
  if (order.status === 'new') {
    await dispatcher.send('POST', `/api/work-orders/${order.id}/review`, {
      decision: 'approve',
      version: order.version,
    });
  }
  const techs = await dispatcher.get<{ items: { id: string; username: string; staffNo: string }[] }>(
    '/api/technicians?pageSize=200&active=all',
  );
  for (const date of [beijingDate(0), beijingDate(1)]) {
    const rec = await dispatcher.get<Recommendation>(`/api/work-orders/${order.id}/recommendations?date=${date}`);
    const top = rec.candidates.find((c) => c.rank === 1);
    const tech = top ? techs.items.find((t) => t.id === top.technician.id) : undefined;
    if (!top || !tech) continue;
    await dispatcher.send(
      'POST',
      `/api/work-orders/${order.id}/assignment`,
      { technicianId: top.technician.id, window: top.window, version: rec.workOrderVersion },
      true,
    );
    const visits = await dispatcher.get<{ items: Visit[] }>(`/api/work-orders/${order.id}/visits`);
    const visit = visits.items.find((v) => v.status === 'open');
    assert.ok(visit, 'the assignment opened the visit');
    return {
      workOrderId: order.id,
      number,
      date,
      username: tech.username,
      staffNo: tech.staffNo,
      visitId: visit.id,
    };
  }
  return undefined;
}

/** The technician's phone, as far as the server can tell: each step with a fresh idempotency key and the version. */
async function technicianClient(username: string, visitId: string) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'aircare' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  assert.equal(login.status, 200, `login ${username}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const headers = { cookie, 'x-requested-with': 'aircare', 'content-type': 'application/json' };
  const visitUrl = `${server.url}/api/field/visits/${visitId}`;
  const initial = await fetch(visitUrl, { headers });
  assert.equal(initial.status, 200);
  const state = { version: ((await initial.json()) as { visit: Visit }).visit.version };
  const post = async (suffix: string, body: Record<string, unknown>) => {
    const res = await fetch(`${visitUrl}${suffix}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ version: state.version, idempotencyKey: `e2e-${randomUUID()}`, ...body }),
    });
    const json = (await res.json()) as { visit?: Visit; code?: string; details?: { reason?: string } };
    if (res.status === 200 && json.visit) state.version = json.visit.version;
    return { status: res.status, json };
  };
  const ok = async (suffix: string, body: Record<string, unknown>): Promise<Visit> => {
    const res = await post(suffix, body);
    assert.equal(res.status, 200, `${String(body.step ?? body.method ?? 'complete')}: ${JSON.stringify(res.json)}`);
    return res.json.visit as Visit;
  };
  return {
    /** One step, expected to be taken. */
    step: (body: Record<string, unknown>) => ok('/steps', body),
    /** One step, whatever the answer. */
    tryStep: (body: Record<string, unknown>) => post('/steps', body),
    consent: (body: Record<string, unknown>) => ok('/consent', body),
    complete: () => ok('/complete', {}),
  };
}

/** A small real PNG of a signature, drawn on a canvas in the browser (what the signature pad hands over). */
async function signaturePng(page: Page, name: string): Promise<string> {
  return page.evaluate((text) => {
    const c = document.createElement('canvas');
    c.width = 360;
    c.height = 120;
    const g = c.getContext('2d') as CanvasRenderingContext2D;
    g.strokeStyle = '#1a1a1a';
    g.lineWidth = 3;
    g.lineCap = 'round';
    g.beginPath();
    g.moveTo(20, 80);
    for (let i = 1; i <= 14; i++) g.lineTo(20 + i * 22, 60 + (i % 2 ? -30 : 25) + (i % 3) * 4);
    g.stroke();
    g.fillStyle = '#1a1a1a';
    g.font = '28px sans-serif';
    g.fillText(text, 120, 110);
    return c.toDataURL('image/png').replace(/^data:[^,]*,/, '');
  }, name);
}

/** Reloads the customer's page (as the auto-refresh would, only at once) and waits for the visit. */
async function reloadTracking(page: Page): Promise<void> {
  await page.reload();
  await page.getByTestId('track-visit').first().waitFor();
}

/** The customer's page shows exactly these steps done, every other one to do. */
async function expectSteps(page: Page, done: readonly Step[]): Promise<void> {
  const shown = await page
    .getByTestId('track-step')
    .evaluateAll((els) => els.map((el) => [el.getAttribute('data-step'), el.getAttribute('data-state')]));
  const expected = STEPS.map((s) => [s, done.includes(s) ? 'done' : 'todo']);
  assert.deepEqual(shown, expected);
}

const upTo = (step: Step): Step[] => STEPS.slice(0, STEPS.indexOf(step) + 1);

describe('field: the customer follows the visit on the tracking page and gets the service record', () => {
  const customerPhone = `137${rnd8()}`;
  let job: Job;
  let token = '';
  let tech: Awaited<ReturnType<typeof technicianClient>>;
  let context: BrowserContext;
  let page: Page;
  let expectedFinish = '';

  before(async () => {
    const order = await customerOrder(customerPhone);
    token = order.token;
    const dispatcher = await apiAs(server.url, 'dispatcher1');
    let found = await approveAndAssign(dispatcher, order.number);
    if (!found) {
      await ensureTechnicians(server.url, ['tech01', 'tech02', 'tech03']);
      found = await approveAndAssign(dispatcher, order.number);
    }
    assert.ok(found, 'no eligible technician for the order today or tomorrow');
    job = found;
    tech = await technicianClient(job.username, job.visitId);
  });

  after(async () => {
    await context?.close();
  });

  it('the customer opens the link on the phone: the technician with the staff number, every step to do', async () => {
    context = await newContext(browser, PHONE);
    page = await context.newPage();
    await page.goto(`${server.url}/track?t=${encodeURIComponent(token)}`);
    await page.getByTestId('track-visit').waitFor();
    assert.equal(((await page.getByTestId('track-view-number').textContent()) ?? '').trim(), job.number);
    assert.match((await page.getByTestId('track-technician-staff-no').textContent()) ?? '', new RegExp(job.staffNo));
    assert.equal(await page.getByTestId('track-visit').getAttribute('data-status'), 'open');
    await expectSteps(page, []);
    // Not yet at the door: the card is there, not the "check the ID now" prompt.
    assert.equal(await page.getByTestId('track-technician').getAttribute('data-prominent'), 'false');
    await shot(page, '80-customer-track-assigned-phone');
  });

  it('on the way: accepted, contacted, departed with an ETA; the ID card comes first', async () => {
    await tech.step({ step: 'accept' });
    await tech.step({ step: 'contacted', addressConfirmed: true, timeConfirmed: true });
    const eta = new Date(Date.now() + 30 * 60_000).toISOString();
    await tech.step({ step: 'depart', etaAt: eta, position: { lat: 23.12, lng: 113.3 } });

    await reloadTracking(page);
    await expectSteps(page, upTo('depart'));
    assert.ok(await page.getByTestId('track-visit-eta').isVisible(), 'the ETA shows until arrival');
    assert.equal(await page.getByTestId('track-technician').getAttribute('data-prominent'), 'true');
    assert.match((await page.getByTestId('track-check-id').textContent()) ?? '', new RegExp(job.staffNo));
    assert.match((await page.getByTestId('track-technician-staff-no').textContent()) ?? '', new RegExp(job.staffNo));
    await shot(page, '81-customer-track-on-the-way-phone');
  });

  it('on site: arrived, ID shown, safety checked, diagnosed complex with an expected finish', async () => {
    await tech.step({ step: 'arrive', position: { lat: 23.135, lng: 113.327, accuracyM: 15 } });
    await tech.step({ step: 'show_id' });
    await tech.step({ step: 'safety', powerIsolated: true, workAtHeight: false, refrigerantWork: false });
    // A finish a few seconds away, so that the visit runs past it below (the customer is told, then the delay).
    expectedFinish = new Date(Date.now() + 4_000).toISOString();
    const diagnosed = await tech.step({
      step: 'diagnosis',
      faultCategory: 'no_cooling',
      cause: '压缩机启动电容容量衰减，压缩机无法启动',
      expectedFinishAt: expectedFinish,
    });
    assert.equal(diagnosed.diagnosis?.complexity, 'complex');

    await reloadTracking(page);
    await expectSteps(page, upTo('diagnosis'));
    assert.equal(await page.getByTestId('track-visit-eta').count(), 0, 'no ETA once arrived');
    assert.equal(await page.getByTestId('track-expected-finish').getAttribute('data-at'), expectedFinish);
    assert.match((await page.getByTestId('track-expected-finish').textContent()) ?? '', /预计完工/);
    assert.equal(await page.getByTestId('track-delay').count(), 0);
    await shot(page, '82-customer-track-on-site-phone');
  });

  it('past the expected finish the technician must report a delay; the customer sees the new time', async () => {
    const wait = new Date(expectedFinish).getTime() + 500 - Date.now();
    if (wait > 0) await sleep(wait);
    const blocked = await tech.tryStep({ step: 'quote', parts: [], travelKm: 6 });
    assert.equal(blocked.status, 422, JSON.stringify(blocked.json));
    assert.equal(blocked.json.details?.reason, 'delay_reason_required');

    const newFinish = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const delayed = await tech.step({ step: 'delay', reason: '电容型号需回仓库调换', newFinishAt: newFinish });
    assert.equal(delayed.repairDueAt, newFinish);

    await reloadTracking(page);
    await expectSteps(page, upTo('diagnosis')); // a delay is not a step
    assert.equal(await page.getByTestId('track-delay').getAttribute('data-at'), newFinish);
    assert.match((await page.getByTestId('track-delay').textContent()) ?? '', /电容型号需回仓库调换/);
    assert.equal(await page.getByTestId('track-expected-finish').getAttribute('data-at'), newFinish);
    await shot(page, '83-customer-track-delay-phone');
  });

  it('quote, consent by signature, repair, tests, handover, site cleaned, completion signature', async () => {
    const quoted = await tech.step({ step: 'quote', parts: [], travelKm: 6 });
    assert.ok(quoted.quote, 'the quote is on the visit');
    await tech.consent({
      method: 'signature',
      quoteVersion: quoted.quote.version,
      signerName: '周女士',
      signature: { contentType: 'image/png', dataBase64: await signaturePng(page, '周') },
      acceptedNonDesignated: [],
    });
    await tech.step({ step: 'repair', workDone: '更换压缩机启动电容，补充检查电气连接', parts: [] });

    await reloadTracking(page);
    await expectSteps(page, upTo('repair'));

    await tech.step({
      step: 'tests',
      mode: 'cooling',
      readings: { inletTemp: 27, outletTemp: 12, pressureMpa: 0.95, currentA: 5.2 },
      noLeaks: true,
      remoteOk: true,
      noiseOk: true,
    });
    await tech.step({ step: 'handover', shownHowToUse: true, advice: ['室外机支架锈蚀，建议一年内更换'] });
    await tech.step({ step: 'site_cleaned', cleaned: true, oldPartsPacked: true });
    await tech.step({
      step: 'signature',
      signerName: '周女士',
      signature: { contentType: 'image/png', dataBase64: await signaturePng(page, '周女士') },
    });

    await reloadTracking(page);
    await expectSteps(page, upTo('signature'));
    assert.equal(await page.getByTestId('track-record-html').count(), 0, 'no record before completion');
  });

  it('completed: every step done, the record links show, the expected finish and the delay are gone', async () => {
    const done = await tech.complete();
    assert.equal(done.status, 'completed');

    await reloadTracking(page);
    assert.equal(await page.getByTestId('track-visit').getAttribute('data-status'), 'completed');
    await expectSteps(page, STEPS);
    assert.equal(await page.getByTestId('track-expected-finish').count(), 0);
    assert.equal(await page.getByTestId('track-delay').count(), 0);
    assert.equal(
      ((await page.getByTestId('track-record-html').textContent()) ?? '').replace(/\s/g, ''),
      '查看服务记录',
    );
    assert.equal(
      ((await page.getByTestId('track-record-pdf').textContent()) ?? '').replace(/\s/g, '').toUpperCase(),
      '下载PDF',
    );
    await shot(page, '84-customer-track-completed-phone');
  });

  it('"查看服务记录" opens the HTML record in a new tab', async () => {
    const [record] = await Promise.all([context.waitForEvent('page'), page.getByTestId('track-record-html').click()]);
    await record.waitForLoadState();
    const text = (await record.locator('body').textContent()) ?? '';
    assert.match(text, /维修服务记录/);
    assert.ok(text.includes(job.number), 'the order number is on the record');
    assert.ok(text.includes(job.staffNo), "the technician's staff number is on the record");
    assert.ok(text.includes('压缩机启动电容容量衰减'), 'the cause is on the record');
    // The customer's copy is masked: never the full phone or the street.
    assert.ok(!text.includes(customerPhone), 'full phone on the record');
    assert.ok(!text.includes('天河北路'), 'street on the record');
    await shot(record, '85-customer-service-record-html-phone');
    await record.close();
  });

  it('"下载 PDF" answers a PDF whose first page renders as a filled A4 page', async () => {
    const href = await page.getByTestId('track-record-pdf').getAttribute('href');
    assert.ok(href, 'the PDF link has an address');
    const url = new URL(href, server.url);
    assert.equal(url.searchParams.get('format'), 'pdf');
    assert.equal(url.searchParams.get('token'), token);
    const res = await page.request.get(url.toString());
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/pdf');
    const pdf = await res.body();
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');

    mkdirSync(ARTIFACTS, { recursive: true });
    const pdfPath = path.join(ARTIFACTS, 'service-record.pdf');
    writeFileSync(pdfPath, pdf);
    const prefix = path.join(ARTIFACTS, 'service-record-page1');
    const pngPath = `${prefix}.png`;
    rmSync(pngPath, { force: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfPath, prefix]);
    assert.ok(existsSync(pngPath), 'pdftoppm wrote the first page');
    const stats = pngStats(pngPath);
    // A4 at 80 dpi is 661 × 935 px.
    assert.ok(stats.width >= 500 && stats.height >= 700, `page size ${stats.width}×${stats.height}`);
    assert.ok(stats.height > stats.width, 'portrait');
    assert.ok(stats.inkShare > 0.02, `the page is nearly blank (${(stats.inkShare * 100).toFixed(2)}% ink)`);
  });
});
