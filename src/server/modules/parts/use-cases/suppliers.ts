import { createHash } from 'node:crypto';
import { writeAudit } from '@server/modules/identity';
import { checkPhoto } from '@server/modules/intake';
import { requireActor } from '@server/platform/access';
import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { AppError } from '@server/platform/errors';
import {
  CONTRACT_FILE_MAX_BYTES,
  type ContractFileType,
  type SupplierContract,
  type SupplierContractStatus,
  type SupplierDetail,
  type SupplierSummary,
} from '@shared/contracts/purchasing.contract';
import { partsByIds } from '../parts.repository';
import {
  type ContractRow,
  contractsOfSupplier,
  evaluationsOfSupplier,
  fileInfoOf,
  findContract,
  findContractByNumber,
  findContractFile,
  findSupplier,
  findSupplierByCode,
  insertContract,
  insertSupplier,
  pageSuppliers,
  pricesOf,
  replacePrices,
  suppliersByIds,
  updateContractVersioned,
  updateSupplierVersioned,
  upsertContractFile,
} from '../purchasing.repository';
import { toEvaluation, toSupplier } from '../purchasing.views';
import { fieldError } from './parts-support';
import { todayOf } from './purchasing-support';

// Suppliers (供应商) and their purchase contracts (采购合同). Company-wide: every parts reader sees them; the
// warehouse (purchasing.manage) keeps them. Create functions accept the system as actor (the demo seed).

export interface SupplierFields {
  name: string;
  contactName?: string;
  contactPhone?: string;
  email?: string;
  address?: string;
  creditCode?: string;
  note?: string;
}

