import type { Ctx } from '@server/platform/context';
import { withTransaction } from '@server/platform/db/transaction';
import { BRANDS, type UnitType, type WorkOrderStatus } from '@shared/domain/work-order';
import type { WorkOrderEvent } from '@shared/domain/work-order-lifecycle';
import { addAddress, addUnit, findOrCreateCustomer } from '../../modules/customers';
import { changeWorkOrderStatus, createWorkOrder } from '../../modules/intake';
import { demoName } from './names';

/** A small deterministic PRNG (mulberry32): the demo company is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Guangzhou districts with a rough centre (WGS-84) and a few real streets. */
export const GZ_DISTRICTS: { name: string; lat: number; lng: number; streets: string[]; branch: 'th' | 'hz' }[] = [
  {
    name: '天河区',
    lat: 23.1247,
    lng: 113.3612,
    streets: ['天河路', '体育西路', '黄埔大道西', '中山大道西', '天河北路'],
    branch: 'th',
  },
  {
    name: '越秀区',
    lat: 23.1289,
    lng: 113.2668,
    streets: ['东风中路', '环市东路', '中山五路', '北京路', '解放北路'],
    branch: 'th',
  },
  {
    name: '白云区',
    lat: 23.1579,
    lng: 113.2732,
    streets: ['白云大道北', '机场路', '同和路', '广园中路'],
    branch: 'th',
  },
  {
    name: '黄埔区',
    lat: 23.1063,
    lng: 113.4593,
    streets: ['黄埔东路', '开创大道', '科学大道', '香雪三路'],
    branch: 'th',
  },
  { name: '增城区', lat: 23.2906, lng: 113.8109, streets: ['荔城大道', '增城大道', '府佑路'], branch: 'th' },
  { name: '从化区', lat: 23.5486, lng: 113.5865, streets: ['河滨北路', '街口大道'], branch: 'th' },
  { name: '花都区', lat: 23.4039, lng: 113.2203, streets: ['新华路', '迎宾大道', '公益路'], branch: 'th' },
  {
    name: '海珠区',
    lat: 23.0839,
    lng: 113.3174,
    streets: ['新港中路', '江南大道中', '工业大道北', '宝岗大道', '昌岗中路'],
    branch: 'hz',
  },
  {
    name: '荔湾区',
    lat: 23.1259,
    lng: 113.2442,
    streets: ['中山八路', '芳村大道中', '龙津西路', '康王中路'],
    branch: 'hz',
  },
  {
    name: '番禺区',
    lat: 22.9375,
    lng: 113.384,
    streets: ['市桥大北路', '迎宾路', '兴南大道', '汉溪大道东'],
    branch: 'hz',
  },
  { name: '南沙区', lat: 22.8016, lng: 113.525, streets: ['进港大道', '凤凰大道', '海滨路'], branch: 'hz' },
];

const UNIT_TYPES: UnitType[] = [
  'split_wall',
  'split_wall',
  'split_wall',
  'split_wall',
  'cabinet',
  'cabinet',
  'ceiling',
  'ducted',
  'vrf',
  'window',
];
const MODEL_PREFIX: Record<string, string[]> = {
  格力: ['KFR-35GW/(35557)FNhAa-B1', 'KFR-72LW/(72555)FNhAa-B1', 'KFR-26GW/NhGd1B'],
  美的: ['KFR-35GW/N8MJA3', 'KFR-72LW/N8MJA3', 'KFR-26GW/BP3DN8Y-PH200(B1)'],
  海尔: ['KFR-35GW/81@U1-Ge', 'KFR-72LW/28UDP22AU1'],
  大金: ['FTXR336WC-W', 'FVXB372VAC-W', 'FXMP80PVC'],
  海信: ['KFR-35GW/E80A1', 'KFR-72LW/X700U1'],
  奥克斯: ['KFR-35GW/BpR3AQS1(B1)', 'KFR-72LW/BpR3QYF1(B1)'],
};
const FAULTS: { category: string; text: string }[] = [
  { category: 'no_cooling', text: '开机后吹自然风，不制冷，外机在转' },
  { category: 'no_cooling', text: '制冷效果差，设定 20 度房间还是 30 度' },
  { category: 'leaking', text: '室内机滴水，墙面已经湿了一块' },
  { category: 'noise', text: '外机噪音很大，有咔咔的异响' },
  { category: 'smell', text: '开空调有一股霉味' },
  { category: 'wont_start', text: '遥控器按了没反应，空调不开机' },
  { category: 'error_code', text: '显示屏显示故障代码，空调停机' },
  { category: 'remote', text: '遥控器失灵，换了电池也不行' },
  { category: 'maintenance', text: '想预约一次清洗保养' },
  { category: 'move_install', text: '搬家需要移机，一台挂机' },
  { category: 'no_heating', text: '冬天制热不热，出风是凉的' },
];

