import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MyFieldJob, Visit } from '@shared/contracts/field.contract';
import type { Part } from '@shared/contracts/parts.contract';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiAs } from './dispatch-support';
import {
  atStep,
  beijingDate,
  drawSignature,
  fillInput,
  type Job,
  jpegFromPage,
  newJob,
  submitStep,
} from './field-support';
import { launchBrowser, login, newContext, PHONE, type Server, shot, startServer } from './support';

// The technician's phone app (issue 6, policy ch. 4): Today, then one whole visit online, step by step, with a
// photo taken on the phone and the customer's signatures drawn on the canvas, ending on the done screen; the server's
// state is checked through the API at the end.

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

/** Takes a photo with the phone's camera input and waits for its uploaded thumbnail (an error fails at once). */
async function addPhoto(page: Page, testId: string, label: string): Promise<void> {
  const jpeg = await jpegFromPage(page, label);
  await page
    .getByTestId(`${testId}-input`)
    .setInputFiles({ name: `${label}.jpg`, mimeType: 'image/jpeg', buffer: jpeg });
  const thumb = page.locator(`[data-testid="${testId}"] [data-testid="photo-thumb"][data-queued="false"]`);
  const error = page.getByTestId(`${testId}-error`);
  await thumb.or(error).first().waitFor();
  if (await error.isVisible()) assert.fail(`photo upload: ${await error.textContent()}`);
}