async function contractViews(ctx: Ctx, rows: ContractRow[]): Promise<SupplierContract[]> {
  const ids = rows.map((r) => r.id);
  const prices = await pricesOf(ctx.db, ids);
  const files = new Map((await fileInfoOf(ctx.db, ids)).map((f) => [f.contractId, f]));
  const suppliers = await suppliersByIds(
    ctx.db,
    rows.map((r) => r.supplierId),
  );
  const today = await todayOf(ctx, null);
  return rows.map((c) => {
    const file = files.get(c.id);
    const s = suppliers.get(c.supplierId);
    return {
      id: c.id,
      supplierId: c.supplierId,
      supplierCode: s?.code ?? '',
      supplierName: s?.name ?? '',
      number: c.number,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      deliveryDays: c.deliveryDays,
      warrantyTerms: c.warrantyTerms,
      paymentTerms: c.paymentTerms,
      status: c.status as SupplierContractStatus,
      current: c.status === 'active' && c.startsOn <= today && c.endsOn >= today,
      note: c.note,
      prices: prices
        .filter((p) => p.contractId === c.id)
        .map(({ contractId: _c, ...p }) => ({ ...p, unitPriceFen: Number(p.unitPriceFen) })),
      file: file
        ? {
            fileName: file.fileName,
            contentType: file.contentType,
            size: file.size,
            sha256: file.sha256,
            uploadedByName: file.uploadedByName,
            uploadedAt: file.uploadedAt.toISOString(),
          }
        : null,
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  });
}

async function contractView(ctx: Ctx, id: string): Promise<SupplierContract> {
  const c = await findContract(ctx.db, id);
  if (!c) throw new AppError('NOT_FOUND');
  return (await contractViews(ctx, [c]))[0] as SupplierContract;
}

async function detail(ctx: Ctx, id: string): Promise<SupplierDetail> {
  const s = await findSupplier(ctx.db, id);
  if (!s) throw new AppError('NOT_FOUND');
  const contracts = await contractViews(ctx, await contractsOfSupplier(ctx.db, id));
  const evaluations = (await evaluationsOfSupplier(ctx.db, id, 12)).map((e) => toEvaluation(e, s));
  return { ...toSupplier(s), contracts, evaluations };
}

/** GET /api/suppliers */
export async function listSuppliers(
  ctx: Ctx,
  q: { page?: number; pageSize?: number; q?: string; active?: 'true' | 'false' | 'all' },
): Promise<{ items: SupplierSummary[]; total: number; page: number; pageSize: number }> {
  requireActor(ctx.actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const active = q.active ?? 'true';
  const { items, total } = await pageSuppliers(
    ctx.db,
    {
      ...(q.q ? { q: q.q } : {}),
      ...(active !== 'all' ? { active: active === 'true' } : {}),
      today: await todayOf(ctx, null),
    },
    page,
    pageSize,
  );
  return {
    items: items.map((r) => ({
      ...toSupplier(r.s),
      currentContracts: Number(r.currentContracts),
      latestTotalScore: r.latestTotalScore === null ? null : Number(r.latestTotalScore),
      latestPeriodEnd: r.latestPeriodEnd,
    })),
    total,
    page,
    pageSize,
  };
}

/** GET /api/suppliers/:supplierId */
export async function getSupplier(ctx: Ctx, id: string): Promise<SupplierDetail> {
  requireActor(ctx.actor);
  return detail(ctx, id);
}

function taken(ctx: Ctx, path: string, zh: string, en: string): AppError {
  return new AppError('CONFLICT', {
    issues: [{ path, code: 'taken', message: ctx.request.locale === 'zh-CN' ? zh : en }],
  });
}

/** POST /api/suppliers — code unique (upper case). Also used by the seed (actor may be the system). */
export async function createSupplier(ctx: Ctx, input: SupplierFields & { code: string }): Promise<SupplierDetail> {
  const code = input.code.toUpperCase();
  return withTransaction(ctx, async (tx) => {
    if (await findSupplierByCode(tx.db, code)) throw taken(ctx, 'code', '供应商编码已存在', 'this code is taken');
    const s = await insertSupplier(tx.db, {
      code,
      name: input.name,
      contactName: input.contactName ?? '',
      contactPhone: input.contactPhone ?? '',
      email: input.email ?? '',
      address: input.address ?? '',
      creditCode: input.creditCode ?? '',
      note: input.note ?? '',
      createdAt: tx.now,
      updatedAt: tx.now,
    });
    await writeAudit(tx, {
      action: 'supplier.created',
      objectType: 'supplier',
      objectId: s.id,
      after: { code, name: s.name },
    });
    return detail(tx, s.id);
  });
}

/** PATCH /api/suppliers/:supplierId — with version. */
export async function updateSupplier(
  ctx: Ctx,
  id: string,
  input: Partial<SupplierFields> & { version: number; active?: boolean },
): Promise<SupplierDetail> {
  requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const before = await findSupplier(tx.db, id, 'update');
    if (!before) throw new AppError('NOT_FOUND');
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    const { version, ...set } = input;
    const after = await updateSupplierVersioned(tx.db, id, version, set, tx.now);
    if (!after) throw new AppError('VERSION_CONFLICT');
    const changed = Object.keys(set).filter(
      (k) => before[k as keyof typeof before] !== after[k as keyof typeof after],
    ) as (keyof typeof set)[];
    await writeAudit(tx, {
      action: 'supplier.updated',
      objectType: 'supplier',
      objectId: id,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      details: { version: after.version },
    });
    return detail(tx, id);
  });
}

// ---------- contracts ----------

export interface ContractInput {
  number: string;
  startsOn: string;
  endsOn: string;
  deliveryDays: number;
  warrantyTerms?: string;
  paymentTerms?: string;
  note?: string;
  prices: { partId: string; unitPriceFen: number }[];
}

async function checkPrices(ctx: Ctx, prices: { partId: string; unitPriceFen: number }[]): Promise<void> {
  const found = await partsByIds(
    ctx.db,
    prices.map((p) => p.partId),
  );
  const seen = new Set<string>();
  prices.forEach((p, i) => {
    if (!found.has(p.partId)) throw fieldError(ctx, `prices.${i}.partId`, 'not_found', '配件不存在', 'no such part');
    if (seen.has(p.partId))
      throw fieldError(ctx, `prices.${i}.partId`, 'duplicate', '同一配件只能有一个价格', 'one price per part');
    seen.add(p.partId);
  });
}

function checkPeriod(ctx: Ctx, startsOn: string, endsOn: string): void {
  if (endsOn < startsOn) {
    throw fieldError(ctx, 'endsOn', 'before_start', '结束日期不能早于开始日期', 'the end is before the start');
  }
}

