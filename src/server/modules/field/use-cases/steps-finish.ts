import { createHash } from 'node:crypto';
import { checkPhoto, raiseWorkOrderAlert } from '@server/modules/intake';
import type { Ctx } from '@server/platform/context';
import { SIGNATURE_MAX_BYTES } from '@shared/contracts/field.contract';
import { VISIT_STEP_LABELS, type VisitStep } from '@shared/domain/field';
import { checkHandover, checkSiteCleaned, checkSkipReason } from '../domain/step-rules';
import { checkNewFinish } from '../domain/time-rules';
import { insertSignature, type SignatureRow } from '../field.repository';
import { armRepairClock } from './repair-clock';
import { checkPhotoIds } from './steps-work';
import {
  branchTimeZone,
  fail,
  fieldIssue,
  type StepOutcome,
  type StepScope,
  tellCustomer,
  timeText,
} from './visit-support';

const SIGNATURE_MESSAGES: Record<string, [string, string]> = {
  invalid_base64: ['签名数据无效，请重新签名', 'The signature data is not valid base64'],
  too_large: ['签名图片过大', 'The signature image is too large'],
  not_an_image: ['签名须为 PNG 图片', 'The signature must be a PNG image'],
  type_mismatch: ['签名图片格式与声明不符', 'The signature is not of the declared type'],
};

/** A signature drawn on the phone: a real PNG of at most 200 KB, stored with the visit. */
export async function storeSignature(
  tx: Ctx,
  visitId: string,
  purpose: 'consent' | 'completion',
  input: { signerName: string; signature: { contentType: 'image/png'; dataBase64: string } },
  signedAt: Date,
): Promise<SignatureRow> {
  const checked = checkPhoto(input.signature, SIGNATURE_MAX_BYTES);
  if (!checked.ok) {
    const [zhText, en] = SIGNATURE_MESSAGES[checked.code] as [string, string];
    throw fieldIssue(tx, `signature.${checked.path}`, checked.code, zhText, en);
  }
  return insertSignature(tx.db, {
    visitId,
    purpose,
    signerName: input.signerName.trim(),
    contentType: 'image/png',
    size: checked.bytes.length,
    sha256: createHash('sha256').update(checked.bytes).digest('hex'),
    data: checked.bytes,
    signedAt,
    createdAt: tx.now,
  });
}

/** Handover: the customer is shown how to use the unit; other problems found are kept as advice. */
export async function applyHandover(
  tx: Ctx,
  _s: StepScope,
  body: { shownHowToUse: boolean; advice: string[] },
): Promise<StepOutcome> {
  const issues = checkHandover(body);
  if (issues.length) throw fail(tx, issues);
  const advice = body.advice.map((a) => a.trim()).filter(Boolean);
  return { step: 'handover', data: { shownHowToUse: true, advice }, patch: { advice } };
}

export async function applySiteCleaned(
  tx: Ctx,
  s: StepScope,
  body: { cleaned: boolean; oldPartsPacked: boolean; photoIds?: string[] | undefined },
): Promise<StepOutcome> {
  const issues = [...checkSiteCleaned(body), ...(await checkPhotoIds(tx, s.visit.id, body.photoIds))];
  if (issues.length) throw fail(tx, issues);
  return {
    step: 'site_cleaned',
    data: { cleaned: true, oldPartsPacked: true, photoIds: body.photoIds ?? [] },
    patch: {},
  };
}

/** The customer signs the completion record on the screen. */
export async function applySignature(
  tx: Ctx,
  s: StepScope,
  body: { signerName: string; signature: { contentType: 'image/png'; dataBase64: string } },
): Promise<StepOutcome> {
  const sig = await storeSignature(tx, s.visit.id, 'completion', body, s.at);
  return { step: 'signature', data: { signerName: sig.signerName, signatureId: sig.id }, patch: {} };
}

/** A skippable step skipped with a reason; dispatch gets an alert naming the step and the reason. */
export async function applySkip(
  tx: Ctx,
  s: StepScope,
  body: { target: VisitStep; reason: string },
): Promise<StepOutcome> {
  const bad = checkSkipReason(body.reason);
  if (bad) throw fail(tx, [bad]);
  await raiseWorkOrderAlert(tx, {
    workOrderId: s.visit.workOrderId,
    kind: 'step_skipped',
    reason: body.reason.trim(),
    dedupeKey: `field:skip:${s.visit.id}:${body.target}`,
    details: {
      visitId: s.visit.id,
      step: body.target,
      stepLabel: VISIT_STEP_LABELS[body.target]['zh-CN'],
      technicianId: s.visit.technicianId,
      technicianName: s.visit.technicianName,
    },
  });
  return { step: 'skip', target: body.target, reason: body.reason.trim(), data: {}, patch: {} };
}

/**
 * A delay (policy ch. 4.3): past — or about to pass — the time limit or the expected finish, the technician gives
 * the reason and a new finish time; the customer gets an SMS with the new time and dispatch an alert with the reason.
 * The new finish becomes the repair's deadline.
 */
export async function applyDelay(
  tx: Ctx,
  s: StepScope,
  body: { reason: string; newFinishAt: string },
): Promise<StepOutcome> {
  const { visit } = s;
  const finish = new Date(body.newFinishAt);
  const bad = checkNewFinish(s.at, finish, visit.repairDueAt);
  if (bad) throw fail(tx, [bad]);
  const timeZone = await branchTimeZone(tx, visit.branchId);
  await tellCustomer(tx, s.order, 'repair_delayed', { finishAt: timeText(finish, timeZone) });
  const n = visit.delayCount + 1;
  await raiseWorkOrderAlert(tx, {
    workOrderId: visit.workOrderId,
    kind: 'repair_delayed',
    reason: body.reason.trim(),
    dedupeKey: `field:delay:${visit.id}:${n}`,
    details: {
      visitId: visit.id,
      technicianId: visit.technicianId,
      technicianName: visit.technicianName,
      reported: true,
      previousDueAt: visit.repairDueAt?.toISOString() ?? null,
      newFinishAt: finish.toISOString(),
    },
  });
  await armRepairClock(tx, visit.id, finish);
  return {
    step: 'delay',
    reason: body.reason.trim(),
    data: { previousDueAt: visit.repairDueAt?.toISOString() ?? null, newFinishAt: finish.toISOString(), delay: n },
    patch: { repairDueAt: finish, expectedFinishAt: finish, delayCount: n },
  };
}