/** The happy path of a repair, in order (DOMAIN.md life cycle). */
const REPAIR: WorkOrderEvent[] = [
  { type: 'approve' },
  { type: 'assign' },
  { type: 'accept' },
  { type: 'depart' },
  { type: 'arrive' },
  { type: 'diagnose' },
  { type: 'consent' },
  { type: 'complete' },
  { type: 'settle' },
  { type: 'close' },
];
const upTo = (n: number) => REPAIR.slice(0, n);

/** The events that bring a new order to each status. */
const PATH: Record<WorkOrderStatus, WorkOrderEvent[]> = {
  new: [],
  returned: [{ type: 'return', missingItems: ['详细地址'] }],
  ready: upTo(1),
  assigned: upTo(2),
  accepted: upTo(3),
  en_route: upTo(4),
  on_site: upTo(5),
  diagnosed: upTo(6),
  in_repair: upTo(7),
  waiting_parts: [...upTo(6), { type: 'wait_parts', reason: '压缩机需调货，预计 2 天到货' }],
  completed: upTo(8),
  settled: upTo(9),
  closed: upTo(10),
  cancelled: [{ type: 'cancel', reason: '客户已自行解决，不需要上门' }],
};

const ALL_STATUSES = Object.keys(PATH) as WorkOrderStatus[];

/** Which status an order of this age should have by now (older orders are further along). */
function statusFor(daysAgo: number, r: number): WorkOrderStatus {
  if (daysAgo >= 7) return r < 0.72 ? 'closed' : r < 0.82 ? 'settled' : r < 0.9 ? 'cancelled' : 'completed';
  if (daysAgo >= 2) {
    const s: WorkOrderStatus[] = [
      'completed',
      'completed',
      'settled',
      'in_repair',
      'waiting_parts',
      'diagnosed',
      'closed',
    ];
    return s[Math.floor(r * s.length)] as WorkOrderStatus;
  }
  const s: WorkOrderStatus[] = ['new', 'returned', 'ready', 'ready', 'assigned', 'accepted', 'en_route', 'on_site'];
  return s[Math.floor(r * s.length)] as WorkOrderStatus;
}

export interface SeedOperationsOptions {
  customers: number;
  orders: number;
  branches: { th: string; hz: string };
  /** A ctx factory for a given "now" (the seed back-dates its work). */
  ctxAt: (now: Date) => Ctx;
  now: Date;
  onProgress?: (msg: string) => void;
}

/**
 * The demo company's customers (with addresses and AC units) and work orders across every status of the last
 * 60 days, made through the modules' own use cases: numbers, timelines, clocks and estimates are real.
 */
/** A demo customer with an address and a unit, for later seeds. */
export interface SeededPerson {
  customerId: string;
  addressId: string;
  unitId: string;
  branch: 'th' | 'hz';
}