describe('field: a technician runs a whole visit on the phone', () => {
  let job: Job;
  let context: BrowserContext;
  let phone: Page;
  let visitId: string;
  let part: Part;

  before(async () => {
    job = await newJob(server.url);
    // A designated part that needs no serial or lot, to quote and fit (issued for the job when not in the van).
    const tech = await apiAs(server.url, job.username);
    const parts = await tech.get<{ items: Part[] }>('/api/parts?q=%E7%94%B5%E5%AE%B9&active=true&pageSize=50');
    const plain = parts.items.find((p) => p.designated && !p.valuable && !p.lotTracked && !p.serialTracked);
    assert.ok(plain, 'a plain designated capacitor in the catalog');
    part = plain;
  });

  after(async () => {
    await context?.close();
  });

  it('Today lists the job with its window, fault and parts; accepting it opens the visit', async () => {
    context = await newContext(browser, PHONE);
    await context.grantPermissions(['geolocation'], { origin: server.url });
    await context.setGeolocation({ latitude: 23.1291, longitude: 113.3245, accuracy: 20 });
    phone = await context.newPage();
    await login(phone, server.url, job.username);
    await phone.goto(`${server.url}/me/jobs`);
    await phone.getByTestId('my-jobs').waitFor();
    if (job.date !== beijingDate(0)) await phone.getByTestId('my-jobs-tomorrow').click();
    const card = phone.locator(`[data-testid="my-job"][data-number="${job.number}"]`);
    await card.waitFor();
    assert.equal(await card.getAttribute('data-state'), 'assigned');
    assert.match((await card.getByTestId('my-job-window').textContent()) ?? '', /\d\d:\d\d–\d\d:\d\d/);
    visitId = (await card.getAttribute('data-visit-id')) ?? '';
    assert.ok(visitId);
    await shot(phone, '50-field-today-phone');
    await card.getByTestId('job-accept').click();
    await phone.locator(`[data-testid="my-job"][data-number="${job.number}"][data-state="accepted"]`).waitFor();
    await card.getByTestId('job-open-visit').click();
    await phone.waitForURL((u) => u.pathname === `/me/visits/${visitId}`);
    await phone.getByTestId('visit-header').waitFor();
    assert.equal(
      await phone.locator('[data-testid="visit-step"][data-step="accept"]').getAttribute('data-status'),
      'done',
    );
  });

  it('contacts the customer, departs with an ETA, checks in with the position, shows the ID', async () => {
    await atStep(phone, 'contacted');
    await phone.getByTestId('contacted-address').click();
    await phone.getByTestId('contacted-time').click();
    await shot(phone, '51-field-contacted-phone');
    await submitStep(phone, 'contacted', 'depart');
    await phone.getByTestId('depart-eta-30').click();
    await shot(phone, '52-field-depart-phone');
    await submitStep(phone, 'depart', 'arrive');
    await submitStep(phone, 'arrive', 'show_id');
    assert.ok(((await phone.getByTestId('show-id-staff-no').textContent()) ?? '').trim().length > 0);
    await shot(phone, '53-field-show-id-phone');
    await submitStep(phone, 'show_id', 'safety');
  });

  it('safety, diagnosis with a photo taken on the phone, plan and quote', async () => {
    await phone.getByTestId('safety-power').click();
    await phone.getByTestId('safety-height').click();
    await phone.getByTestId('safety-height-secured').click();
    await shot(phone, '54-field-safety-phone');
    await submitStep(phone, 'safety', 'diagnosis');

    // An error-code category needs a code of the catalog: take the first one offered.
    const tech = await apiAs(server.url, job.username);
    const { visit } = await tech.get<{ visit: Visit }>(`/api/field/visits/${visitId}`);
    if (visit.workOrder.faultCategory === 'error_code') {
      await phone.getByTestId('diag-code').click();
      await phone
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .first()
        .click();
    }
    await phone.getByTestId('diag-cause').fill('启动电容容量衰减，压缩机无法启动');
    if (await phone.getByTestId('diag-finish-2').isVisible()) await phone.getByTestId('diag-finish-2').click();
    await addPhoto(phone, 'diag-photos', 'fault');
    await shot(phone, '55-field-diagnosis-phone');
    await submitStep(phone, 'diagnosis', 'quote');

    await phone.getByTestId('quote-part-search').click();
    await phone.keyboard.type(part.code);
    await phone
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: part.code })
      .first()
      .click();
    await phone.locator(`[data-testid="quote-line"][data-part-id="${part.id}"]`).waitFor();
    await fillInput(phone, 'quote-travel-km', '8');
    await shot(phone, '56-field-quote-phone');
    await submitStep(phone, 'quote', 'consent');
  });

  it('the customer signs the quote on the canvas', async () => {
    await phone.getByTestId('quote-view').waitFor();
    assert.equal(await phone.locator('[data-testid="quote-view-line"][data-kind="part"]').count(), 1);
    await phone.getByTestId('consent-signer').fill('王先生');
    await drawSignature(phone, 'consent-signature');
    await shot(phone, '57-field-consent-signature-phone');
    await phone.getByTestId('consent-submit').click();
    await atStep(phone, 'repair');
  });

  it('repair, tests with readings, handover, site cleaned with an after photo', async () => {
    await phone.locator(`[data-testid="repair-line"][data-part-id="${part.id}"]`).waitFor();
    await shot(phone, '58-field-repair-phone');
    await submitStep(phone, 'repair', 'tests');

    await fillInput(phone, 'tests-reading-inletTemp', '27');
    await fillInput(phone, 'tests-reading-outletTemp', '12');
    await fillInput(phone, 'tests-reading-pressureMpa', '0.95');
    await fillInput(phone, 'tests-reading-currentA', '5.2');
    await phone.getByTestId('tests-no-leaks').click();
    await phone.getByTestId('tests-remote').click();
    await phone.getByTestId('tests-noise').click();
    await shot(phone, '59-field-tests-phone');
    await submitStep(phone, 'tests', 'handover');

    await phone.getByTestId('handover-shown').click();
    await phone.getByTestId('handover-advice-input').fill('室外机支架锈蚀，建议一年内更换');
    await phone.getByTestId('handover-advice-add').click();
    await phone.getByTestId('handover-advice-list').waitFor();
    await submitStep(phone, 'handover', 'site_cleaned');

    await phone.getByTestId('site-cleaned').click();
    await phone.getByTestId('site-old-parts').click();
    await addPhoto(phone, 'site-photos', 'after');
    await shot(phone, '60-field-site-cleaned-phone');
    await submitStep(phone, 'site_cleaned', 'signature');
  });

  it('the customer signs the completion; the visit completes and shows the service record link', async () => {
    await phone.getByTestId('signature-signer').fill('王先生');
    await drawSignature(phone, 'completion-signature');
    await shot(phone, '61-field-completion-signature-phone');
    await submitStep(phone, 'signature', 'complete');
    await phone.getByTestId('visit-complete').click();
    await phone.getByTestId('visit-done').waitFor();
    const href = await phone.getByTestId('visit-record-link').getAttribute('href');
    assert.equal(href, `/api/field/visits/${visitId}/record`);
    assert.equal(await phone.getByTestId('visit-record-pdf').getAttribute('href'), `${href}?format=pdf`);
    await shot(phone, '62-field-done-phone');

    // The record opens with the technician's session.
    const record = await phone.request.get(`${server.url}${href}`);
    assert.equal(record.status(), 200);
    assert.match(await record.text(), new RegExp(job.number));
  });

  it('the server has the visit completed with both signatures, the photos and the order completed', async () => {
    const tech = await apiAs(server.url, job.username);
    const { visit } = await tech.get<{ visit: Visit }>(`/api/field/visits/${visitId}`);
    assert.equal(visit.status, 'completed');
    assert.equal(visit.next, null);
    assert.deepEqual(visit.signatures.map((s) => s.purpose).sort(), ['completion', 'consent']);
    assert.ok(visit.photos.some((p) => p.step === 'diagnosis'));
    assert.ok(visit.photos.some((p) => p.step === 'site_cleaned' && p.kind === 'after'));
    assert.equal(visit.parts.length, 1);
    assert.equal(visit.parts[0]?.partId, part.id);
    assert.equal(visit.tests?.readings.length, 4);
    assert.deepEqual(visit.advice, ['室外机支架锈蚀，建议一年内更换']);
    assert.equal(visit.arrivedAt !== null, true);
    const dispatcher = await apiAs(server.url, 'dispatcher1');
    const order = await dispatcher.get<{ status: string }>(`/api/work-orders/${job.workOrderId}`);
    assert.equal(order.status, 'completed');
    // The day list shows it done.
    const day = await tech.get<{ items: MyFieldJob[] }>(`/api/field/my-jobs?date=${job.date}`);
    assert.equal(day.items.find((j) => j.visit.id === visitId)?.visit.status, 'completed');
  });
});
