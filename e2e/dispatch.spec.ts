import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DispatchBoard, Recommendation } from '@shared/contracts/dispatch.contract';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Api, apiAs, ensureTechnicians } from './dispatch-support';
import { launchBrowser, login, newContext, PHONE, type Server, shot, startServer } from './support';

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

/** A dispatcher's screen (the board is desktop-first). */
const BOARD_VIEWPORT = { width: 1440, height: 900 };

/** YYYY-MM-DD in Beijing time, `days` from today. */
function beijingDate(days = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

interface Job {
  date: string;
  workOrderId: string;
  number: string;
  technicianId: string;
  technicianName: string;
  username: string;
  /** Another queued order with candidates, for the one-click path of the drawer. */
  other: { number: string; technicianId: string } | undefined;
}

/**
 * A ready order of dispatcher1's branch with an eligible technician: today while the day has room, else tomorrow.
 * The rank-1 candidate is the one the test drags onto (any eligible one would do; rank 1 needs no override).
 */
async function findJob(dispatcher: Api): Promise<Job | undefined> {
  const techs = await dispatcher.get<{ items: { id: string; username: string }[] }>(
    '/api/technicians?pageSize=200&active=all',
  );
  for (const date of [beijingDate(0), beijingDate(1)]) {
    const board = await dispatcher.get<DispatchBoard>(`/api/dispatch/board?date=${date}`);
    const found: { number: string; workOrderId: string; technicianId: string; name: string; username: string }[] = [];
    for (const q of board.queue) {
      const rec = await dispatcher.get<Recommendation>(
        `/api/work-orders/${q.workOrderId}/recommendations?date=${date}`,
      );
      const top = rec.candidates.find((c) => c.rank === 1);
      const username = top ? techs.items.find((t) => t.id === top.technician.id)?.username : undefined;
      if (top && username) {
        found.push({
          number: q.workOrderNumber,
          workOrderId: q.workOrderId,
          technicianId: top.technician.id,
          name: top.technician.name,
          username,
        });
      }
      if (found.length === 2) break;
    }
    const [first, second] = found;
    if (first) {
      return {
        date,
        workOrderId: first.workOrderId,
        number: first.number,
        technicianId: first.technicianId,
        technicianName: first.name,
        username: first.username,
        other: second ? { number: second.number, technicianId: second.technicianId } : undefined,
      };
    }
  }
  return undefined;
}

describe('dispatch: the board, drag to assign, the technician accepts on a phone', () => {
  let job: Job;
  let board: Page;
  let boardContext: BrowserContext;
  let phone: Page;
  let phoneContext: BrowserContext;

  before(async () => {
    const dispatcher = await apiAs(server.url, 'dispatcher1');
    let found = await findJob(dispatcher);
    if (!found) {
      // The demo seed had no technician profiles yet (or none eligible): make three through the API.
      await ensureTechnicians(server.url, ['tech01', 'tech02', 'tech03']);
      found = await findJob(dispatcher);
    }
    assert.ok(found, 'no ready order with an eligible technician in the demo data');
    job = found;
  });

  after(async () => {
    await boardContext?.close();
    await phoneContext?.close();
  });

  it('the technician opens My jobs on a phone before anything is assigned', async () => {
    phoneContext = await newContext(browser, PHONE);
    phone = await phoneContext.newPage();
    await login(phone, server.url, job.username);
    await phone.goto(`${server.url}/me/jobs`);
    await phone.getByTestId('my-jobs').waitFor();
    if (job.date !== beijingDate(0)) await phone.getByTestId('my-jobs-tomorrow').click();
    await phone.waitForFunction(
      () => document.querySelector('[data-testid="my-jobs-live"]')?.getAttribute('data-connected') === 'true',
    );
    assert.equal(await phone.locator(`[data-testid="my-job"][data-number="${job.number}"]`).count(), 0);
  });

  it('a dispatcher finds the order in the queue and sees the ranked recommendation', async () => {
    boardContext = await newContext(browser, BOARD_VIEWPORT);
    board = await boardContext.newPage();
    await login(board, server.url, 'dispatcher1');
    await board.getByTestId('menu-board').click();
    await board.getByTestId('dispatch-board').waitFor();
    if (job.date !== beijingDate(0)) await board.getByTestId('board-next-day').click();
    const item = board.locator(`[data-testid="board-queue-item"][data-number="${job.number}"]`);
    await item.waitFor();
    await board.locator(`[data-testid="board-row"][data-technician-id="${job.technicianId}"]`).waitFor();
    await board.waitForFunction(
      () => document.querySelector('[data-testid="board-live"]')?.getAttribute('data-connected') === 'true',
    );
    await shot(board, '30-dispatcher-board');

    // The path without dragging: the drawer lists the eligible technicians, best first, with reasons in words.
    await item.click();
    const first = board.getByTestId('recommend-candidate').first();
    await first.waitFor();
    assert.equal(await first.getAttribute('data-rank'), '1');
    assert.equal(await first.getAttribute('data-technician-id'), job.technicianId);
    assert.ok(
      ((await first.getByTestId('candidate-reasons').textContent()) ?? '').trim().length > 0,
      'reasons in words',
    );
    await shot(board, '31-board-recommendation-drawer');
    await board.keyboard.press('Escape');
    await board.getByTestId('recommend-drawer').waitFor({ state: 'hidden' });
  });

  it('drags the order onto the technician’s row, confirms, and the block appears', async () => {
    const item = board.locator(`[data-testid="board-queue-item"][data-number="${job.number}"]`);
    const row = board.locator(`[data-testid="board-row"][data-technician-id="${job.technicianId}"]`);
    await row.scrollIntoViewIfNeeded();
    await item.scrollIntoViewIfNeeded();

    // A real mouse drag (HTML5 drag and drop): rows are marked eligible / not while the order is held.
    await item.hover();
    await board.mouse.down();
    const box = await row.boundingBox();
    assert.ok(box, 'row on screen');
    await board.mouse.move(box.x + 420, box.y + box.height / 2, { steps: 12 });
    await board.waitForFunction(
      (id) =>
        document
          .querySelector(`[data-testid="board-row"][data-technician-id="${id}"]`)
          ?.getAttribute('data-eligible') === 'eligible',
      job.technicianId,
    );
    await board.mouse.move(box.x + 430, box.y + box.height / 2, { steps: 2 });
    await board.getByTestId('board-drop-preview').waitFor();
    await board.waitForTimeout(300); // the reason tooltips of the rows passed over fade out
    await shot(board, '32-board-dragging');
    await board.mouse.up();

    const confirm = board.getByTestId('assign-confirm');
    await confirm.waitFor();
    assert.equal(await confirm.getAttribute('data-technician-id'), job.technicianId);
    // The dropped time may be in the past or clash: take the technician's earliest feasible window.
    if (await board.getByTestId('assign-use-earliest').isVisible())
      await board.getByTestId('assign-use-earliest').click();
    assert.equal(await board.getByTestId('assign-override-reason').count(), 0, 'rank 1 needs no override reason');
    await shot(board, '33-board-assign-confirm');
    await board.getByTestId('assign-submit').click();
    await confirm.waitFor({ state: 'hidden' });

    const block = row.locator(`[data-testid="board-appointment"][data-number="${job.number}"]`);
    await block.waitFor();
    assert.equal(await block.getAttribute('data-state'), 'assigned');
    await board.locator(`[data-testid="board-queue-item"][data-number="${job.number}"]`).waitFor({ state: 'detached' });
    await shot(board, '34-board-assigned');
  });

  it('the technician sees the new job live on the phone and accepts it', async () => {
    const card = phone.locator(`[data-testid="my-job"][data-number="${job.number}"]`);
    await card.waitFor({ timeout: 40_000 });
    assert.equal(await card.getAttribute('data-state'), 'assigned');
    await shot(phone, '35-technician-new-job-phone');
    await card.getByTestId('job-accept').click();
    await phone.locator(`[data-testid="my-job"][data-number="${job.number}"][data-state="accepted"]`).waitFor();
    await card.getByTestId('job-contact').waitFor();
    await shot(phone, '36-technician-accepted-phone');
  });

  it('the dispatcher’s board shows it accepted without a reload', async () => {
    await board
      .locator(`[data-testid="board-appointment"][data-number="${job.number}"][data-state="accepted"]`)
      .waitFor({ timeout: 40_000 });
    assert.equal(await board.getByTestId('board-live').getAttribute('data-connected'), 'true');
    await shot(board, '37-board-accepted-live');
  });

  it('assigns another order with one click from the recommendation drawer', async (t) => {
    if (!job.other) {
      t.skip('only one order with candidates in the queue');
      return;
    }
    const other = job.other;
    await board.locator(`[data-testid="board-queue-item"][data-number="${other.number}"]`).click();
    const first = board.getByTestId('recommend-candidate').first();
    await first.waitFor();
    const techId = await first.getAttribute('data-technician-id');
    await first.getByTestId('recommend-assign').click();
    await board.getByTestId('recommend-drawer').waitFor({ state: 'hidden' });
    await board
      .locator(
        `[data-testid="board-row"][data-technician-id="${techId}"] [data-testid="board-appointment"][data-number="${other.number}"]`,
      )
      .waitFor();
  });
});
