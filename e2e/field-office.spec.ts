import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DispatchBoard, Recommendation } from '@shared/contracts/dispatch.contract';
import type { Visit } from '@shared/contracts/field.contract';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { type Api, apiAs } from './dispatch-support';
import { type Job, jpegBase64, newJob, stepKey, stepsByApi } from './field-support';
import { DESKTOP, launchBrowser, login, newContext, PHONE, type Server, shot, startServer } from './support';

// The office's side of the visits (policy ch. 4: "a step cannot be skipped except with a reason that dispatch sees";
// "waiting for parts: … a follow-up visit is proposed to dispatch with the customer told the new time"). A technician
// works through a visit by the API — skips showing the ID with a reason, takes a photo, diagnoses, and ends the visit
// waiting for parts, proposing the follow-up into a window where the same technician already has another
// appointment. The dispatcher opens the order's page: the visits card shows the skip reason, the photo (fetched with
// the session), the waiting-for-parts visit and the proposed follow-up; booking the proposed window is refused as
// double-booked (the dialog stays open), a free window is booked; the dispatcher leaves a note that the technician's
// own view of the visit then carries. The card is looked at on a phone too.

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

const SKIP_REASON = '客户本人不在，家中老人开门';
const WAIT_REASON = '压缩机电容车上无货，需从仓库调拨';
const NOTE = '配件明早 9 点前到网点，请先到网点领料再上门';

/** An instant of a Beijing wall-clock time ("YYYY-MM-DD", "HH:MM") as the server writes it (toISOString). */
const beijing = (date: string, hm: string) => new Date(`${date}T${hm}:00+08:00`).toISOString();
/** The same instant, whatever the ISO spelling (milliseconds, offset). */
const ms = (iso: string | null | undefined) => (iso ? new Date(iso).getTime() : Number.NaN);
/** "HH:MM" of an instant in Beijing time. */
const hmOf = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

/**
 * Another ready order booked for the same technician on a later day (their other appointment): the first day after
 * `after` on which they are a candidate for one of the queue's orders, at the window the recommendation offers.
 */
