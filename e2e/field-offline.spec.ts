import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Visit } from '@shared/contracts/field.contract';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Api, apiAs } from './dispatch-support';
import {
  atStep,
  beijingDate,
  drawSignature,
  fillInput,
  type Job,
  jpegFromPage,
  newJob,
  stepsByApi,
  submitStep,
  visitOf,
} from './field-support';
import { launchBrowser, login, newContext, PHONE, type Server, shot, startServer } from './support';

// The technician's phone without signal (issue 6 "Offline", PWA): the service worker and the manifest; the day and
// the visit open after a reload with no network; steps, a photo and the customer's signature are queued, shown
// applied, and synced once when the network is back; a step made on a visit the office edited meanwhile comes back
// as a conflict with both versions and is resubmitted on the latest version.

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

const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

async function waitBar(page: Page, attrs: Record<string, string>, timeout = 20_000): Promise<void> {
  const sel = Object.entries(attrs)
    .map(([k, v]) => `[data-${k}="${v}"]`)
    .join('');
  await page.locator(`[data-testid="field-sync-bar"]${sel}`).waitFor({ timeout });
}

async function phoneFor(job: Job): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, PHONE);
  await context.grantPermissions(['geolocation'], { origin: server.url });
  await context.setGeolocation({ latitude: 23.1291, longitude: 113.3245, accuracy: 20 });
  const page = await context.newPage();
  if (process.env.E2E_DEBUG) page.on('console', (m) => console.log(`[page] ${m.type()} ${m.text()}`));
  await login(page, server.url, job.username);
  return { context, page };
}