/** POST /api/suppliers/:supplierId/contracts — number unique; prices per part. Also used by the seed. */
export async function createSupplierContract(
  ctx: Ctx,
  supplierId: string,
  input: ContractInput,
): Promise<SupplierContract> {
  const number = input.number.toUpperCase();
  return withTransaction(ctx, async (tx) => {
    const s = await findSupplier(tx.db, supplierId);
    if (!s) throw new AppError('NOT_FOUND');
    checkPeriod(ctx, input.startsOn, input.endsOn);
    await checkPrices(tx, input.prices);
    if (await findContractByNumber(tx.db, number)) {
      throw taken(ctx, 'number', '合同编号已存在', 'this contract number is taken');
    }
    const c = await insertContract(tx.db, {
      supplierId,
      number,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      deliveryDays: input.deliveryDays,
      warrantyTerms: input.warrantyTerms ?? '',
      paymentTerms: input.paymentTerms ?? '',
      note: input.note ?? '',
      createdAt: tx.now,
      updatedAt: tx.now,
    });
    await replacePrices(tx.db, c.id, input.prices);
    await writeAudit(tx, {
      action: 'supplier_contract.created',
      objectType: 'supplier_contract',
      objectId: c.id,
      after: {
        supplierId,
        number,
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        deliveryDays: c.deliveryDays,
        prices: input.prices.length,
      },
    });
    return contractView(tx, c.id);
  });
}

/** PATCH /api/supplier-contracts/:contractId — with version; `prices` replaces the whole list. */
export async function updateSupplierContract(
  ctx: Ctx,
  id: string,
  input: Partial<Omit<ContractInput, 'number'>> & { version: number; status?: SupplierContractStatus },
): Promise<SupplierContract> {
  requireActor(ctx.actor);
  return withTransaction(ctx, async (tx) => {
    const before = await findContract(tx.db, id, 'update');
    if (!before) throw new AppError('NOT_FOUND');
    if (before.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    const { version, prices, ...set } = input;
    checkPeriod(ctx, set.startsOn ?? before.startsOn, set.endsOn ?? before.endsOn);
    if (prices) await checkPrices(tx, prices);
    const oldPrices = prices ? await pricesOf(tx.db, [id]) : [];
    const after = await updateContractVersioned(tx.db, id, version, set, tx.now);
    if (!after) throw new AppError('VERSION_CONFLICT');
    if (prices) await replacePrices(tx.db, id, prices);
    const changed = Object.keys(set).filter(
      (k) => before[k as keyof typeof before] !== after[k as keyof typeof after],
    ) as (keyof typeof set)[];
    await writeAudit(tx, {
      action: 'supplier_contract.updated',
      objectType: 'supplier_contract',
      objectId: id,
      before: {
        ...Object.fromEntries(changed.map((k) => [k, before[k]])),
        ...(prices ? { prices: oldPrices.map((p) => ({ partId: p.partId, unitPriceFen: p.unitPriceFen })) } : {}),
      },
      after: { ...Object.fromEntries(changed.map((k) => [k, after[k]])), ...(prices ? { prices } : {}) },
      details: { version: after.version },
    });
    return contractView(tx, id);
  });
}

const FILE_EXT: Record<ContractFileType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

const FILE_MESSAGES: Record<string, [string, string]> = {
  invalid_base64: ['文件数据无效，请重新选择文件', 'The file data is not valid base64'],
  too_large: ['文件不能超过 5 MB', 'The file must be at most 5 MB'],
  unsupported_file: ['请上传 PDF、JPG 或 PNG 格式的合同文件', 'Upload the contract as a PDF, JPEG or PNG file'],
  type_mismatch: ['文件内容与声明的类型不符', 'The file is not of the declared type'],
};

/**
 * A contract scan: at most 5 MB and really of its declared type. Images go through intake's photo check (base64,
 * size, magic bytes). A PDF is first put to the same check as a would-be JPEG: "not an image" there means the
 * base64 and the size are fine and the bytes are no image, and then they must start with "%PDF-".
 */
export function checkContractFile(
  file: { contentType: ContractFileType; dataBase64: string },
  maxBytes = CONTRACT_FILE_MAX_BYTES,
): { ok: true; bytes: Buffer } | { ok: false; path: 'dataBase64' | 'contentType'; code: string } {
  if (file.contentType !== 'application/pdf') {
    const r = checkPhoto({ contentType: file.contentType, dataBase64: file.dataBase64 }, maxBytes);
    if (r.ok) return r;
    return { ok: false, path: r.path, code: r.code === 'not_an_image' ? 'unsupported_file' : r.code };
  }
  const r = checkPhoto({ contentType: 'image/jpeg', dataBase64: file.dataBase64 }, maxBytes);
  if (r.ok || r.code === 'type_mismatch') return { ok: false, path: 'contentType', code: 'type_mismatch' };
  if (r.code !== 'not_an_image') return { ok: false, path: r.path, code: r.code };
  const bytes = Buffer.from(file.dataBase64, 'base64');
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
    return { ok: false, path: 'dataBase64', code: 'unsupported_file' };
  }
  return { ok: true, bytes };
}

