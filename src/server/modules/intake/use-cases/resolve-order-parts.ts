import { addAddress, addUnit, findOrCreateCustomer, resolveCustomerRefs, unitInfo } from '@server/modules/customers';
import type { Ctx } from '@server/platform/context';
import { AppError, isAppError } from '@server/platform/errors';
import { parsePhone } from '@shared/domain/phone';
import type { Channel, UnitType } from '@shared/domain/work-order';
import type { FieldIssue } from '@shared/errors';

export interface CustomerPart {
  id?: string;
  phoneId?: string;
  name?: string;
  phone?: string;
}
export interface AddressPart {
  id?: string;
  city?: string;
  district?: string;
  detail?: string;
  lat?: number;
  lng?: number;
  label?: string;
}
export interface UnitPart {
  id?: string;
  brand?: string;
  model?: string;
  type?: UnitType;
  serial?: string;
}

/** "unknown", "不清楚", "未知": the customer does not know the model (allowed; the unit is not registered). */
export function isUnknownModel(model: string): boolean {
  return ['unknown', '不清楚', '未知', '不知道'].includes(model.trim().toLowerCase());
}

function msg(ctx: Ctx, zh: string, en: string): string {
  return ctx.request.locale === 'zh-CN' ? zh : en;
}

function required(ctx: Ctx, path: string): FieldIssue {
  return { path, code: 'required', message: msg(ctx, '必填', 'is required') };
}

/** Checks the shape of the customer / address / unit parts (which form, which fields), before any write. */
export function checkParts(
  ctx: Ctx,
  parts: { customer?: CustomerPart; address?: AddressPart; unit?: UnitPart },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { customer, address, unit } = parts;
  if (customer) {
    if (customer.id) {
      if (customer.name !== undefined || customer.phone !== undefined) {
        issues.push({
          path: 'customer',
          code: 'either_id_or_new',
          message: msg(
            ctx,
            '请选择已有客户，或填写新客户的姓名和电话，不能同时提供',
            'Give either id, or name and phone',
          ),
        });
      }
    } else {
      if (customer.phoneId) {
        issues.push({
          path: 'customer.phoneId',
          code: 'requires_id',
          message: msg(ctx, '仅在选择已有客户时提供', 'Only with the id of a customer on file'),
        });
      }
      if (!customer.name) issues.push(required(ctx, 'customer.name'));
      if (!customer.phone) issues.push(required(ctx, 'customer.phone'));
      else if (!parsePhone(customer.phone)) {
        issues.push({
          path: 'customer.phone',
          code: 'invalid_phone',
          message: msg(
            ctx,
            '请输入有效的手机号（1 开头 11 位）或带区号的座机号',
            'Enter a mainland mobile (11 digits starting with 1) or a landline with area code',
          ),
        });
      }
    }
  }
  if (address) {
    if (address.id) {
      const extra = (['city', 'district', 'detail', 'lat', 'lng', 'label'] as const).filter(
        (k) => address[k] !== undefined,
      );
      if (extra.length) {
        issues.push({
          path: 'address',
          code: 'either_id_or_new',
          message: msg(ctx, '请选择已有地址，或填写新地址，不能同时提供', 'Give either an address id or a new address'),
        });
      }
    } else {
      for (const k of ['city', 'district', 'detail'] as const)
        if (!address[k]) issues.push(required(ctx, `address.${k}`));
      if ((address.lat === undefined) !== (address.lng === undefined)) {
        issues.push({
          path: `address.${address.lat === undefined ? 'lat' : 'lng'}`,
          code: 'required',
          message: msg(ctx, '经纬度需同时提供', 'Give both latitude and longitude, or neither'),
        });
      }
    }
  }
  if (unit) {
    if (unit.id) {
      if (
        unit.brand !== undefined ||
        unit.model !== undefined ||
        unit.type !== undefined ||
        unit.serial !== undefined
      ) {
        issues.push({
          path: 'unit',
          code: 'either_id_or_new',
          message: msg(ctx, '请选择已有空调，或填写品牌、型号和类型', 'Give either a unit id or brand, model and type'),
        });
      }
    } else {
      for (const k of ['brand', 'model', 'type'] as const) if (!unit[k]) issues.push(required(ctx, `unit.${k}`));
    }
  }
  return issues;
}

const REF_PATHS: Record<string, string> = {
  customerId: 'customer.id',
  phoneId: 'customer.phoneId',
  addressId: 'address.id',
  unitId: 'unit.id',
};

