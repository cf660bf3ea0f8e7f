import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DispatchBoard, Recommendation } from '@shared/contracts/dispatch.contract';
import type { InsertNowResult } from '@shared/contracts/dispatch-plans.contract';
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

/** An urgent queued order that insert-now can place today (previewed through the API; nothing changes). */
async function findInsertable(dispatcher: Api): Promise<{ number: string; workOrderId: string } | undefined> {
  const today = await dispatcher.get<DispatchBoard>(`/api/dispatch/board?date=${beijingDate(0)}`);
  for (const q of today.queue.filter((x) => x.priority === 'urgent')) {
    const r = await dispatcher.send<InsertNowResult>('POST', `/api/work-orders/${q.workOrderId}/insert-now`, {
      apply: false,
    });
    if (r.inserted) return { number: q.workOrderNumber, workOrderId: q.workOrderId };
  }
  return undefined;
}

describe('dispatch: insert an urgent order now, then plan tomorrow with the route optimizer', () => {
  let board: Page;
  let context: BrowserContext;
  let dispatcher: Api;

  before(async () => {
    dispatcher = await apiAs(server.url, 'dispatcher1');
    context = await newContext(browser, BOARD_VIEWPORT);
    board = await context.newPage();
    await login(board, server.url, 'dispatcher1');
  });

  after(async () => {
    await context?.close();
  });

  it('inserts an urgent order into today’s routes: preview (technician, window, moves), then confirm', async (t) => {
    const urgent = await findInsertable(dispatcher);
    await board.goto(`${server.url}/dispatch/board`);
    await board.getByTestId('board-timeline').waitFor();
    if (!urgent) {
      // Late in the day no route has room: the dialog says why instead of proposing a place.
      const first = board.getByTestId('insert-now').first();
      if ((await first.count()) === 0) {
        t.skip('no urgent order in the queue');
        return;
      }
      await first.click();
      await board.getByTestId('insert-now-reason').waitFor();
      await shot(board, '38-board-insert-now-preview');
      await board.keyboard.press('Escape');
      t.skip('no urgent order fits into today’s routes now');
      return;
    }
    const item = board.locator(`[data-testid="board-queue-item"][data-number="${urgent.number}"]`);
    await item.getByTestId('insert-now').click();
    const preview = board.locator('[data-testid="insert-now-preview"][data-inserted="true"]');
    await preview.waitFor();
    const techId = await board.getByTestId('insert-now-technician').getAttribute('data-technician-id');
    assert.ok(techId, 'a technician is proposed');
    assert.match((await board.getByTestId('insert-now-window').textContent()) ?? '', /\d{2}:\d{2}–\d{2}:\d{2}/);
    // Which appointments move (before → after) is listed when any do.
    for (const move of await board.getByTestId('insert-now-move').all()) {
      assert.ok(await move.getByTestId('insert-now-move-before').isVisible());
      assert.ok(await move.getByTestId('insert-now-move-after').isVisible());
    }
    await shot(board, '38-board-insert-now-preview');
    await board.getByTestId('insert-now-confirm').click();
    await board.getByTestId('insert-now-modal').waitFor({ state: 'hidden' });
    await board
      .locator(
        `[data-testid="board-row"][data-technician-id="${techId}"] [data-testid="board-appointment"][data-number="${urgent.number}"]`,
      )
      .waitFor();
    await item.waitFor({ state: 'detached' });
    await shot(board, '39-board-insert-now-done');
  });

  it('plans tomorrow with a 5 s limit: progress while it runs, then the preview with the summary', async () => {
    await board.goto(`${server.url}/dispatch/board?date=${beijingDate(1)}`);
    await board.getByTestId('board-timeline').waitFor();
    await board.waitForFunction(
      () => document.querySelector('[data-testid="board-live"]')?.getAttribute('data-connected') === 'true',
    );
    await board.getByTestId('plan-day').click();
    await board.getByTestId('plan-form').waitFor();
    await board.getByTestId('plan-time-limit').fill('5');
    await shot(board, '40-board-plan-form');
    await board.getByTestId('plan-submit').click();

    // Progress: time left and the best so far, live from the stream (or the 2 s poll); on a slow machine the run
    // may already be over when the page looks.
    await board.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid="plan-time-left"]')?.getAttribute('data-remaining-ms') ?? 'NaN') <
          5000 || document.querySelector('[data-testid="plan-summary"]') !== null,
      undefined,
      { timeout: 30_000 },
    );
    if (await board.getByTestId('plan-progress').isVisible()) {
      assert.ok(await board.getByTestId('plan-best-assigned').isVisible());
      assert.ok(await board.getByTestId('plan-stop').isVisible());
      await shot(board, '41-board-plan-progress');
    }

    const summary = board.getByTestId('plan-summary');
    await summary.waitFor({ timeout: 60_000 });
    for (const id of ['plan-travel-saved', 'plan-windows-kept', 'plan-time-changes', 'plan-unassigned-count']) {
      assert.ok(await summary.getByTestId(id).isVisible(), id);
    }
    // Each order left out says why, in words.
    for (const reason of await summary.getByTestId('plan-unassigned-reason').all()) {
      assert.ok(((await reason.textContent()) ?? '').trim().length > 0, 'reason in words');
    }
    // The proposal on the timeline, beside the current plan (a toggle).
    await board.getByTestId('plan-timeline').waitFor();
    const newBlocks = board.locator('[data-testid="plan-block"][data-kind="new"]');
    assert.ok((await newBlocks.count()) > 0, 'the proposal places waiting orders');
    await board.waitForTimeout(300);
    await shot(board, '42-board-plan-preview');
    await board.getByTestId('plan-view-current').click();
    await board.getByTestId('board-timeline').waitFor();
    assert.equal(await board.getByTestId('plan-timeline').count(), 0);
    await board.getByTestId('plan-view-proposed').click();
    await board.getByTestId('plan-timeline').waitFor();
  });

  it('applies the plan: the queue shrinks and the new blocks appear on the board', async () => {
    const placed = await board
      .locator('[data-testid="plan-block"][data-kind="new"]')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('data-number'), e.getAttribute('data-technician-id')]));
    const queueBefore = await board.getByTestId('board-queue-item').count();
    await board.getByTestId('plan-apply').click();
    await board.getByTestId('plan-apply-confirm').click();
    await board.getByTestId('plan-applied').waitFor({ timeout: 30_000 });
    await board.getByTestId('board-timeline').waitFor();
    const [number, techId] = placed[0] ?? [];
    assert.ok(number && techId);
    await board
      .locator(
        `[data-testid="board-row"][data-technician-id="${techId}"] [data-testid="board-appointment"][data-number="${number}"]`,
      )
      .waitFor();
    await board.locator(`[data-testid="board-queue-item"][data-number="${number}"]`).waitFor({ state: 'detached' });
    const queueAfter = await board.getByTestId('board-queue-item').count();
    assert.ok(queueAfter <= queueBefore - placed.length, `queue ${queueBefore} → ${queueAfter}`);
    await shot(board, '43-board-plan-applied');
    await board.getByTestId('plan-close').click();
    await board.getByTestId('plan-applied').waitFor({ state: 'detached' });
  });
});
