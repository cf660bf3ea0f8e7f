import { createHash } from 'node:crypto';
import { recordConsent } from '@server/modules/customers';
import { listBranches } from '@server/modules/identity';
import { verifyCode } from '@server/modules/notify';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError, isAppError } from '@server/platform/errors';
import { PHOTO_MAX_BYTES, type submitRepairRequestBody } from '@shared/contracts/channels.contract';
import { parsePhone } from '@shared/domain/phone';
import type { FieldIssue } from '@shared/errors';
import type { z } from 'zod';
import { checkWindow } from '../../use-cases/check-window';
import { loadFault } from '../../use-cases/compute-estimate';
import { createWorkOrder } from '../../use-cases/create-work-order';
import { addTimeline } from '../../use-cases/timeline';
import { insertAttachment } from '../channels.repository';
import { chooseBranch } from '../domain/choose-branch';
import { CUSTOMER_ACTOR_NAME } from '../domain/customer-view';
import { checkPhoto } from '../domain/photo';

export type RepairRequestInput = z.output<typeof submitRepairRequestBody>;

export interface RepairRequestResult {
  number: string;
  trackingUrl: string;
  estimatedAt: string;
}

/** Runs the creation under the endpoint's Idempotency-Key (the route passes the platform's withIdempotency). */
export type IdempotentRun = <T>(run: (ctx: Ctx) => Promise<T>) => Promise<T>;

const msg = (ctx: Ctx, zh: string, en: string) => (ctx.request.locale === 'zh-CN' ? zh : en);

const PHOTO_MESSAGES: Record<string, [string, string]> = {
  invalid_base64: ['照片数据无效，请重新选择照片', 'The photo data is not valid base64'],
  too_large: ['照片不能超过 2 MB，请换一张或压缩后再试', 'The photo must be at most 2 MB'],
  not_an_image: ['请上传 JPG、PNG 或 WebP 格式的照片', 'Upload a JPEG, PNG or WebP photo'],
  type_mismatch: ['照片格式与声明的类型不符', 'The photo is not of the declared type'],
};

/** The form's own field names for the paths createWorkOrder answers with. */
const PATHS: Record<string, string> = {
  'customer.name': 'name',
  'customer.phone': 'phone',
  'address.city': 'city',
  'address.district': 'district',
  'address.detail': 'detail',
};

function remap(err: unknown): unknown {
  if (!isAppError(err) || err.code !== 'VALIDATION_FAILED') return err;
  const issues = (err.details?.issues as FieldIssue[] | undefined) ?? [];
  return AppError.validation(issues.map((i) => ({ ...i, path: PATHS[i.path] ?? i.path })));
}

interface Prepared {
  input: RepairRequestInput;
  branchId: string;
  photo: { kind: string; contentType: string; bytes: Buffer } | null;
}

/** Every check that needs no write, so a bad form never spends the customer's SMS code. */
async function prepare(ctx: Ctx, input: RepairRequestInput): Promise<Prepared> {
  const issues: FieldIssue[] = [];
  if (input.consent !== true) {
    issues.push({
      path: 'consent',
      code: 'required',
      message: msg(ctx, '请阅读并同意隐私政策', 'Please read and accept the privacy notice'),
    });
  }
  if (parsePhone(input.phone)?.kind !== 'mobile') {
    issues.push({
      path: 'phone',
      code: 'not_mobile',
      message: msg(
        ctx,
        '请输入有效的中国大陆手机号码（11 位，1 开头）',
        'must be a mainland China mobile number (11 digits, starting with 1)',
      ),
    });
  }
  issues.push(...checkWindow(ctx, input.preferredWindow));
  let photo: Prepared['photo'] = null;
  if (input.photo) {
    const checked = checkPhoto(input.photo, PHOTO_MAX_BYTES);
    if (checked.ok) photo = { kind: input.photo.kind, contentType: input.photo.contentType, bytes: checked.bytes };
    else {
      const [zh, en] = PHOTO_MESSAGES[checked.code] as [string, string];
      issues.push({ path: `photo.${checked.path}`, code: checked.code, message: msg(ctx, zh, en) });
    }
  }
  try {
    await loadFault(ctx, input.faultCategory, null);
  } catch (err) {
    if (isAppError(err) && err.code === 'VALIDATION_FAILED') {
      issues.push(...((err.details?.issues as FieldIssue[] | undefined) ?? []));
    } else throw err;
  }
  if (issues.length) throw AppError.validation(issues);

  const { items } = await listBranches(ctx);
  const branchId = chooseBranch(input.district, items);
  if (!branchId) throw new AppError('UNAVAILABLE', { reason: 'no_active_branch' });
  return { input, branchId, photo };
}

/**
 * The public repair page (website, WeChat H5): checks the form, then the SMS code (purpose `repair`; wrong or
 * expired → 400 on `code`, nothing stored), then — in one transaction — the work order through intake's
 * createWorkOrder (channel web/wechat, no actor, the district's branch, actor name 客户), the photo and the privacy
 * consent. A retry with the same Idempotency-Key replays the first answer (its code is spent by then: the
 * verification's failure is raised inside the idempotent run, after a stored answer would have been replayed).
 */
export async function submitRepairRequest(
  ctx: Ctx,
  body: RepairRequestInput,
  idempotent: IdempotentRun = (run) => run(ctx),
): Promise<RepairRequestResult> {
  const prepared = await prepare(ctx, body);
  const verified = await verifyCode(ctx, { phone: body.phone, purpose: 'repair', code: body.code });
  return idempotent(async (runCtx) => {
    if (!verified) {
      throw AppError.field(
        'code',
        'invalid_code',
        msg(runCtx, '验证码错误或已过期，请重新获取', 'The code is wrong or has expired; request a new one'),
      );
    }
    return createRepairOrder(runCtx, prepared);
  });
}

async function createRepairOrder(ctx: Ctx, { input, branchId, photo }: Prepared): Promise<RepairRequestResult> {
  return withTransaction(ctx, async (tx) => {
    const created = await createWorkOrder(tx, {
      channel: input.channel,
      customer: { name: input.name, phone: input.phone },
      address: { city: input.city, district: input.district, detail: input.detail },
      unit: { brand: input.unit.brand, model: input.unit.model, type: input.unit.type },
      faultCategory: input.faultCategory,
      description: input.description,
      priority: 'normal',
      preferredWindow: input.preferredWindow ?? null,
      branchId,
      actorName: CUSTOMER_ACTOR_NAME,
    }).catch((err) => {
      throw remap(err);
    });
    if (photo) {
      const attachmentId = await insertAttachment(tx.db, {
        workOrderId: created.id,
        kind: photo.kind,
        contentType: photo.contentType,
        size: photo.bytes.length,
        sha256: createHash('sha256').update(photo.bytes).digest('hex'),
        data: photo.bytes,
        createdAt: tx.now,
      });
      await addTimeline(tx, created.id, {
        kind: 'notice',
        event: 'photo_attached',
        details: { attachmentId, kind: photo.kind, contentType: photo.contentType, size: photo.bytes.length },
        actorName: CUSTOMER_ACTOR_NAME,
      });
    }
    await recordConsent(tx, {
      customerId: created.customerId,
      purpose: 'privacy_policy',
      granted: true,
      channel: input.channel,
    });
    return {
      number: created.number,
      trackingUrl: created.trackingUrl,
      estimatedAt: created.estimatedAt.toISOString(),
    };
  });
}