describe('field offline: the phone keeps working without signal', () => {
  let job: Job;
  let tech: Api;
  let visit: Visit;
  let context: BrowserContext;
  let phone: Page;

  before(async () => {
    job = await newJob(server.url);
    tech = await apiAs(server.url, job.username);
    visit = await visitOf(tech, job);
    // Online through the API up to the tests (accept … repair): a plan without parts, signed by the customer.
    visit = await stepsByApi(tech, visit, [
      { step: 'accept' },
      { step: 'contacted', addressConfirmed: true, timeConfirmed: true },
      { step: 'depart', etaAt: minutesFromNow(30) },
      { step: 'arrive', position: { lat: 23.13, lng: 113.33 } },
      { step: 'show_id' },
      { step: 'safety', powerIsolated: true, workAtHeight: false, refrigerantWork: false },
      {
        step: 'diagnosis',
        faultCategory: 'no_cooling',
        cause: '室内机过滤网严重堵塞',
        expectedFinishAt: minutesFromNow(240),
      },
      { step: 'quote', parts: [], travelKm: 6 },
    ]);
    visit = await stepsByApi(tech, visit, [
      {
        method: 'signature',
        quoteVersion: visit.quote?.version ?? 1,
        signerName: '王先生',
        signature: { contentType: 'image/png', dataBase64: PNG_BASE64 },
        acceptedNonDesignated: [],
      },
      { step: 'repair', workDone: '清洗过滤网和蒸发器', parts: [] },
    ]);
    assert.equal(visit.next, 'tests');
  });

  after(async () => {
    await context?.close();
  });

  it('the service worker controls the page; the manifest and the icons load', async () => {
    ({ context, page: phone } = await phoneFor(job));
    await phone.goto(`${server.url}/me/jobs`);
    await phone.getByTestId('my-jobs').waitFor();
    await phone.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The first page load is not controlled yet (clients.claim takes it over): wait until it is.
    await phone.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
    const manifestHref = await phone.locator('link[rel="manifest"]').getAttribute('href');
    assert.equal(manifestHref, '/manifest.webmanifest');
    const res = await phone.request.get(`${server.url}/manifest.webmanifest`);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type'] ?? '', /application\/manifest\+json/);
    const manifest = (await res.json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; purpose: string }[];
    };
    assert.equal(manifest.name, '空调售后 · 技师');
    assert.equal(manifest.start_url, '/me/jobs');
    assert.equal(manifest.display, 'standalone');
    assert.deepEqual(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`).sort(), [
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);
    for (const icon of manifest.icons) {
      const r = await phone.request.get(`${server.url}${icon.src}`);
      assert.equal(r.status(), 200);
      assert.equal(r.headers()['content-type'], 'image/png');
      const size = Number(icon.sizes.split('x')[0]);
      const body = await r.body();
      assert.equal(body.readUInt32BE(16), size, `${icon.src} is ${size} px wide`);
    }
    const sw = await phone.request.get(`${server.url}/sw.js`);
    assert.equal(sw.headers()['cache-control'], 'no-cache');
    assert.match(sw.headers()['content-type'] ?? '', /javascript/);
    const csp = sw.headers()['content-security-policy'] ?? '';
    assert.match(csp, /worker-src 'self'/);
    assert.match(csp, /manifest-src 'self'/);
    const cached = await phone.evaluate(async () => {
      const names = await caches.keys();
      let bytes = 0;
      let files = 0;
      for (const n of names) {
        const c = await caches.open(n);
        for (const req of await c.keys()) {
          const r = await c.match(req);
          bytes += r ? (await r.arrayBuffer()).byteLength : 0;
          files++;
        }
      }
      return { names, bytes, files };
    });
    assert.ok(cached.names.some((n) => n.startsWith('aircare-shell-')));
    assert.ok(cached.files > 3);
    console.log(`shell cache: ${cached.files} files, ${(cached.bytes / 1024).toFixed(0)} KiB`);
  });

  it('opens the day and the visit online, then without signal after a reload', async () => {
    const card = phone.locator(`[data-testid="my-job"][data-number="${job.number}"]`);
    if (job.date !== beijingDate(0)) await phone.getByTestId('my-jobs-tomorrow').click();
    await card.waitFor().catch(async (err) => {
      await shot(phone, 'failed-offline-today');
      throw err;
    });
    await card.getByTestId('job-open-visit').click();
    await phone.waitForURL((u) => u.pathname === `/me/visits/${visit.id}`);
    await atStep(phone, 'tests');
    await waitBar(phone, { online: 'true', pending: '0' });

    await context.setOffline(true);
    await phone.reload();
    await atStep(phone, 'tests');
    await waitBar(phone, { online: 'false' });
    await phone.getByTestId('field-offline-data').waitFor();
    await shot(phone, '70-field-offline-visit-phone');
    // The day too (the visits of the day were saved with it).
    await phone.getByTestId('visit-back').click();
    await phone.getByTestId('my-jobs').waitFor();
    if (job.date !== beijingDate(0)) await phone.getByTestId('my-jobs-tomorrow').click();
    await phone.locator(`[data-testid="my-job"][data-number="${job.number}"]`).waitFor();
    await shot(phone, '71-field-offline-today-phone');
    await phone.locator(`[data-testid="my-job"][data-number="${job.number}"]`).getByTestId('job-open-visit').click();
    await atStep(phone, 'tests');
  });

  it('does the tests, handover, site cleaned with a photo and the customer’s signature offline: all queued', async () => {
    await fillInput(phone, 'tests-reading-inletTemp', '27');
    await fillInput(phone, 'tests-reading-outletTemp', '12');
    await fillInput(phone, 'tests-reading-pressureMpa', '0.95');
    await fillInput(phone, 'tests-reading-currentA', '5.2');
    await phone.getByTestId('tests-no-leaks').click();
    await phone.getByTestId('tests-remote').click();
    await phone.getByTestId('tests-noise').click();
    await submitStep(phone, 'tests', 'handover');
    await waitBar(phone, { online: 'false', pending: '1' });

    await phone.getByTestId('handover-shown').click();
    await submitStep(phone, 'handover', 'site_cleaned');

    await phone.getByTestId('site-cleaned').click();
    await phone.getByTestId('site-old-parts').click();
    const jpeg = await jpegFromPage(phone, 'after (offline)');
    await phone
      .getByTestId('site-photos-input')
      .setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await phone
      .locator('[data-testid="site-photos"] [data-testid="photo-thumb"][data-queued="true"]')
      .waitFor()
      .catch(async (err) => {
        await shot(phone, 'failed-offline-photo');
        throw err;
      });
    await submitStep(phone, 'site_cleaned', 'signature');

    await phone.getByTestId('signature-signer').fill('王先生');
    await drawSignature(phone, 'completion-signature');
    await submitStep(phone, 'signature', 'complete');
    // 4 steps + 1 photo waiting; the steps show done on the phone.
    await waitBar(phone, { online: 'false', pending: '5' });
    for (const step of ['tests', 'handover', 'site_cleaned', 'signature']) {
      assert.equal(
        await phone.locator(`[data-testid="visit-step"][data-step="${step}"]`).getAttribute('data-status'),
        'done',
      );
      // …marked as waiting for the server.
      await phone
        .locator(`[data-testid="visit-step"][data-step="${step}"] [data-testid="visit-step-pending"]`)
        .waitFor();
    }
    await shot(phone, '72-field-offline-queued-phone');
    // Nothing reached the server.
    const now = (await tech.get<{ visit: Visit }>(`/api/field/visits/${visit.id}`)).visit;
    assert.equal(now.next, 'tests');
    assert.equal(now.version, visit.version);
  });

  it('back online: synced automatically, each step once on the server with the photo', async () => {
    const started = Date.now();
    await context.setOffline(false);
    await waitBar(phone, { online: 'true', pending: '0' }, 30_000);
    console.log(`sync of 5 items (4 steps, 1 photo): ${Date.now() - started} ms after going online`);
    await shot(phone, '73-field-synced-phone');
    await phone.locator('[data-testid="visit-step-pending"]').first().waitFor({ state: 'detached' });
    const v = (await tech.get<{ visit: Visit }>(`/api/field/visits/${visit.id}`)).visit;
    assert.equal(v.next, 'complete');
    for (const step of ['tests', 'handover', 'site_cleaned', 'signature']) {
      const rows = v.log.filter((l) => l.step === step);
      assert.equal(rows.length, 1, `${step} once in the log`);
      assert.equal(rows[0]?.source, 'offline');
    }
    const photo = v.photos.find((p) => p.step === 'site_cleaned');
    assert.ok(photo, 'the photo taken offline is on the server');
    const siteRow = v.log.find((l) => l.step === 'site_cleaned');
    assert.deepEqual((siteRow?.data as { photoIds?: string[] } | undefined)?.photoIds, [photo.id]);
    assert.ok(v.signatures.some((s) => s.purpose === 'completion'));
    // The page shows the server's visit: next is the completion.
    await atStep(phone, 'complete');
    await phone.getByTestId('visit-complete').click();
    await phone.getByTestId('visit-done').waitFor();
  });
});

describe('field offline: a step queued on a visit the office edited meanwhile', () => {
  let job: Job;
  let tech: Api;
  let visit: Visit;
  let context: BrowserContext;
  let phone: Page;

  before(async () => {
    job = await newJob(server.url);
    tech = await apiAs(server.url, job.username);
    visit = await visitOf(tech, job);
    visit = await stepsByApi(tech, visit, [
      { step: 'accept' },
      { step: 'contacted', addressConfirmed: true, timeConfirmed: true },
      { step: 'depart', etaAt: minutesFromNow(30) },
    ]);
    ({ context, page: phone } = await phoneFor(job));
  });

  after(async () => {
    await context?.close();
  });

  it('shows both versions and applies the step resubmitted on the latest version', async () => {
    await phone.goto(`${server.url}/me/visits/${visit.id}`);
    await atStep(phone, 'arrive');
    await waitBar(phone, { online: 'true' });

    await context.setOffline(true);
    await submitStep(phone, 'arrive', 'show_id');
    await waitBar(phone, { online: 'false', pending: '1' });

    // Meanwhile the office writes a note on the visit (its version moves).
    const dispatcher = await apiAs(server.url, 'dispatcher1');
    const current = (await dispatcher.get<{ visit: Visit }>(`/api/field/visits/${visit.id}`)).visit;
    await dispatcher.send('PATCH', `/api/field/visits/${visit.id}`, {
      version: current.version,
      officeNote: '客户要求顺便检查客厅另一台空调',
    });

    await context.setOffline(false);
    await waitBar(phone, { online: 'true', problems: '1' }, 30_000);
    await phone.getByTestId('field-sync-problems').click();
    const problem = phone.locator('[data-testid="sync-problem"][data-kind="conflict"]');
    await problem.waitFor();
    await problem.getByTestId('sync-problem-yours').waitFor();
    const theirs = (await problem.getByTestId('sync-problem-theirs').textContent()) ?? '';
    assert.match(theirs, /客户要求顺便检查客厅另一台空调/);
    const office = await dispatcher.get<{ displayName: string }>('/api/auth/me');
    assert.ok(theirs.includes(office.displayName), 'who changed it');
    await shot(phone, '74-field-conflict-phone');
    await problem.getByTestId('sync-problem-reapply').click();
    await waitBar(phone, { online: 'true', pending: '0', problems: '0' }, 30_000);

    const v = (await tech.get<{ visit: Visit }>(`/api/field/visits/${visit.id}`)).visit;
    assert.equal(v.log.filter((l) => l.step === 'arrive').length, 1);
    assert.equal(v.officeNote, '客户要求顺便检查客厅另一台空调');
    assert.notEqual(v.arrivedAt, null);
    assert.equal(v.next, 'show_id');
    await shot(phone, '75-field-conflict-resolved-phone');
  });
});