/** Re-labels the customers module's field errors with this form's paths. */
function remapIssues(err: unknown, map: (path: string) => string): unknown {
  if (!isAppError(err) || err.code !== 'VALIDATION_FAILED') return err;
  const issues = (err.details?.issues as FieldIssue[] | undefined) ?? [];
  return AppError.validation(issues.map((i) => ({ ...i, path: map(i.path) })));
}

export interface ResolvedParts {
  customerId: string;
  phoneId: string;
  addressId: string;
  district: string;
  unitId: string | null;
  unitBrand: string;
  unitModel: string;
  unitType: UnitType;
  customerCreated: boolean;
}

/**
 * Resolves (and creates where new) the customer, address and unit of an order, in the caller's transaction,
 * through the customers module's public door. Ids that do not belong to the customer are field errors.
 */
export async function resolveParts(
  tx: Ctx,
  input: { customer: CustomerPart; address: AddressPart; unit: UnitPart; channel: Channel },
): Promise<ResolvedParts> {
  let customerId: string;
  let phoneId: string | null;
  let customerCreated = false;
  if (input.customer.id) {
    customerId = input.customer.id;
    phoneId = input.customer.phoneId ?? null;
  } else {
    const found = await findOrCreateCustomer(tx, {
      name: input.customer.name as string,
      phone: input.customer.phone as string,
      channel: input.channel,
    }).catch((err) => {
      throw remapIssues(err, (p) => `customer.${p}`);
    });
    customerId = found.customerId;
    phoneId = found.phoneId;
    customerCreated = found.created;
  }
  const refs = await resolveCustomerRefs(tx, {
    customerId,
    phoneId,
    addressId: input.address.id ?? null,
    unitId: input.unit.id ?? null,
  }).catch((err) => {
    throw remapIssues(err, (p) => REF_PATHS[p] ?? p);
  });
  if (refs.anonymised) {
    throw AppError.field('customer.id', 'anonymised', msg(tx, '该客户资料已注销', 'This customer was deleted'));
  }
  if (!refs.phoneId) {
    throw AppError.field('customer.phoneId', 'required', msg(tx, '该客户没有联系电话', 'This customer has no phone'));
  }
  const address = await resolveAddress(tx, customerId, input.address, refs.addressId, refs.district);
  const unit = await resolveUnit(tx, customerId, input.unit, refs.unitId, address.addressId);
  return { customerId, phoneId: refs.phoneId, customerCreated, ...address, ...unit };
}

export async function resolveAddress(
  tx: Ctx,
  customerId: string,
  address: AddressPart,
  knownId?: string | null,
  knownDistrict?: string | null,
): Promise<{ addressId: string; district: string }> {
  if (address.id) {
    if (knownId && knownDistrict) return { addressId: knownId, district: knownDistrict };
    const refs = await resolveCustomerRefs(tx, { customerId, addressId: address.id }).catch((err) => {
      throw remapIssues(err, (p) => REF_PATHS[p] ?? p);
    });
    return { addressId: refs.addressId as string, district: refs.district as string };
  }
  const addressId = await addAddress(
    tx,
    customerId,
    {
      city: address.city as string,
      district: address.district as string,
      detail: address.detail as string,
      ...(address.lat !== undefined ? { lat: address.lat } : {}),
      ...(address.lng !== undefined ? { lng: address.lng } : {}),
      ...(address.label !== undefined ? { label: address.label } : {}),
    },
    'address',
  );
  return { addressId, district: (address.district as string).trim() };
}

export async function resolveUnit(
  tx: Ctx,
  customerId: string,
  unit: UnitPart,
  knownId?: string | null,
  addressId?: string,
): Promise<{ unitId: string | null; unitBrand: string; unitModel: string; unitType: UnitType }> {
  if (unit.id) {
    if (!knownId) {
      await resolveCustomerRefs(tx, { customerId, unitId: unit.id }).catch((err) => {
        throw remapIssues(err, (p) => REF_PATHS[p] ?? p);
      });
    }
    const info = await unitInfo(tx, unit.id);
    if (!info) throw AppError.field('unit.id', 'not_found', msg(tx, '该客户没有这台空调', 'No such AC unit'));
    return { unitId: info.id, unitBrand: info.brand, unitModel: info.model, unitType: info.type };
  }
  const brand = (unit.brand as string).trim();
  const model = (unit.model as string).trim();
  const type = unit.type as UnitType;
  if (isUnknownModel(model)) return { unitId: null, unitBrand: brand, unitModel: model, unitType: type };
  const unitId = await addUnit(
    tx,
    customerId,
    { brand, model, type, ...(unit.serial ? { serial: unit.serial } : {}), ...(addressId ? { addressId } : {}) },
    'unit',
  );
  return { unitId, unitBrand: brand, unitModel: model, unitType: type };
}
