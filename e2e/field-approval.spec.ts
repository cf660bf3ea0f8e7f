import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Visit } from '@shared/contracts/field.contract';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Api, apiAs } from './dispatch-support';
import { type Job, newJob, stepsByApi, visitOf } from './field-support';
import { launchBrowser, newContext, PHONE, type Server, shot, startServer } from './support';

// The customer's approval by link (policy ch. 4: the customer agrees to the plan and the quote before the repair;
// a part that is not the company's designated one needs their explicit agreement to its price difference and warranty).
// A technician quotes a non-designated part (through the API) and sends the approval link; the SMS, read from the
// admin's message log, leads the customer's phone to /approve, which shows the quote and the non-designated part's
// terms; approving (a double tap acts once) completes the consent step and the technician goes on to repair.
// A second visit: the first link is replaced by a second one, the customer declines with the second; a new quote
// voids it. A wrong token shows the invalid state.

let server: Server;
let browser: Browser;
let admin: Api;

before(async () => {
  // E2E_URL: reuse a server already running with the demo data (a quicker loop while writing the test).
  server = process.env.E2E_URL ? { url: process.env.E2E_URL, stop: async () => {} } : await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

interface CatalogPart {
  id: string;
  code: string;
  name: string;
  category: string;
  designated: boolean;
  warrantyMonths: number;
  active: boolean;
}

/** fen → "¥1,234.50", written out here so that the page's own formatting is what is checked. */
function yuan(fen: number): string {
  const abs = Math.abs(fen);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();

/** A non-designated part of the demo catalog and a designated one of the same category it can stand in for. */
async function partPair(tech: Api): Promise<{ alt: CatalogPart; designated: CatalogPart }> {
  const catalog = await tech.get<{ items: CatalogPart[] }>('/api/parts?pageSize=200&active=true');
  // A universal remote instead of the brand's one when the catalog has both (the demo's does), else any pair.
  const alternatives = catalog.items
    .filter((p) => !p.designated && p.warrantyMonths > 0)
    .sort((a, b) => Number(b.category === 'remote') - Number(a.category === 'remote'));
  for (const alt of alternatives) {
    const designated = catalog.items.find((p) => p.designated && p.category === alt.category);
    if (designated) return { alt, designated };
  }
  throw new Error('no non-designated part with a designated one of its category in the demo catalog');
}

/** The visit of a new job taken through the API up to the quote: accepted, on site, diagnosed. */
async function diagnosedVisit(): Promise<{ job: Job; tech: Api; visit: Visit }> {
  const job = await newJob(server.url);
  const tech = await apiAs(server.url, job.username);
  const visit = await stepsByApi(tech, await visitOf(tech, job), [
    { step: 'accept' },
    { step: 'contacted', addressConfirmed: true, timeConfirmed: true },
    { step: 'depart', etaAt: new Date(Date.now() + 30 * 60_000).toISOString() },
    { step: 'arrive', position: { lat: 23.135, lng: 113.327, accuracyM: 12 } },
    { step: 'show_id' },
    { step: 'safety', powerIsolated: true, workAtHeight: false, refrigerantWork: false },
    {
      step: 'diagnosis',
      faultCategory: 'no_cooling',
      cause: '遥控器红外发射管损坏，空调收不到开机信号',
      expectedFinishAt: new Date(Date.now() + 6 * 3_600_000).toISOString(),
    },
  ]);
  return { job, tech, visit };
}

/** Ids of the approval SMS already sent for the order. */
async function approvalMessageIds(workOrderId: string): Promise<Set<string>> {
  const log = await admin.get<{ items: { id: string }[] }>(
    `/api/messages?template=quote_approval&workOrderId=${workOrderId}&pageSize=50`,
  );
  return new Set(log.items.map((m) => m.id));
}

/**
 * The technician sends the approval link (recordConsent by link); the customer's SMS, read from the message log (log
 * transport), carries it: its token, and the amount the SMS quotes.
 */
async function sendLink(tech: Api, visit: Visit): Promise<{ visit: Visit; token: string; sms: string }> {
  const quote = visit.quote;
  assert.ok(quote, 'the visit has a quote');
  const seen = await approvalMessageIds(visit.workOrderId);
  const sent = await stepsByApi(tech, visit, [{ method: 'link', quoteVersion: quote.version }]);
  const log = await admin.get<{ items: { id: string; text: string }[] }>(
    `/api/messages?template=quote_approval&workOrderId=${visit.workOrderId}&pageSize=50`,
  );
  const sms = log.items.find((m) => !seen.has(m.id));
  assert.ok(sms, 'the approval SMS is in the message log');
  const url = /https?:\/\/\S+\/approve\?t=[^\s，。]+/.exec(sms.text)?.[0];
  assert.ok(url, `the SMS carries the approval link: ${sms.text}`);
  const token = new URL(url).searchParams.get('t');
  assert.ok(token, 'the link carries a token');
  return { visit: sent, token, sms: sms.text };
}

async function openLink(context: BrowserContext, token: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/approve?t=${encodeURIComponent(token)}`);
  await page.getByTestId('approve-page').waitFor();
  return page;
}

async function getVisit(tech: Api, id: string): Promise<Visit> {
  return (await tech.get<{ visit: Visit }>(`/api/field/visits/${id}`)).visit;
}

describe('field: the customer approves the quote from the SMS link on the phone', () => {
  let context: BrowserContext;

  before(async () => {
    context = await newContext(browser, PHONE);
  });

  after(async () => {
    await context?.close();
  });

  it('shows the quote and the non-designated part; a double tap approves once; the technician goes on', async () => {
    const { job, tech, visit: diagnosed } = await diagnosedVisit();
    const { alt, designated } = await partPair(tech);
    const quoted = await stepsByApi(tech, diagnosed, [
      {
        step: 'quote',
        parts: [{ partId: alt.id, quantity: 2, source: 'job', insteadOfPartId: designated.id }],
        travelKm: 6,
      },
    ]);
    const quote = quoted.quote;
    assert.ok(quote, 'quoted');
    const terms = quote.nonDesignated[0];
    assert.ok(terms, 'the quote lists the non-designated part’s terms');
    assert.notEqual(terms.totalDifferenceFen, 0, 'the two parts differ in price');

    const { token, sms } = await sendLink(tech, quoted);
    assert.match(sms, new RegExp(job.number));
    assert.match(sms, new RegExp(`${(quote.customerPaysFen / 100).toFixed(2)}元`));

    const page = await openLink(context, token);
    await page.getByTestId('approve-view').waitFor();
    assert.equal(await page.getByTestId('approve-view').getAttribute('data-status'), 'pending');
    assert.equal(await text(page, 'approve-order-number'), job.number);
    assert.ok((await page.getByTestId('approve-expires').getAttribute('data-at')) !== null, 'the expiry shows');

    // The lines: labour (minutes and tier), the part (quantity and unit price), travel; covered ones struck through.
    const lines = page.getByTestId('approve-quote-line');
    assert.deepEqual(
      await lines.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind'))),
      quote.lines.map((l) => l.kind),
    );
    const labour = (await page.locator('[data-testid="approve-quote-line"][data-kind="labour"]').textContent()) ?? '';
    assert.match(labour, new RegExp(`${quote.labourMinutes} 分钟，难度 ${quote.difficulty} 级`));
    const partLine = quote.lines.find((l) => l.kind === 'part');
    assert.ok(partLine);
    const partText = (await page.locator('[data-testid="approve-quote-line"][data-kind="part"]').textContent()) ?? '';
    assert.ok(partText.includes(partLine.description), partText);
    assert.ok(partText.includes(`单价 ${yuan(partLine.unitPriceFen)} × 2`), partText);
    assert.ok(partText.includes('非指定配件'), partText);
    for (const [i, l] of quote.lines.entries()) {
      const row = lines.nth(i);
      assert.equal(await row.getAttribute('data-covered'), String(l.covered));
      assert.equal(await row.locator('s').count(), l.covered ? 1 : 0, `line ${i} struck through iff covered`);
      assert.equal(await row.getByTestId('approve-line-covered').count(), l.covered ? 1 : 0);
      assert.equal(((await row.getByTestId('approve-line-amount').textContent()) ?? '').trim(), yuan(l.amountFen));
    }
    assert.equal(await text(page, 'approve-total'), yuan(quote.totalFen));
    assert.equal(await text(page, 'approve-customer-pays'), yuan(quote.customerPaysFen));

    // The non-designated part: what instead of what, the price difference, both warranties, not covered.
    const box = page.getByTestId('approve-non-designated');
    assert.equal(await box.count(), 1);
    const boxText = (await box.textContent()) ?? '';
    assert.ok(boxText.includes(`${alt.code} ${alt.name} × 2`), boxText);
    assert.ok(boxText.includes(`${designated.code} ${designated.name}`), boxText);
    const more = terms.unitPriceDifferenceFen > 0;
    assert.equal(
      await text(page, 'approve-nd-difference'),
      `每件${more ? '贵' : '便宜'} ${yuan(Math.abs(terms.unitPriceDifferenceFen))}，共${more ? '多' : '少'} ${yuan(Math.abs(terms.totalDifferenceFen))}`,
    );
    assert.equal(
      await text(page, 'approve-nd-warranty'),
      `${terms.warrantyMonths} 个月（指定配件 ${terms.designatedWarrantyMonths} 个月）`,
    );
    assert.equal(await text(page, 'approve-nd-not-covered'), '不在公司保修范围内');
    assert.match(await text(page, 'approve-accept-note'), /非公司指定配件.*不在公司保修范围内/);
    // The page fits the phone: nothing wider than the screen.
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      'no horizontal scroll',
    );
    await shot(page, '90-customer-approve-quote-phone');

    // A double tap: one request, one decision.
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/public/quote-approvals/')) posts.push(r.url());
    });
    await page.getByTestId('approve-accept').dblclick();
    await page.getByTestId('approve-result').waitFor();
    assert.equal(await page.getByTestId('approve-result').getAttribute('data-decision'), 'approve');
    assert.match(await text(page, 'approve-result'), /已同意，工程师将开始维修/);
    assert.equal(posts.length, 1, 'one decision sent');
    await shot(page, '91-customer-approve-done-phone');

    // The technician's side: the consent is approved; the consent step is done once, by the customer; repair next.
    const after = await getVisit(tech, quoted.id);
    assert.equal(after.consent?.status, 'approved');
    assert.equal(after.consent?.method, 'link');
    assert.equal(after.next, 'repair');
    assert.equal(after.steps.find((s) => s.step === 'consent')?.status, 'done');
    assert.equal(after.log.filter((e) => e.step === 'consent').length, 1);
    assert.equal(after.workOrder.status, 'in_repair');
    const repaired = await stepsByApi(tech, after, [
      { step: 'repair', workDone: '更换遥控器（客户同意使用非指定配件）', parts: [] },
    ]);
    assert.equal(repaired.steps.find((s) => s.step === 'repair')?.status, 'done');

    // The link again: its state in words, no buttons.
    await page.reload();
    await page.getByTestId('approve-state').waitFor();
    assert.equal(await page.getByTestId('approve-state').getAttribute('data-status'), 'approved');
    assert.equal(await page.getByTestId('approve-accept').count(), 0);
    assert.equal(await page.getByTestId('approve-decline').count(), 0);
    await page.close();
  });

  it('a replaced link says so; the customer declines with the new one (asked first); a new quote voids it', async () => {
    const { tech, visit: diagnosed } = await diagnosedVisit();
    const { alt, designated } = await partPair(tech);
    const quoted = await stepsByApi(tech, diagnosed, [
      {
        step: 'quote',
        parts: [{ partId: alt.id, quantity: 1, source: 'job', insteadOfPartId: designated.id }],
        travelKm: 3,
      },
    ]);
    const first = await sendLink(tech, quoted);
    const second = await sendLink(tech, first.visit);
    assert.notEqual(first.token, second.token);

    const old = await openLink(context, first.token);
    await old.getByTestId('approve-state').waitFor();
    assert.equal(await old.getByTestId('approve-state').getAttribute('data-status'), 'superseded');
    assert.equal(await old.getByTestId('approve-accept').count(), 0);
    await old.close();

    const page = await openLink(context, second.token);
    await page.getByTestId('approve-accept').waitFor();
    await page.getByTestId('approve-decline').click();
    // Asked first: nothing is sent until the customer confirms.
    assert.match((await page.getByTestId('approve-page').textContent()) ?? '', /确定不同意吗？/);
    assert.equal((await getVisit(tech, quoted.id)).consent?.status, 'pending');
    await shot(page, '92-customer-approve-decline-ask-phone');
    await page.getByTestId('approve-decline-confirm').click();
    await page.getByTestId('approve-result').waitFor();
    assert.equal(await page.getByTestId('approve-result').getAttribute('data-decision'), 'decline');
    assert.match(await text(page, 'approve-result'), /已拒绝，工程师会与您沟通/);

    const declined = await getVisit(tech, quoted.id);
    assert.equal(declined.consent?.status, 'declined');
    assert.equal(declined.next, 'consent', 'no repair without consent');
    assert.equal(declined.workOrder.status, 'diagnosed');

    await page.reload();
    await page.getByTestId('approve-state').waitFor();
    assert.equal(await page.getByTestId('approve-state').getAttribute('data-status'), 'declined');

    // The technician quotes again: the declined link no longer opens.
    await stepsByApi(tech, declined, [{ step: 'quote', parts: [], travelKm: 3 }]);
    await page.reload();
    await page.getByTestId('approve-invalid').waitFor();
    await page.close();
  });

  it('a wrong, malformed or missing token: 链接无效或已过期', async () => {
    const page = await context.newPage();
    for (const query of [`?t=${'x'.repeat(32)}`, '?t=short', '']) {
      await page.goto(`${server.url}/approve${query}`);
      await page.getByTestId('approve-invalid').waitFor();
      assert.match(await text(page, 'approve-invalid'), /链接无效或已过期/);
      assert.equal(await page.getByTestId('approve-accept').count(), 0);
    }
    await shot(page, '93-customer-approve-invalid-phone');
    // The public language switch: English on request.
    await page.getByTestId('public-lang-en-US').click();
    await page.getByText('This link is invalid or has expired').waitFor();
    await page.close();
  });
});
