import assert from 'node:assert/strict';
import type { DispatchBoard, Recommendation } from '@shared/contracts/dispatch.contract';
import type { Visit } from '@shared/contracts/field.contract';
import type { Page } from 'playwright-core';
import { type Api, apiAs, ensureTechnicians } from './dispatch-support';
import { shot } from './support';

// What the technician-app specs (field*.spec.ts) share: a job assigned to a demo technician through the API, steps
// driven through the API, a real JPEG and a drawn signature for the phone's inputs, and waiting on the visit's steps.

/** YYYY-MM-DD in Beijing time, `days` from today. */
export function beijingDate(days = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

export interface Job {
  date: string;
  workOrderId: string;
  number: string;
  technicianId: string;
  username: string;
}

/** A ready order of dispatcher1's branch assigned through the API to its rank-1 technician (today, else tomorrow). */
export async function assignJob(dispatcher: Api): Promise<Job | undefined> {
  const techs = await dispatcher.get<{ items: { id: string; username: string }[] }>(
    '/api/technicians?pageSize=200&active=all',
  );
  for (const date of [beijingDate(0), beijingDate(1)]) {
    const board = await dispatcher.get<DispatchBoard>(`/api/dispatch/board?date=${date}`);
    for (const q of board.queue) {
      const rec = await dispatcher.get<Recommendation>(
        `/api/work-orders/${q.workOrderId}/recommendations?date=${date}`,
      );
      const top = rec.candidates.find((c) => c.rank === 1);
      const username = top ? techs.items.find((t) => t.id === top.technician.id)?.username : undefined;
      if (!top || !username) continue;
      await dispatcher.send(
        'POST',
        `/api/work-orders/${q.workOrderId}/assignment`,
        { technicianId: top.technician.id, window: top.window, version: rec.workOrderVersion },
        true,
      );
      return { date, workOrderId: q.workOrderId, number: q.workOrderNumber, technicianId: top.technician.id, username };
    }
  }
  return undefined;
}

/** assignJob, making sure the demo technicians can work first when nobody was eligible. */
export async function newJob(baseUrl: string): Promise<Job> {
  const dispatcher = await apiAs(baseUrl, 'dispatcher1');
  let found = await assignJob(dispatcher);
  if (!found) {
    await ensureTechnicians(baseUrl, ['tech01', 'tech02', 'tech03']);
    found = await assignJob(dispatcher);
  }
  assert.ok(found, 'no ready order with an eligible technician in the demo data');
  return found;
}

/** The technician's visit of the job (from their day). */
export async function visitOf(tech: Api, job: Job): Promise<Visit> {
  const day = await tech.get<{ items: { visit: Visit }[] }>(`/api/field/my-jobs?date=${job.date}`);
  const item = day.items.find((i) => i.visit.workOrderId === job.workOrderId);
  assert.ok(item, 'the job is on the technician’s day');
  return item.visit;
}

let keySeq = 0;
/** A fresh idempotency key for one step sent by a spec. */
export const stepKey = (visitId: string) => `e2e-${visitId.slice(0, 8)}-${Date.now()}-${keySeq++}`;

/**
 * Steps done through the API (the technician's phone, as far as the server can tell), one after the other; a body
 * with a `method` is a consent.
 */
export async function stepsByApi(tech: Api, visit: Visit, bodies: Record<string, unknown>[]): Promise<Visit> {
  let v = visit;
  for (const body of bodies) {
    const path = body.method !== undefined ? `/api/field/visits/${v.id}/consent` : `/api/field/visits/${v.id}/steps`;
    const r = await tech.send<{ visit: Visit }>(
      'POST',
      path,
      { ...body, version: v.version, idempotencyKey: stepKey(v.id) },
      true,
    );
    v = r.visit;
  }
  return v;
}

/** A small real JPEG drawn on a canvas in the page (what a phone camera would hand over, only smaller), base64. */
export async function jpegBase64(page: Page, label: string): Promise<string> {
  return page.evaluate((text) => {
    const c = document.createElement('canvas');
    c.width = 320;
    c.height = 240;
    const g = c.getContext('2d') as CanvasRenderingContext2D;
    g.fillStyle = '#4a7bd0';
    g.fillRect(0, 0, 320, 240);
    g.fillStyle = '#fff';
    g.font = '28px sans-serif';
    g.fillText(text, 20, 120);
    return c.toDataURL('image/jpeg', 0.9).replace(/^data:[^,]*,/, '');
  }, label);
}

export async function jpegFromPage(page: Page, label: string): Promise<Buffer> {
  return Buffer.from(await jpegBase64(page, label), 'base64');
}

/** Draws a signature with the mouse on the canvas (pointer events). */
export async function drawSignature(page: Page, testId: string): Promise<void> {
  const canvas = page.getByTestId(testId);
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  assert.ok(box, 'the signature pad is on the screen');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 20, y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + 20 + i * ((box.width - 40) / 12), y + (i % 2 ? -25 : 25), { steps: 2 });
  }
  await page.mouse.up();
  await page.locator(`[data-testid="${testId}"][data-empty="false"]`).waitFor();
}

/** Fills an input by its test id (antd puts some ids on a wrapper around the input). */
export async function fillInput(page: Page, testId: string, value: string): Promise<void> {
  const el = page.getByTestId(testId);
  const tag = await el.evaluate((n) => n.tagName);
  await (tag === 'INPUT' ? el : el.locator('input')).fill(value);
}

/** Waits until the visit's current card is the step. */
export async function atStep(page: Page, step: string): Promise<void> {
  await page.locator(`[data-testid="visit-current"][data-step="${step}"]`).waitFor({ timeout: 15_000 });
}

/** Submits the current step's card and waits for the next one (a screenshot when it does not come). */
export async function submitStep(page: Page, step: string, next: string): Promise<void> {
  await atStep(page, step);
  await page.getByTestId('step-submit').click();
  try {
    await atStep(page, next);
  } catch (err) {
    await shot(page, `failed-${step}`);
    throw err;
  }
}
