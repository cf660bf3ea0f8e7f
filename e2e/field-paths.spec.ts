import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Visit } from '@shared/contracts/field.contract';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Api, apiAs } from './dispatch-support';
import { atStep, type Job, newJob, stepsByApi, visitOf } from './field-support';
import { launchBrowser, login, newContext, PHONE, type Server, shot, startServer } from './support';

// The technician app's other paths (issue 6, policy ch. 4), on a phone: a step skipped with a reason dispatch sees,
// a visit ended waiting for parts (requisition, follow-up proposed), and a repair past its time asking for the
// delay's reason before anything else. The steps before each path go through the API; the path itself through the UI.

let server: Server;
let browser: Browser;

before(async () => {
  server = process.env.E2E_URL ? { url: process.env.E2E_URL, stop: async () => {} } : await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function phoneOf(job: Job, visitId: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, PHONE);
  const page = await context.newPage();
  await login(page, server.url, job.username);
  await page.goto(`${server.url}/me/visits/${visitId}`);
  await page.getByTestId('visit-page').waitFor();
  return { context, page };
}

const arrived = [
  { step: 'accept' },
  { step: 'contacted', addressConfirmed: true, timeConfirmed: true },
  { step: 'depart', etaAt: new Date(Date.now() + 30 * 60_000).toISOString() },
  { step: 'arrive', position: { lat: 23.135, lng: 113.327, accuracyM: 12 } },
];

describe('field paths: skip with a reason, then waiting for parts', () => {
  let job: Job;
  let tech: Api;
  let visit: Visit;
  let context: BrowserContext;
  let phone: Page;

  before(async () => {
    job = await newJob(server.url);
    tech = await apiAs(server.url, job.username);
    visit = await stepsByApi(tech, await visitOf(tech, job), arrived);
    ({ context, page: phone } = await phoneOf(job, visit.id));
  });
  after(async () => {
    await context?.close();
  });

  it('skips showing the ID only with a reason, which the visit keeps for dispatch', async () => {
    await atStep(phone, 'show_id');
    await phone.getByTestId('step-skip').click();
    // Too short a reason cannot be sent.
    await phone.getByTestId('skip-reason').fill('不在');
    assert.equal(await phone.getByTestId('skip-submit').isDisabled(), true);
    await phone.getByTestId('skip-reason').fill('客户本人不在，家中老人开门');
    await shot(phone, '64-field-skip-reason-phone');
    await phone.getByTestId('skip-submit').click();
    await atStep(phone, 'safety');
    assert.equal(
      await phone.locator('[data-testid="visit-step"][data-step="show_id"]').getAttribute('data-status'),
      'skipped',
    );
    const v = (await tech.get<{ visit: Visit }>(`/api/field/visits/${visit.id}`)).visit;
    const skipped = v.steps.find((s) => s.step === 'show_id');
    assert.equal(skipped?.status, 'skipped');
    assert.equal(skipped?.skipReason, '客户本人不在，家中老人开门');
    visit = v;
  });

  it('ends the visit waiting for parts: the parts of the plan, a reason, a follow-up proposed to dispatch', async () => {
    const parts = await tech.get<{ items: { id: string; designated: boolean; serialTracked: boolean }[] }>(
      '/api/parts?q=%E7%94%B5%E5%AE%B9&active=true&pageSize=50',
    );
    const part = parts.items.find((p) => p.designated && !p.serialTracked);
    assert.ok(part, 'a designated capacitor in the catalog');
    visit = await stepsByApi(tech, visit, [
      { step: 'safety', powerIsolated: true, workAtHeight: false, refrigerantWork: false },
      {
        step: 'diagnosis',
        faultCategory: 'no_cooling',
        cause: '压缩机启动电容失效',
        expectedFinishAt: new Date(Date.now() + 5 * 3_600_000).toISOString(),
      },
      { step: 'quote', parts: [{ partId: part.id, quantity: 1, source: 'job' }], travelKm: 4 },
    ]);
    await phone.getByTestId('visit-refresh').click();
    await atStep(phone, 'consent');
    await phone.getByTestId('step-waiting-parts').click();
    // The quote's part is already on the list.
    await phone.getByTestId('wait-lines').getByText('×1').waitFor();
    await phone.getByTestId('wait-reason').fill('该型号电容车上无货，需从仓库调拨');
    await shot(phone, '65-field-waiting-parts-phone');
    await phone.getByTestId('wait-submit').click();
    await phone.getByTestId('visit-waiting-parts').waitFor();
    await phone.getByTestId('visit-follow-up').waitFor();
    // The reason as the technician gave it, and the follow-up's window with its date (another day).
    await phone.getByTestId('visit-waiting-parts').getByText('该型号电容车上无货，需从仓库调拨').waitFor();
    assert.match(
      (await phone.getByTestId('visit-follow-up').textContent()) ?? '',
      /\d{2}-\d{2} \d{2}:\d{2}–\d{2}:\d{2}/,
    );
    await shot(phone, '66-field-waiting-parts-done-phone');

    const v = (await tech.get<{ visit: Visit }>(`/api/field/visits/${visit.id}`)).visit;
    assert.equal(v.status, 'waiting_parts');
    assert.ok(v.requisitionId, 'a requisition was raised for the job');
    assert.equal(v.followUp?.status, 'proposed');
  });

  it('speaks English on request: the visit’s steps and the end screen', async () => {
    await phone.getByTestId('lang-en-US').first().click();
    await phone.locator('[data-testid="visit-step"][data-step="show_id"]').getByText('Show ID').waitFor();
    await phone.locator('[data-testid="visit-step"][data-step="safety"]').getByText('Safety').waitFor();
    assert.match((await phone.getByTestId('visit-waiting-parts').textContent()) ?? '', /[A-Za-z]{4,}/);
    assert.doesNotMatch((await phone.getByTestId('visit-steps').textContent()) ?? '', /[\u4e00-\u9fff]/);
    await shot(phone, '68-field-english-phone');
  });
});

describe('field paths: a repair past its time asks for the delay first', () => {
  let job: Job;
  let tech: Api;
  let visit: Visit;
  let context: BrowserContext;
  let phone: Page;

  before(async () => {
    job = await newJob(server.url);
    tech = await apiAs(server.url, job.username);
    visit = await stepsByApi(tech, await visitOf(tech, job), [
      ...arrived,
      { step: 'show_id' },
      { step: 'safety', powerIsolated: true, workAtHeight: false, refrigerantWork: false },
      {
        step: 'diagnosis',
        faultCategory: 'no_cooling',
        cause: '冷媒泄漏，需查漏补焊',
        // A complex repair whose expected finish passes while the test waits.
        expectedFinishAt: new Date(Date.now() + 3_000).toISOString(),
      },
    ]);
    await new Promise((r) => setTimeout(r, 3_500));
    ({ context, page: phone } = await phoneOf(job, visit.id));
  });
  after(async () => {
    await context?.close();
  });

  it('shows the delay form instead of the next step; reporting it moves the deadline and goes on', async () => {
    await phone.locator('[data-testid="visit-current"][data-step="delay"]').waitFor();
    assert.equal(await phone.getByTestId('delay-submit').isDisabled(), true);
    await phone.getByTestId('delay-reason').fill('焊点需二次处理，预计再需一小时');
    await shot(phone, '67-field-delay-phone');
    await phone.getByTestId('delay-submit').click();
    await atStep(phone, 'quote');
    const v = (await tech.get<{ visit: Visit }>(`/api/field/visits/${visit.id}`)).visit;
    const delays = v.log.filter((e) => e.step === 'delay');
    assert.equal(delays.length, 1);
    assert.equal(delays[0]?.reason, '焊点需二次处理，预计再需一小时');
    assert.equal(v.delayRequired, false);
    assert.ok(v.repairDueAt && new Date(v.repairDueAt).getTime() > Date.now() + 30 * 60_000, 'the deadline moved');
  });
});
