import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { DispatchBoard } from '@shared/contracts/dispatch.contract';
import type { Requisition, StockBalance, StockLocation } from '@shared/contracts/parts.contract';
import type { Stocktake } from '@shared/contracts/stocktakes.contract';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Api, apiAs } from './dispatch-support';
import {
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
  // E2E_URL: reuse a server already running with the demo data (a quicker loop while writing the test).
  server = process.env.E2E_URL ? { url: process.env.E2E_URL, stop: async () => {} } : await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** YYYY-MM-DD in Beijing time, `days` from today. */
function beijingDate(days = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A technician of the head's branch with an appointment today (or tomorrow), from the dispatcher's board. */
async function findTechnicianJob(
  dispatcher: Api,
): Promise<{ username: string; number: string; workOrderId: string } | undefined> {
  const techs = await dispatcher.get<{ items: { id: string; username: string }[] }>(
    '/api/technicians?pageSize=200&active=all',
  );
  for (const date of [beijingDate(0), beijingDate(1)]) {
    const board = await dispatcher.get<DispatchBoard>(`/api/dispatch/board?date=${date}`);
    for (const row of board.technicians) {
      const username = techs.items.find((t) => t.id === row.id)?.username;
      const appointment = row.appointments[0];
      if (username && appointment) {
        return { username, number: appointment.workOrderNumber, workOrderId: appointment.workOrderId };
      }
    }
  }
  return undefined;
}

const CAPACITOR = 'CAP-35UF-450V';
const STORE = 'ST-GZ-TH';

describe('parts: a requisition from a phone to the job, then a stocktake counted on a phone', () => {
  let job: { username: string; number: string; workOrderId: string };
  const contexts: BrowserContext[] = [];
  let tech: Page;
  let head: Page;
  let keeper: Page;
  let requisition = '';

  async function open(viewport: typeof DESKTOP, username: string): Promise<Page> {
    const context = await newContext(browser, viewport);
    contexts.push(context);
    const page = await context.newPage();
    await login(page, server.url, username);
    return page;
  }

  before(async () => {
    const found = await findTechnicianJob(await apiAs(server.url, 'dispatcher1'));
    assert.ok(found, 'the demo day has no appointment for a technician of the branch');
    job = found;
  });

  after(async () => {
    for (const c of contexts) await c.close();
  });

  it('a technician asks for a capacitor for one of their jobs, on a phone', async () => {
    tech = await open(PHONE, job.username);
    await tech.goto(`${server.url}/parts/requisitions`);
    await tech.getByTestId('req-create').click();
    await tech.getByTestId('req-form').waitFor();
    await tech.getByTestId('req-work-order').click();
    await pickOption(tech, job.number);
    await tech.getByTestId('req-part-search').click();
    await tech.keyboard.type('CAP-35UF');
    await pickOption(tech, CAPACITOR);
    await tech.getByTestId(`req-line-${CAPACITOR}`).waitFor();
    await tech.getByTestId('req-note').fill('压缩机启动电容鼓包，需更换');
    await shot(tech, '50-tech-requisition-form-phone');
    await tech.getByTestId('req-submit').click();
    await tech.getByTestId('req-create-drawer').waitFor({ state: 'hidden' });
    const card = tech.locator('[data-testid="req-list"] [data-status="submitted"]').first();
    await card.waitFor();
    requisition = ((await card.getAttribute('data-testid')) ?? '').replace(/^req-/, '');
    assert.match(requisition, /\S+/);
    assert.match((await card.textContent()) ?? '', new RegExp(job.number));
    await shot(tech, '51-tech-requisition-submitted-phone');

    // Stocktakes and stock health are not a technician's pages.
    await tech.goto(`${server.url}/parts/stocktakes`);
    await tech.getByTestId('page-403').waitFor();
  });

  it('the head approves it on a desktop', async () => {
    head = await open(DESKTOP, 'head1');
    await head.goto(`${server.url}/parts/requisitions`);
    await head.getByTestId(`req-decide-${requisition}`).click();
    await head.getByTestId('req-decide-form').waitFor();
    await shot(head, '52-head-decides-requisition');
    await head.getByTestId('req-decide-submit').click();
    await head.locator(`[data-testid="req-${requisition}"][data-status="approved"]`).waitFor();
  });

  it('the warehouse keeper issues it to the job from the branch store', async () => {
    keeper = await open(DESKTOP, 'warehouse1');
    await keeper.goto(`${server.url}/parts/requisitions`);
    await keeper.getByTestId(`req-issue-${requisition}`).click();
    await keeper.getByTestId('req-issue-form').waitFor();
    await keeper.getByTestId('req-issue-source').click();
    await pickOption(keeper, STORE);
    await shot(keeper, '53-warehouse-issues-requisition');
    await keeper.getByTestId('req-issue-submit').click();
    await keeper.getByTestId('req-issue-form').waitFor({ state: 'hidden' });
    // Issued is no longer open: the default list lets it go.
    await keeper.getByTestId(`req-${requisition}`).waitFor({ state: 'detached' });
    await keeper.goto(`${server.url}/parts/requisitions?status=issued`);
    await keeper.locator(`[data-testid="req-${requisition}"][data-status="issued"]`).waitFor();
  });

  it('the technician sees it issued', async () => {
    await tech.goto(`${server.url}/parts/requisitions?status=all`);
    await tech.locator(`[data-testid="req-${requisition}"][data-status="issued"]`).waitFor();
    await shot(tech, '54-tech-requisition-issued-phone');
  });

  let stocktake: Stocktake;
  let phone: Page;

  it('a warehouse keeper starts a cycle count of the branch store on a phone', async () => {
    phone = await open(PHONE, 'warehouse1');
    await phone.goto(`${server.url}/parts/stocktakes`);
    await phone.getByTestId('stocktake-start').click();
    await phone.getByTestId('stocktake-start-form').waitFor();
    await phone.getByTestId('stocktake-location').click();
    await pickOption(phone, STORE);
    await phone.getByTestId('stocktake-scope-cycle').click();
    await phone.getByTestId('stocktake-categories').click();
    await pickOption(phone, '电容');
    await pickOption(phone, '风机电机');
    await phone.keyboard.press('Escape');
    await shot(phone, '55-stocktake-start-phone');
    await phone.getByTestId('stocktake-start-submit').click();
    await phone.getByTestId('stocktake-count').waitFor();
    const id = new URL(phone.url()).pathname.split('/').pop() ?? '';
    const api = await apiAs(server.url, 'warehouse1');
    stocktake = await api.get<Stocktake>(`/api/stocktakes/${id}`);
    assert.equal(stocktake.status, 'counting');
    assert.ok(
      stocktake.lines.some((l) => l.partCode === CAPACITOR),
      'the capacitor is on the count list',
    );
    const progress = phone.getByTestId('count-progress');
    assert.equal(await progress.getAttribute('data-total'), String(stocktake.lines.length));
    assert.equal(await progress.getAttribute('data-counted'), '0');
  });

  it('a second stocktake of the same store is refused: the head is shown the open one', async () => {
    await head.goto(`${server.url}/parts/stocktakes`);
    await head.getByTestId('stocktake-start').click();
    await head.getByTestId('stocktake-location').click();
    await pickOption(head, STORE);
    await head.getByTestId('stocktake-start-submit').click();
    await head.getByTestId('stocktake-open-exists').waitFor();
    assert.match((await head.getByTestId('stocktake-open-link').textContent()) ?? '', new RegExp(stocktake.number));
    await shot(head, '55b-stocktake-open-exists');
    await head.getByTestId('stocktake-open-link').click();
    await head.waitForURL((u) => u.pathname === `/parts/stocktakes/${stocktake.id}`);
    // The head has no stock.move: the count list is read-only.
    await head.getByTestId('stocktake-count').waitFor();
    assert.equal(await head.getByTestId('count-save').count(), 0);
  });

  it('counts on the phone while a colleague counts another line: the page reloads and says so, nothing is lost', async () => {
    const cap = stocktake.lines.find((l) => l.partCode === CAPACITOR);
    assert.ok(cap);
    const others = stocktake.lines.filter((l) => l.id !== cap.id);
    // A colleague saves a count first (another session): the phone's version is now stale.
    const colleague = await apiAs(server.url, 'warehouse1');
    if (others[0]) {
      await colleague.send('PUT', `/api/stocktakes/${stocktake.id}/counts`, {
        version: stocktake.version,
        counts: [{ lineId: others[0].id, countedQuantity: others[0].snapshotQuantity }],
      });
    }
    // One capacitor more on the shelf than on the book (a return never booked): typed, then + / − to check.
    await phone.getByTestId('count-search').locator('input').fill('CAP-35');
    const capCard = phone.getByTestId(`count-line-${cap.line}`);
    await capCard.getByTestId('count-input').fill(String(cap.snapshotQuantity + 1));
    await capCard.getByTestId('count-plus').click();
    await capCard.getByTestId('count-minus').click();
    assert.equal(await capCard.getAttribute('data-counted'), String(cap.snapshotQuantity + 1));
    if (others[0]) await phone.getByTestId('count-reloaded').waitFor();
    await phone.locator('[data-testid="count-save"][data-pending="0"]').waitFor();
    await phone.locator(`[data-testid="count-line-${cap.line}"][data-state="saved"]`).waitFor();
    await shot(phone, '56-stocktake-count-phone');

    // The rest, found with "only uncounted": everything else matches the book.
    await phone.getByTestId('count-search').locator('input').fill('');
    await phone.getByTestId('count-only-uncounted').click();
    for (const l of others.slice(1)) {
      const card = phone.getByTestId(`count-line-${l.line}`);
      if (l.serial) await card.getByTestId(l.snapshotQuantity ? 'count-present' : 'count-missing').click();
      else await card.getByTestId('count-input').fill(String(l.snapshotQuantity));
    }
    const total = String(stocktake.lines.length);
    await phone.locator(`[data-testid="count-progress"][data-counted="${total}"]`).waitFor();
    await phone.locator('[data-testid="count-save"][data-pending="0"]').waitFor();
    const saved = await colleague.get<Stocktake>(`/api/stocktakes/${stocktake.id}`);
    assert.equal(saved.lines.find((l) => l.id === cap.id)?.countedQuantity, cap.snapshotQuantity + 1);
    if (others[0]) {
      assert.equal(saved.lines.find((l) => l.id === others[0]?.id)?.countedQuantity, others[0].snapshotQuantity);
    }
  });

  it('submits; the submitter may not approve their own stocktake', async () => {
    await phone.getByTestId('stocktake-submit').click();
    await phone.locator('[data-testid="stocktake-detail"][data-status="submitted"]').waitFor();
    await phone.getByTestId('stocktake-review').waitFor();
    assert.equal(await phone.getByTestId('diff-gain').getAttribute('data-quantity'), '1');
    await phone.getByTestId('stocktake-approve').click();
    await phone.getByTestId('stocktake-approve-confirm').click();
    const refused = phone.getByTestId('stocktake-approve-error');
    await refused.waitFor();
    assert.equal(await refused.getAttribute('data-reason'), 'own_stocktake');
    await shot(phone, '57-stocktake-own-approval-refused-phone');
  });

  it('the head reviews the differences and approves; the adjustment is in the ledger', async () => {
    await head.goto(`${server.url}/parts/stocktakes`);
    const card = head.getByTestId(`stocktake-${stocktake.number}`);
    await card.waitFor();
    assert.equal(await card.getAttribute('data-status'), 'submitted');
    await head.getByTestId(`stocktake-open-${stocktake.number}`).click();
    await head.getByTestId('stocktake-review').waitFor();
    const cap = stocktake.lines.find((l) => l.partCode === CAPACITOR);
    assert.ok(cap);
    const row = head.getByTestId(`diff-row-${cap.line}`);
    assert.equal((await row.getByTestId('diff-quantity').textContent())?.trim(), '+1');
    const gain = Number(await head.getByTestId('diff-gain').getAttribute('data-value'));
    assert.ok(gain > 0, 'a gain in fen');
    assert.equal(Number(await head.getByTestId('diff-net').getAttribute('data-value')), gain);
    await shot(head, '58-stocktake-review-head');
    await head.getByTestId('stocktake-approve').click();
    await head.getByTestId('stocktake-approve-confirm').click();
    await head.locator('[data-testid="stocktake-detail"][data-status="approved"]').waitFor();
    await row.getByTestId('diff-posted').waitFor();

    await row.getByTestId(`diff-ledger-${cap.line}`).click();
    const ledger = head.getByTestId('ledger-table');
    const adjustment = ledger
      .locator('tbody tr.ant-table-row')
      .filter({ hasText: `盘点 ${stocktake.number}` })
      .first();
    await adjustment.waitFor();
    assert.match((await adjustment.textContent()) ?? '', /\+1/);
    assert.match((await adjustment.textContent()) ?? '', new RegExp(STORE));
    await shot(head, '59-stocktake-adjustment-in-ledger');
    await head.keyboard.press('Escape');

    // The list shows the outcome with its accuracy report.
    await head.goto(`${server.url}/parts/stocktakes?status=approved`);
    const done = head.getByTestId(`stocktake-${stocktake.number}`);
    await done.waitFor();
    const expected = Math.floor(((stocktake.lines.length - 1) * 10000) / stocktake.lines.length);
    assert.equal(await done.getByTestId('stocktake-accuracy').getAttribute('data-value'), String(expected));
  });

  it('the head sees stock health: expiring lots, slow-moving stock, turnover, pending requisitions, alerts', async () => {
    await head.goto(`${server.url}/parts/health`);
    await head.getByTestId('health-expiring-table').waitFor();
    await head.locator('[data-testid="health-expiring-table"] .ant-spin-spinning').waitFor({ state: 'detached' });
    await shot(head, '60-stock-health-expiring');
    for (const [n, tab] of (['slow', 'turnover', 'pending', 'alerts', 'valuable'] as const).entries()) {
      await head.getByTestId(`health-tab-${tab}`).click();
      await head.getByTestId(`health-${tab}-table`).waitFor();
      await head.locator(`[data-testid="health-${tab}-table"] .ant-spin-spinning`).waitFor({ state: 'detached' });
      await shot(head, `6${n + 1}-stock-health-${tab}`);
    }
  });

  it('two valuable units fitted on the job owe their old parts: one is returned, the other waived', async () => {
    // Through the API: the technician asks for two serial-numbered units of one part, the head approves, the
    // warehouse issues them to the job (each opens an old-part return).
    const keeperApi = await apiAs(server.url, 'warehouse1');
    const locations = await keeperApi.get<{ items: StockLocation[] }>('/api/stock-locations?pageSize=200');
    const stores = locations.items.filter((l) => l.kind !== 'van');
    let units: StockBalance[] = [];
    for (const store of stores) {
      const balances = await keeperApi.get<{ items: StockBalance[] }>(
        `/api/stock-balances?locationId=${store.id}&category=pcb&pageSize=200`,
      );
      const serials = balances.items.filter((b) => b.serial && b.quantity === 1);
      const partId = serials.find((b) => serials.filter((x) => x.partId === b.partId).length >= 2)?.partId;
      if (partId) {
        units = serials.filter((b) => b.partId === partId).slice(0, 2);
        break;
      }
    }
    assert.equal(units.length, 2, 'two serial-numbered boards in a store of the branch');
    const [unit] = units as [StockBalance, StockBalance];
    const techApi = await apiAs(server.url, job.username);
    const created = await techApi.send<Requisition>('POST', '/api/requisitions', {
      requestId: randomUUID(),
      purpose: 'job',
      workOrderId: job.workOrderId,
      workOrderNumber: job.number,
      lines: [{ partId: unit.partId, quantity: 2 }],
    });
    const headApi = await apiAs(server.url, 'head1');
    const approved = await headApi.send<Requisition>('POST', `/api/requisitions/${created.id}/decision`, {
      version: created.version,
      lines: created.lines.map((l) => ({ lineId: l.id, approvedQuantity: l.quantity })),
    });
    await keeperApi.send('POST', `/api/requisitions/${created.id}/issue`, {
      version: approved.version,
      requestId: randomUUID(),
      sourceLocationId: unit.locationId,
      lines: approved.lines.map((l) => ({ lineId: l.id, serials: units.map((u) => u.serial) })),
    });

    // The warehouse keeper records the first old part as received.
    await keeper.goto(`${server.url}/parts/health?tab=returns`);
    const table = keeper.getByTestId('health-returns-table');
    const rows = table.locator('tbody tr.ant-table-row').filter({ hasText: job.number });
    await rows.nth(1).waitFor();
    const numbers = (await rows.locator('td:first-child').allTextContents()).map((x) => x.trim());
    const [first, second] = numbers as [string, string];
    await shot(keeper, '66-old-part-returns-pending');
    await keeper.getByTestId(`return-record-${first}`).click();
    await keeper.getByTestId('return-record-form').waitFor();
    await keeper.getByTestId('return-location').click();
    await pickOption(keeper, STORE);
    await keeper.getByTestId('return-old-serial').fill('OLD-PCB-0001');
    await keeper.getByTestId('return-condition').fill('主板烧毁，外壳完整');
    await shot(keeper, '67-old-part-return-record');
    await keeper.getByTestId('return-record-submit').click();
    await keeper.getByTestId('return-record-form').waitFor({ state: 'hidden' });
    await keeper.getByTestId(`return-record-${first}`).waitFor({ state: 'detached' });
    // Waiving is the head's decision, not the warehouse's.
    assert.equal(await keeper.getByTestId(`return-waive-${second}`).count(), 0);

    await head.goto(`${server.url}/parts/health?tab=returns`);
    await head.getByTestId(`return-waive-${second}`).click();
    await head.getByTestId('return-waive-reason').fill('旧件已由厂家上门回收');
    await head.getByTestId('return-waive-submit').click();
    await head.getByTestId(`return-waive-${second}`).waitFor({ state: 'detached' });
    await head.goto(`${server.url}/parts/health?tab=returns&returnStatus=all`);
    const all = head.getByTestId('health-returns-table');
    const statusOf = (n: string) =>
      all
        .locator('tbody tr.ant-table-row')
        .filter({ hasText: n })
        .getByTestId('return-status')
        .getAttribute('data-status');
    await all.locator('tbody tr.ant-table-row').filter({ hasText: second }).waitFor();
    assert.equal(await statusOf(first), 'returned');
    assert.equal(await statusOf(second), 'waived');
    await shot(head, '68-old-part-returns-closed');
  });
});