/** PUT /api/supplier-contracts/:contractId/file — replaces the attached scan. The contract's version stays. */
export async function uploadSupplierContractFile(
  ctx: Ctx,
  id: string,
  input: { fileName: string; contentType: ContractFileType; dataBase64: string },
): Promise<SupplierContract> {
  const actor = requireActor(ctx.actor);
  const checked = checkContractFile(input);
  if (!checked.ok) {
    const [zh, en] = FILE_MESSAGES[checked.code] ?? ['文件无效', 'invalid file'];
    throw fieldError(ctx, checked.path, checked.code, zh, en);
  }
  return withTransaction(ctx, async (tx) => {
    const c = await findContract(tx.db, id, 'update');
    if (!c) throw new AppError('NOT_FOUND');
    const sha256 = createHash('sha256').update(checked.bytes).digest('hex');
    await upsertContractFile(tx.db, {
      contractId: id,
      fileName: input.fileName,
      contentType: input.contentType,
      size: checked.bytes.length,
      sha256,
      data: checked.bytes,
      uploadedByName: actor.displayName,
      uploadedAt: tx.now,
    });
    await writeAudit(tx, {
      action: 'supplier_contract.file_uploaded',
      objectType: 'supplier_contract',
      objectId: id,
      details: { fileName: input.fileName, contentType: input.contentType, bytes: checked.bytes.length, sha256 },
    });
    return contractView(tx, id);
  });
}

export interface ContractFile {
  contentType: string;
  /** ASCII name for the plain `filename=`. */
  asciiName: string;
  /** The uploaded name (may be Chinese) for `filename*=`. */
  fileName: string;
  data: Buffer;
}

/** GET /api/supplier-contracts/:contractId/file — none attached → 404. */
export async function getSupplierContractFile(ctx: Ctx, id: string): Promise<ContractFile> {
  requireActor(ctx.actor);
  const c = await findContract(ctx.db, id);
  if (!c) throw new AppError('NOT_FOUND');
  const f = await findContractFile(ctx.db, id);
  if (!f) throw new AppError('NOT_FOUND');
  const ext = FILE_EXT[f.contentType as ContractFileType];
  return {
    contentType: ext ? f.contentType : 'application/octet-stream',
    asciiName: `${c.number.replace(/[^\w-]/g, '')}.${ext ?? 'bin'}`,
    fileName: f.fileName,
    data: f.data,
  };
}

/** The supplier a return to supplier names: it must exist; its name fills `supplier` when none was typed. */
export async function returnSupplier(
  ctx: Ctx,
  supplierId: string | undefined,
  typed: string | undefined,
): Promise<{ supplier: string; supplierId: string | null }> {
  if (!supplierId) return { supplier: typed ?? '', supplierId: null };
  const s = await findSupplier(ctx.db, supplierId);
  if (!s) throw fieldError(ctx, 'supplierId', 'not_found', '供应商不存在', 'no such supplier');
  return { supplier: typed || s.name.slice(0, 60), supplierId: s.id };
}
