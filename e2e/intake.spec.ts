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
    await page.getByTestId('repair-district').click();
    await pickOption(page, '海珠区');
    await page.getByTestId('repair-detail').fill('新港中路 397 号 8 栋 602');
    await page.getByTestId('repair-brand').click();
    await pickOption(page, '美的');
    await page.getByTestId('repair-type').click();
    await pickOption(page, '壁挂式');
    await page.getByTestId('repair-fault').click();
    await pickOption(page, '漏水');
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
    await page.getByTestId('wo-district').click();
    await pickOption(page, '天河区');
    await page.getByTestId('wo-detail').fill('天河路 385 号 太古汇 2 座 1201');
    await page.getByTestId('wo-brand').click();
    await pickOption(page, '格力');
    await page.getByTestId('wo-unit-type').click();
    await pickOption(page, '壁挂式');
    await page.getByTestId('wo-model-unknown').check();
    await page.getByTestId('wo-fault').click();
    await pickOption(page, '不制冷');
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
    await context.close();
  });
});
