import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import type { FieldIssue } from '@shared/errors';
import { findAddress, findCustomer, findPhone, findUnit, listPhones } from '../customers.repository';

export interface CustomerRefs {
  customerId: string;
  phoneId?: string | null;
  addressId?: string | null;
  unitId?: string | null;
}

export interface ResolvedCustomerRefs {
  customerId: string;
  /** The given phone, else the primary one (null if the customer has none). */
  phoneId: string | null;
  addressId: string | null;
  unitId: string | null;
  /** City and district of the address, in clear (for order filters and backlog). */
  city: string | null;
  district: string | null;
  anonymised: boolean;
}

/**
 * Checks that the phone, address and unit belong to the customer (for an order taken for a known customer).
 * Each wrong id is a field error `not_found` on its own path (`prefix` + name); an unknown customer too.
 */
export async function resolveCustomerRefs(ctx: Ctx, refs: CustomerRefs, prefix = ''): Promise<ResolvedCustomerRefs> {
  const zh = ctx.request.locale === 'zh-CN';
  const customer = await findCustomer(ctx.db, refs.customerId);
  if (!customer) {
    throw AppError.field(`${prefix}customerId`, 'not_found', zh ? '客户不存在' : 'No such customer');
  }
  const issues: FieldIssue[] = [];
  const wrong = (name: string, zhText: string, enText: string) =>
    issues.push({ path: `${prefix}${name}`, code: 'not_found', message: zh ? zhText : enText });
  const [phone, address, unit] = await Promise.all([
    refs.phoneId ? findPhone(ctx.db, refs.phoneId) : listPhones(ctx.db, [customer.id]).then((p) => p[0] ?? null),
    refs.addressId ? findAddress(ctx.db, refs.addressId) : Promise.resolve(null),
    refs.unitId ? findUnit(ctx.db, refs.unitId) : Promise.resolve(null),
  ]);
  if (refs.phoneId && phone?.customerId !== customer.id)
    wrong('phoneId', '该客户没有这个号码', 'This customer has no such phone');
  if (refs.addressId && address?.customerId !== customer.id)
    wrong('addressId', '该客户没有这个地址', 'This customer has no such address');
  if (refs.unitId && unit?.customerId !== customer.id)
    wrong('unitId', '该客户没有这台空调', 'This customer has no such AC unit');
  if (issues.length) throw AppError.validation(issues);
  return {
    customerId: customer.id,
    phoneId: phone?.id ?? null,
    addressId: address?.id ?? null,
    unitId: unit?.id ?? null,
    city: address?.city ?? null,
    district: address?.district ?? null,
    anonymised: customer.anonymisedAt !== null,
  };
}
