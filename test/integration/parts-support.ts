// Shared set-up of the parts tests: staff of branch TH (and one of HZ), a central warehouse, stores and vans.
import { randomUUID } from 'node:crypto';
import type { Role } from '@shared/domain/roles';
import { seedStockLocations } from '../../src/server/modules/parts';
import type { TestApp } from '../build-test-app';

type Name = 'wh' | 'head' | 'tech' | 'tech2' | 'techhz' | 'whhz' | 'disp' | 'agent';

export interface PartsStaff {
  cookies: Record<Name, string>;
  ids: Record<Name, string>;
  loc: { central: string; th: string; hz: string; vanTech: string; vanTech2: string; vanHz: string };
}

export async function partsStaff(t: TestApp): Promise<PartsStaff> {
  const people: [Name, Role, 'th' | 'hz'][] = [
    ['wh', 'warehouse', 'th'],
    ['head', 'head', 'th'],
    ['tech', 'technician', 'th'],
    ['tech2', 'technician', 'th'],
    ['techhz', 'technician', 'hz'],
    ['whhz', 'warehouse', 'hz'],
    ['disp', 'dispatcher', 'th'],
    ['agent', 'agent', 'th'],
  ];
  const cookies = {} as Record<Name, string>;
  const ids = {} as Record<Name, string>;
  for (const [name, role, branch] of people) {
    ids[name] = await t.createUser(`p-${name}`, [role], branch);
    cookies[name] = await t.login(`p-${name}`);
  }
  await seedStockLocations(t.systemCtx(), {
    central: { code: 'WH-CENTRAL', name: '中心仓' },
    stores: [
      { code: 'ST-GZ-TH', name: '天河网点仓', branchId: t.branches.th },
      { code: 'ST-GZ-HZ', name: '海珠网点仓', branchId: t.branches.hz },
    ],
    vans: [
      { code: 'VAN-TH-001', name: '车载库 TH-001', branchId: t.branches.th, technicianId: ids.tech },
      { code: 'VAN-TH-002', name: '车载库 TH-002', branchId: t.branches.th, technicianId: ids.tech2 },
      { code: 'VAN-HZ-001', name: '车载库 HZ-001', branchId: t.branches.hz, technicianId: ids.techhz },
    ],
  });
  const res = await t.request({ method: 'GET', url: '/api/stock-locations?pageSize=200', cookie: cookies.whhz });
  const hzVisible = res.json().items as { id: string; code: string }[];
  const res2 = await t.request({ method: 'GET', url: '/api/stock-locations?pageSize=200', cookie: cookies.wh });
  const all = [...(res2.json().items as { id: string; code: string }[]), ...hzVisible];
  const id = (code: string) => all.find((l) => l.code === code)?.id as string;
  return {
    cookies,
    ids,
    loc: {
      central: id('WH-CENTRAL'),
      th: id('ST-GZ-TH'),
      hz: id('ST-GZ-HZ'),
      vanTech: id('VAN-TH-001'),
      vanTech2: id('VAN-TH-002'),
      vanHz: id('VAN-HZ-001'),
    },
  };
}

export function partBody(extra: Record<string, unknown> = {}) {
  return {
    code: `P-${randomUUID().slice(0, 8)}`,
    name: '启动电容',
    spec: '35μF 450V',
    unit: '个',
    category: 'capacitor',
    designated: true,
    serialTracked: false,
    lotTracked: false,
    warrantyMonths: 12,
    standardCostFen: 1800,
    compatibleModels: ['KFR-35GW'],
    ...extra,
  };
}

export async function newPart(t: TestApp, cookie: string, extra: Record<string, unknown> = {}) {
  const res = await t.request({ method: 'POST', url: '/api/parts', cookie, body: partBody(extra) });
  if (res.statusCode !== 201) throw new Error(`createPart ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; code: string; version: number; avgCostFen: number };
}

export const rid = () => `req-${randomUUID()}`;

export function move(t: TestApp, cookie: string, body: Record<string, unknown>, headers?: Record<string, string>) {
  return t.request({
    method: 'POST',
    url: '/api/stock-movements',
    cookie,
    body: { requestId: rid(), ...body },
    ...(headers ? { headers } : {}),
  });
}

export async function balance(t: TestApp, cookie: string, partId: string, locationId: string): Promise<number> {
  const res = await t.request({
    method: 'GET',
    url: `/api/stock-balances?partId=${partId}&locationId=${locationId}&pageSize=200`,
    cookie,
  });
  return (res.json().items as { quantity: number }[]).reduce((s, i) => s + i.quantity, 0);
}