export async function seedOperations(
  opts: SeedOperationsOptions,
): Promise<{ customers: number; orders: number; people: SeededPerson[] }> {
  const rnd = prng(20260715);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const phones = new Set<string>();
  const people: {
    phone: string;
    name: string;
    district: (typeof GZ_DISTRICTS)[number];
    addressId: string;
    customerId: string;
    unitId: string;
    brand: string;
    model: string;
    type: UnitType;
  }[] = [];

  const batch = 100;
  for (let start = 0; start < opts.customers; start += batch) {
    const ctx = opts.ctxAt(new Date(opts.now.getTime() - 61 * 86_400_000));
    await withTransaction(ctx, async (tx) => {
      for (let i = start; i < Math.min(start + batch, opts.customers); i++) {
        let phone = '';
        do
          phone = `1${pick(['35', '36', '37', '38', '39', '50', '51', '58', '59', '86', '88'])}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
        while (phones.has(phone));
        phones.add(phone);
        const name = rnd() < 0.15 ? `${demoName(i + 7).slice(0, 1)}${pick(['先生', '女士'])}` : demoName(i * 13 + 5);
        const district = pick(GZ_DISTRICTS);
        const { customerId } = await findOrCreateCustomer(tx, {
          name,
          phone,
          channel: pick(['hotline', 'hotline', 'web', 'wechat']),
        });
        const addressId = await addAddress(tx, customerId, {
          city: '广州',
          district: district.name,
          detail: `${pick(district.streets)}${1 + Math.floor(rnd() * 400)}号${pick(['', '', 'A栋', 'B栋', '3座'])}${1 + Math.floor(rnd() * 30)}${String(1 + Math.floor(rnd() * 8)).padStart(2, '0')}房`,
          lat: district.lat + (rnd() - 0.5) * 0.06,
          lng: district.lng + (rnd() - 0.5) * 0.06,
        });
        const brand = pick(BRANDS.slice(0, 6));
        const model = pick(MODEL_PREFIX[brand] ?? ['KFR-35GW']);
        const type = pick(UNIT_TYPES);
        const installYearsAgo = Math.floor(rnd() * 9);
        const install = new Date(opts.now.getTime() - (installYearsAgo * 365 + Math.floor(rnd() * 300)) * 86_400_000);
        const warrantyEnd = new Date(install.getTime() + 6 * 365 * 86_400_000);
        const unitId = await addUnit(tx, customerId, {
          addressId,
          brand,
          model,
          serial: `${brand === '格力' ? 'GR' : 'SN'}${Math.floor(rnd() * 1e10)}`,
          type,
          refrigerant: pick(['R32', 'R410A', 'R410A', 'R22']),
          installDate: install.toISOString().slice(0, 10),
          warrantyEnd: warrantyEnd.toISOString().slice(0, 10),
        });
        people.push({ phone, name, district, addressId, customerId, unitId, brand, model, type });
      }
    });
    opts.onProgress?.(`customers ${Math.min(start + batch, opts.customers)}/${opts.customers}`);
  }

  // Orders: the first ones take every status once, the rest follow their age. Oldest first, so numbers rise with time.
  const plans = Array.from({ length: opts.orders }, (_, i) => {
    const daysAgo = i < ALL_STATUSES.length ? (i % 3) + 0.2 : rnd() * 60;
    return { daysAgo, forced: i < ALL_STATUSES.length ? ALL_STATUSES[i] : undefined, r: rnd() };
  }).sort((a, b) => b.daysAgo - a.daysAgo);

  let done = 0;
  for (const plan of plans) {
    const person = pick(people);
    const status = plan.forced ?? statusFor(plan.daysAgo, plan.r);
    // Old orders that are still "new" would be absurd: the forced early ones are recent.
    const createdAt = new Date(opts.now.getTime() - plan.daysAgo * 86_400_000);
    const fault = pick(FAULTS);
    const branchId = opts.branches[person.district.branch];
    const created = await createWorkOrder(opts.ctxAt(createdAt), {
      channel: pick(['hotline', 'hotline', 'hotline', 'web', 'wechat', 'walk_in']),
      customer: { id: person.customerId },
      address: { id: person.addressId },
      unit: { id: person.unitId },
      faultCategory: fault.category,
      description: fault.text,
      priority: rnd() < 0.12 ? 'urgent' : 'normal',
      branchId,
      actorName: '陈晓琳',
      notifyCustomer: false,
    });
    let version = 1;
    let t = createdAt.getTime();
    for (const event of PATH[status]) {
      t += (20 + rnd() * 240) * 60_000;
      const at = new Date(Math.min(t, opts.now.getTime() - 60_000));
      const actorName = ['approve', 'return', 'assign'].includes(event.type)
        ? '黄志明'
        : ['settle'].includes(event.type)
          ? '周慧敏'
          : ['close', 'cancel'].includes(event.type)
            ? '陈晓琳'
            : demoName(Math.floor(rnd() * 40));
      const row = await changeWorkOrderStatus(opts.ctxAt(at), { workOrderId: created.id, version, event, actorName });
      version = row.version;
    }
    done++;
    if (done % 50 === 0) opts.onProgress?.(`orders ${done}/${opts.orders}`);
  }
  return {
    customers: people.length,
    orders: done,
    people: people.map((p) => ({
      customerId: p.customerId,
      addressId: p.addressId,
      unitId: p.unitId,
      branch: p.district.branch,
    })),
  };
}
