import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  apiSession,
  CTI_SECRET,
  DESKTOP,
  launchBrowser,
  login,
  newContext,
  PHONE,
  pickOption,
  type Server,
  selectOption,
  shot,
  startServer,
} from './support';

let server: Server;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const rnd8 = () => String(Math.floor(Math.random() * 1e8)).padStart(8, '0');

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
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('no verification code in the message log');
}

/** A /repair request through the public API (SMS code from the message log) with a photo; returns its number. */
async function webOrderWithPhoto(phone: string, photo: Buffer): Promise<{ number: string; trackingUrl: string }> {
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
      name: '孙先生',
      phone,
      code: await latestCode(phone),
      city: '广州',
      district: '天河区',
      detail: '天河北路 233 号 1502',
      unit: { brand: '格力', model: 'KFR-26GW', type: 'split_wall' },
      faultCategory: 'error_code',
      description: '显示 E1 代码，照片是铭牌',
      channel: 'web',
      consent: true,
      photo: { kind: 'nameplate', contentType: 'image/png', dataBase64: photo.toString('base64') },
    }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as { number: string; trackingUrl: string };
}

describe('intake: three channels into one review queue', () => {
  const webPhone = `139${rnd8()}`;
  const callerPhone = `138${rnd8()}`;
  let webNumber = '';
  let hotlineNumber = '';

  it('a customer reports a fault on /repair from a phone and tracks it', async () => {
    const context = await newContext(browser, PHONE);
    const page = await context.newPage();
    await page.goto(`${server.url}/repair`);
    await page.getByTestId('repair-name').fill('赵女士');
    await page.getByTestId('repair-phone').fill(webPhone);
    await page.getByTestId('repair-send-code').click();
    await page.getByTestId('repair-code').fill(await latestCode(webPhone));
    await selectOption(page, 'repair-district', '海珠区');
    await page.getByTestId('repair-detail').fill('新港中路 397 号 8 栋 602');
    await selectOption(page, 'repair-brand', '美的');
    await selectOption(page, 'repair-type', '壁挂式');
    await selectOption(page, 'repair-fault', '漏水');
    await page.getByTestId('repair-description').fill('卧室空调室内机一直滴水');
    await page.getByTestId('repair-consent').check();
    await shot(page, '20-phone-repair-form');
    await page.getByTestId('repair-submit').click();
    await page.getByTestId('repair-result-number').waitFor();
    webNumber = (await page.getByTestId('repair-result-number').innerText()).trim();
    assert.match(webNumber, /^WO-\d{8}-\d{4}$/);
    await shot(page, '21-phone-repair-submitted');

    await page.getByTestId('repair-track-link').click();
    await page.getByTestId('track-status').waitFor();
    assert.match(await page.getByTestId('track-status').innerText(), /收到|核对/);
    assert.equal((await page.getByTestId('track-view-number').innerText()).trim(), webNumber);
    await shot(page, '22-phone-track');
    await context.close();
  });

  it('an agent takes a hotline call: the screen pop opens the caller, one screen makes the order', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await login(page, server.url, 'agent1');
    await page.getByTestId('menu-hotline').click();
    await page.getByTestId('hotline-search').waitFor();

    // The call centre rings agent1: a signed CTI webhook, as the exchange would send it.
    const body = JSON.stringify({
      callId: `e2e-${rnd8()}`,
      event: 'ringing',
      caller: callerPhone,
      callee: '400-000-0000',
      agent: 'agent1',
      at: new Date().toISOString(),
    });
    const ts = Math.floor(Date.now() / 1000);
    const sig = createHmac('sha256', CTI_SECRET).update(`${ts}.${body}`).digest('hex');
    const res = await fetch(`${server.url}/api/telephony/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cti-signature': `t=${ts},v1=${sig}` },
      body,
    });
    assert.ok(res.ok, `CTI webhook answered ${res.status}`);

    const started = Date.now();
    await page.getByTestId('incoming-call-take').click({ timeout: 15_000 });
    await page.getByTestId('hotline-not-found').waitFor();
    assert.equal(await page.getByTestId('wo-phone').inputValue(), callerPhone);
    await page.getByTestId('wo-name').fill('钱先生');
    await selectOption(page, 'wo-district', '天河区');
    await page.getByTestId('wo-detail').fill('天河路 385 号 太古汇 2 座 1201');
    await selectOption(page, 'wo-brand', '格力');
    await selectOption(page, 'wo-unit-type', '壁挂式');
    await page.getByTestId('wo-model-unknown').check();
    await selectOption(page, 'wo-fault', '不制冷');
    await page.getByTestId('wo-description').fill('客厅空调只吹风不制冷，外机不转');
    await page.getByTestId('wo-estimate-at').waitFor();
    await shot(page, '23-hotline-call-filled');
    await page.getByTestId('wo-description').press('Control+Enter');
    await page.getByTestId('wo-created-number').waitFor();
    hotlineNumber = (await page.getByTestId('wo-created-number').innerText()).trim();
    assert.match(hotlineNumber, /^WO-\d{8}-\d{4}$/);
    assert.ok(Date.now() - started < 60_000, 'the order is taken within a minute of the call');
    await shot(page, '24-hotline-created');
    // The full number is on no page except the form the agent typed into: the list shows it masked.
    await page.getByTestId('menu-work-orders').click();
    await page.getByTestId('work-orders-table').locator('tbody tr.ant-table-row').first().waitFor();
    assert.ok(!(await page.content()).includes(callerPhone), 'full mobile number on the work-order list');
    await context.close();
  });

  it('a dispatcher reviews both orders and approves them', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    await login(page, server.url, 'dispatcher1');
    await page.getByTestId('menu-review').click();
    await page.getByTestId('review-table').locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, '25-dispatcher-review-queue');
    // The web order went to the Haizhu branch (by district); dispatcher1 is in Tianhe: only the hotline order.
    await page.getByTestId(`review-approve-${hotlineNumber}`).click();
    await page.getByTestId(`review-approve-${hotlineNumber}`).waitFor({ state: 'detached' });

    await page.getByTestId('menu-work-orders').click();
    await page.getByTestId('wo-search').locator('input').fill(hotlineNumber);
    await page.getByTestId('wo-search').locator('input').press('Enter');
    await page.getByTestId(`wo-link-${hotlineNumber}`).click();
    await page.getByTestId('wo-detail-status').waitFor();
    assert.equal(await page.getByTestId('wo-detail-status').getAttribute('data-status'), 'ready');
    await shot(page, '26-dispatcher-order-ready');
    // Dispatchers see the district, never the street address or a full phone.
    const text = await page.locator('body').innerText();
    assert.ok(!text.includes('太古汇'), 'street address shown to a dispatcher');
    assert.ok(!text.includes(callerPhone), 'full phone shown to a dispatcher');

    // A customer of this branch sent a photo with the request: the dispatcher sees it on the order.
    const photo = await page.screenshot({ clip: { x: 0, y: 0, width: 320, height: 200 } });
    const photoOrder = await webOrderWithPhoto(`137${rnd8()}`, photo);
    const photoNumber = photoOrder.number;
    await page.getByTestId('menu-work-orders').click();
    await page.getByTestId('wo-search').locator('input').fill(photoNumber);
    await page.getByTestId('wo-search').locator('input').press('Enter');
    await page.getByTestId(`wo-link-${photoNumber}`).click();
    const thumb = page.getByTestId('wo-photos').locator('img').first();
    await thumb.waitFor();
    await page.waitForFunction(
      (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
      await thumb.elementHandle(),
    );
    assert.equal(await thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth), 320);
    await page.getByTestId('wo-timeline-photo').click();
    await page.locator('.ant-image-preview-img').waitFor();
    await shot(page, '27-dispatcher-customer-photo');
    await page.keyboard.press('Escape');

    // The customer then asks for another time on /track: an alert of that kind on the review screen.
    const token = new URL(photoOrder.trackingUrl).searchParams.get('t');
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const moved = await fetch(`${server.url}/api/public/track/new-time`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token,
        preferredWindow: { start: `${day}T14:00:00+08:00`, end: `${day}T18:00:00+08:00` },
        note: '下午家里有人',
      }),
    });
    assert.equal(moved.status, 200, await moved.clone().text());
    await page.getByTestId('menu-review').click();
    await page.getByTestId('alerts-filter-kind').click();
    await pickOption(page, '客户改约');
    const alert = page.getByTestId(`alert-${photoNumber}`);
    await alert.waitFor();
    assert.equal(await alert.getAttribute('data-kind'), 'customer_new_time');
    assert.match(await alert.getByTestId('alert-window').innerText(), /14:00 – .*18:00/);
    await shot(page, '28-dispatcher-alert-new-time');
    await context.close();
  });
});