async function bookOtherAppointment(
  dispatcher: Api,
  job: Job,
): Promise<{ date: string; window: { start: string; end: string }; number: string }> {
  for (let days = 1; days <= 4; days++) {
    const date = new Date(new Date(`${job.date}T12:00:00+08:00`).getTime() + days * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const board = await dispatcher.get<DispatchBoard>(`/api/dispatch/board?date=${date}`);
    for (const q of board.queue.filter((i) => i.workOrderId !== job.workOrderId)) {
      const rec = await dispatcher.get<Recommendation>(
        `/api/work-orders/${q.workOrderId}/recommendations?date=${date}`,
      );
      const mine = rec.candidates.find((c) => c.technician.id === job.technicianId);
      if (!mine) continue;
      await dispatcher.send(
        'POST',
        `/api/work-orders/${q.workOrderId}/assignment`,
        {
          technicianId: job.technicianId,
          window: mine.window,
          version: rec.workOrderVersion,
          ...(mine.rank === 1 ? {} : { overrideReason: '同一工程师顺路安排' }),
        },
        true,
      );
      return { date, window: mine.window, number: q.workOrderNumber };
    }
  }
  throw new Error('the technician is a candidate for no other ready order in the next days');
}

/** A free hour of the technician on the day (15-minute steps, within the shift, no appointment overlapping). */
async function freeHour(dispatcher: Api, date: string, technicianId: string): Promise<{ start: string; end: string }> {
  const board = await dispatcher.get<DispatchBoard>(`/api/dispatch/board?date=${date}`);
  const tech = board.technicians.find((t) => t.id === technicianId);
  assert.ok(tech, 'the technician is on the board');
  const from = tech.shift ? new Date(tech.shift.start).getTime() : new Date(beijing(date, '08:00')).getTime();
  const to = tech.shift ? new Date(tech.shift.end).getTime() : new Date(beijing(date, '20:00')).getTime();
  const busy = tech.appointments.map((a) => [new Date(a.window.start).getTime(), new Date(a.window.end).getTime()]);
  const quarter = 15 * 60_000;
  for (let s = Math.ceil(from / quarter) * quarter; s + 3_600_000 <= to; s += quarter) {
    const e = s + 3_600_000;
    if (busy.every(([bs = 0, be = 0]) => e <= bs || s >= be)) {
      return { start: new Date(s).toISOString(), end: new Date(e).toISOString() };
    }
  }
  throw new Error(`no free hour for the technician on ${date}`);
}

const visitCard = (page: Page, no: number): Locator => page.locator(`[data-testid="wo-visit"][data-visit-no="${no}"]`);

describe('field office: dispatch sees the visits of an order, books the follow-up and leaves a note', () => {
  let dispatcher: Api;
  let tech: Api;
  let job: Job;
  let other: { date: string; window: { start: string; end: string }; number: string };
  let first: Visit;
  let followUpId = '';
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    dispatcher = await apiAs(server.url, 'dispatcher1');
    job = await newJob(server.url);
    other = await bookOtherAppointment(dispatcher, job);
    tech = await apiAs(server.url, job.username);
    context = await newContext(browser, DESKTOP);
    page = await context.newPage();
  });

  after(async () => {
    await context?.close();
  });

  it('the technician skips showing the ID with a reason, diagnoses with a photo and waits for parts', async () => {
    const visits = await dispatcher.get<{ items: Visit[] }>(`/api/work-orders/${job.workOrderId}/visits`);
    const open = visits.items.find((v) => v.status === 'open');
    assert.ok(open, 'the assignment opened the visit');
    let v = await stepsByApi(tech, open, [
      { step: 'accept' },
      { step: 'contacted', addressConfirmed: true, timeConfirmed: true },
      { step: 'depart', etaAt: new Date(Date.now() + 30 * 60_000).toISOString() },
      { step: 'arrive', position: { lat: 23.135, lng: 113.327, accuracyM: 12 } },
      { step: 'skip', target: 'show_id', reason: SKIP_REASON },
      { step: 'safety', powerIsolated: true, workAtHeight: false, refrigerantWork: false },
    ]);
    await page.goto(`${server.url}/login`);
    const photo = await tech.send<{ photo: { id: string } }>(
      'POST',
      `/api/field/visits/${v.id}/photos`,
      {
        idempotencyKey: stepKey(v.id),
        step: 'diagnosis',
        kind: 'fault',
        contentType: 'image/jpeg',
        dataBase64: await jpegBase64(page, '电容鼓包'),
      },
      true,
    );
    v = await stepsByApi(tech, v, [
      {
        step: 'diagnosis',
        faultCategory: 'no_cooling',
        cause: '压缩机启动电容鼓包失效，压缩机无法启动',
        expectedFinishAt: new Date(Date.now() + 6 * 3_600_000).toISOString(),
        photoIds: [photo.photo.id],
      },
    ]);
    const parts = await dispatcher.get<{ items: { id: string; active: boolean }[] }>(
      '/api/parts?pageSize=20&active=true',
    );
    const part = parts.items.find((p) => p.active);
    assert.ok(part, 'an active part in the catalog');
    // The technician proposes the follow-up exactly where they already have the other order: dispatch must move it.
    v = await stepsByApi(tech, v, [
      {
        step: 'waiting_parts',
        reason: WAIT_REASON,
        parts: [{ partId: part.id, quantity: 1 }],
        proposedWindow: other.window,
      },
    ]);
    assert.equal(v.status, 'waiting_parts');
    assert.ok(v.followUp, 'a follow-up is proposed');
    assert.equal(v.followUp.status, 'proposed');
    first = v;
    followUpId = v.followUp.visitId;
  });

  it('the dispatcher sees the skip reason, the photo, the waiting-for-parts visit and the proposed follow-up', async () => {
    await login(page, server.url, 'dispatcher1');
    await page.goto(`${server.url}/work-orders/${job.workOrderId}`);
    await page.getByTestId('wo-visits').waitFor();
    await visitCard(page, 2).waitFor();

    // Newest first: the proposed follow-up, then the first visit.
    const order = await page
      .getByTestId('wo-visit')
      .evaluateAll((els) => els.map((el) => [el.getAttribute('data-visit-no'), el.getAttribute('data-status')]));
    assert.deepEqual(order, [
      ['2', 'proposed'],
      ['1', 'waiting_parts'],
    ]);

    const v1 = visitCard(page, first.visitNo);
    const skipped = v1.locator('[data-testid="wo-visit-step"][data-step="show_id"]');
    assert.equal(await skipped.getAttribute('data-status'), 'skipped');
    assert.match((await skipped.getByTestId('wo-visit-skip-reason').textContent()) ?? '', new RegExp(SKIP_REASON));
    assert.equal(
      await v1.locator('[data-testid="wo-visit-step"][data-step="diagnosis"]').getAttribute('data-status'),
      'done',
    );
    assert.equal(
      await v1.locator('[data-testid="wo-visit-step"][data-step="tests"]').getAttribute('data-status'),
      'todo',
    );
    assert.match((await v1.getByTestId('wo-visit-waiting-parts').textContent()) ?? '', new RegExp(WAIT_REASON));
    assert.equal(await v1.getByTestId('wo-visit-follow-up').getAttribute('data-status'), 'proposed');
    assert.ok(await v1.getByTestId('wo-visit-record').isVisible(), 'the record link of a started visit');
    assert.match((await v1.getByTestId('wo-visit-record-pdf').getAttribute('href')) ?? '', /format=pdf$/);

    // The photo is not public: it arrives as a blob fetched with the session and shows as an object URL.
    const img = v1.locator('[data-testid="wo-visit-photo"] img');
    await img.waitFor();
    await page.waitForFunction(
      (el) => el instanceof HTMLImageElement && el.complete && el.naturalWidth > 0,
      await img.elementHandle(),
    );
    assert.match((await img.getAttribute('src')) ?? '', /^blob:/);
    const anonymous = await fetch(`${server.url}/api/field/photos/${first.photos[0]?.id}`);
    assert.equal(anonymous.status, 401, 'the photo needs a session');

    // The follow-up: proposed, the technician's window, the booking button for dispatch.
    const v2 = visitCard(page, 2);
    assert.equal(ms(await v2.getByTestId('wo-visit-window').getAttribute('data-start')), ms(other.window.start));
    assert.ok(await v2.getByTestId('wo-visit-schedule').isVisible());
    assert.equal(await v2.getByTestId('wo-visit-record').count(), 0, 'no record of a visit not started');
    await shot(page, '90-office-visits-desktop');

    await img.click();
    await page.locator('.ant-image-preview-img').first().waitFor();
    await shot(page, '91-office-visit-photo-preview-desktop');
    await page.keyboard.press('Escape');
    await page.locator('.ant-image-preview-img').first().waitFor({ state: 'hidden' });
  });

  it('the service record of the first visit opens with the session', async () => {
    const href = await visitCard(page, 1).getByTestId('wo-visit-record').getAttribute('href');
    assert.ok(href, 'the record link has an address');
    const res = await page.request.get(new URL(href, server.url).toString());
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type'] ?? '', /text\/html/);
    assert.ok((await res.text()).includes(job.number), 'the order number is on the record');
  });

  let booked = { start: '', end: '' };

  it('booking the proposed window is double-booked: the message shows and the dialog stays open', async () => {
    await visitCard(page, 2).getByTestId('wo-visit-schedule').click();
    const modal = page.getByTestId('visit-schedule-modal');
    await modal.waitFor();
    // Prefilled with the proposed window, in the branch's zone.
    assert.equal(await page.getByTestId('visit-schedule-date').inputValue(), other.date);
    assert.equal(await page.getByTestId('visit-schedule-start').inputValue(), hmOf(other.window.start));
    assert.equal(await page.getByTestId('visit-schedule-end').inputValue(), hmOf(other.window.end));

    await page.getByTestId('visit-schedule-submit').click();
    const error = page.getByTestId('visit-schedule-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /该时段工程师已有其他预约/);
    assert.ok(await modal.isVisible(), 'the dialog stays open');
    await shot(page, '92-office-follow-up-double-booked-desktop');
    const still = await dispatcher.get<{ visit: Visit }>(`/api/field/visits/${followUpId}`);
    assert.equal(still.visit.status, 'proposed', 'nothing changed');
  });

  it('a free window books the follow-up: it shows open with its window', async () => {
    booked = await freeHour(dispatcher, other.date, job.technicianId);
    await page.getByTestId('visit-schedule-start').fill(hmOf(booked.start));
    await page.getByTestId('visit-schedule-end').fill(hmOf(booked.end));
    await page.getByTestId('visit-schedule-submit').click();
    await page.getByTestId('visit-schedule-modal').waitFor({ state: 'hidden' });

    const v2 = visitCard(page, 2);
    await page.locator('[data-testid="wo-visit"][data-visit-no="2"][data-status="open"]').waitFor();
    assert.equal(ms(await v2.getByTestId('wo-visit-window').getAttribute('data-start')), ms(booked.start));
    assert.match(
      (await v2.getByTestId('wo-visit-window').textContent()) ?? '',
      new RegExp(`${other.date} ${hmOf(booked.start)}–${hmOf(booked.end)}`),
    );
    assert.equal(await v2.getByTestId('wo-visit-schedule').count(), 0, 'nothing left to schedule');
    const v1 = visitCard(page, 1);
    await v1.locator('[data-testid="wo-visit-follow-up"][data-status="open"]').waitFor();

    const server2 = await dispatcher.get<{ visit: Visit }>(`/api/field/visits/${followUpId}`);
    assert.equal(server2.visit.status, 'open');
    assert.equal(ms(server2.visit.window?.start), ms(booked.start));
    assert.equal(ms(server2.visit.window?.end), ms(booked.end));
  });

  it('the dispatcher leaves a note; the technician’s view of the visit carries it', async () => {
    const v2 = visitCard(page, 2);
    await v2.getByTestId('wo-visit-edit').click();
    await page.getByTestId('visit-edit-modal').waitFor();
    await page.getByTestId('visit-edit-note').fill(NOTE);
    await shot(page, '93-office-visit-note-desktop');
    await page.getByTestId('visit-edit-submit').click();
    await page.getByTestId('visit-edit-modal').waitFor({ state: 'hidden' });
    await v2.getByTestId('wo-visit-office-note').waitFor();
    assert.equal(((await v2.getByTestId('wo-visit-office-note').textContent()) ?? '').trim(), NOTE);

    const mine = await tech.get<{ visit: Visit }>(`/api/field/visits/${followUpId}`);
    assert.equal(mine.visit.officeNote, NOTE);
    assert.ok(
      mine.visit.log.some((e) => e.step === 'office_edit' && e.source === 'office'),
      'the edit is in the visit log',
    );
    await v2.scrollIntoViewIfNeeded();
    await shot(page, '94-office-visits-booked-desktop');
  });

  it('on a phone (390 px) the card fits the screen', async () => {
    const phone = await newContext(browser, PHONE);
    try {
      const p = await phone.newPage();
      await login(p, server.url, 'dispatcher1');
      await p.goto(`${server.url}/work-orders/${job.workOrderId}`);
      const card = p.getByTestId('wo-visits');
      await visitCard(p, 2).waitFor();
      await visitCard(p, 1).locator('[data-testid="wo-visit-photo"] img').waitFor();
      const box = await card.boundingBox();
      assert.ok(box, 'the card is laid out');
      assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width + 1, `card ${box.x}+${box.width} wider than the phone`);
      for (const id of ['wo-visit-skip-reason', 'wo-visit-edit']) {
        const b = await card.getByTestId(id).first().boundingBox();
        assert.ok(b && b.x + b.width <= PHONE.width + 1, `${id} runs off the screen`);
      }
      await card.scrollIntoViewIfNeeded();
      await shot(p, '95-office-visits-phone');
    } finally {
      await phone.close();
    }
  });
});
