import type { Ctx } from '@server/platform/context';
import type { PartCategory } from '@shared/domain/parts';
import { staffUsersByUsername } from '../../modules/identity';
import { type OpeningStock, type PartFields, seedPartsCatalog, seedStockLocations } from '../../modules/parts';

type DemoPart = PartFields & { code: string };

function part(
  code: string,
  name: string,
  spec: string,
  unit: string,
  category: PartCategory,
  standardCostFen: number,
  extra: Partial<PartFields> = {},
): DemoPart {
  return {
    code,
    name,
    spec,
    unit,
    category,
    designated: true,
    serialTracked: false,
    lotTracked: false,
    warrantyMonths: 6,
    standardCostFen,
    compatibleModels: [],
    ...extra,
  };
}

/** A starter catalog (the full ~150-part demo catalog of issue 5 is still to come). */
export const DEMO_PARTS: DemoPart[] = [
  part('CAP-35UF-450V', '压缩机启动电容', 'CBB65 35μF 450V', '个', 'capacitor', 1800, {
    compatibleModels: ['KFR-35GW', 'KFR-26GW'],
  }),
  part('CAP-2U5-450V', '风机电容', 'CBB61 2.5μF 450V', '个', 'capacitor', 600),
  part('CMP-ROT-15P', '旋转式变频压缩机', '1.5匹 R32 GMCC', '台', 'compressor', 98000, {
    serialTracked: true,
    warrantyMonths: 36,
    compatibleModels: ['KFR-35GW/BpDN8'],
  }),
  part('FAN-OUT-YDK36', '室外风机电机', 'YDK36-6 36W', '台', 'fan_motor', 26000, { warrantyMonths: 12 }),
  part('PCB-INV-MAIN', '变频主控板', '内机主板 通用型', '块', 'pcb', 45000, {
    serialTracked: true,
    warrantyMonths: 12,
  }),
  part('SEN-NTC-10K', '管温传感器', 'NTC 10kΩ 5m', '个', 'sensor', 1200),
  part('VLV-4WAY-DHF', '四通换向阀', 'DHF5 1.5匹', '个', 'four_way_valve', 8500, { warrantyMonths: 12 }),
  part('REF-R32-3KG', 'R32 冷媒', '3kg 钢瓶', '瓶', 'refrigerant_r32', 15000, { lotTracked: true, warrantyMonths: 0 }),
  part('REF-R410A-10KG', 'R410A 冷媒', '10kg 钢瓶', '瓶', 'refrigerant_r410a', 42000, {
    lotTracked: true,
    warrantyMonths: 0,
  }),
  part('REF-R22-13KG', 'R22 冷媒', '13.6kg 钢瓶', '瓶', 'refrigerant_r22', 38000, {
    lotTracked: true,
    warrantyMonths: 0,
  }),
  part('PIPE-CU-635', '铜管', 'φ6.35 × 0.6mm', '米', 'copper_pipe', 1500, { warrantyMonths: 0 }),
  part('RMT-UNIV', '万能遥控器', '通用型', '个', 'remote', 2500, { designated: false, warrantyMonths: 3 }),
];

/**
 * The demo stock locations (central warehouse, a store per branch, a van per demo technician — the technicians'
 * `vanLocation` codes VAN-TH-001… from seed-technicians.ts) and a starter catalog with opening stock. Idempotent.
 */
export async function seedParts(ctx: Ctx, branches: { th: string; hz: string }, onProgress?: (msg: string) => void) {
  const usernames = Array.from({ length: 40 }, (_, i) => `tech${String(i + 1).padStart(2, '0')}`);
  const users = await staffUsersByUsername(ctx.db, usernames);
  const vans = usernames.flatMap((username, i) => {
    const user = users.get(username);
    const side = i < 24 ? 'TH' : 'HZ';
    const n = side === 'TH' ? i + 1 : i - 23;
    const staffNo = `${side}-${String(n).padStart(3, '0')}`;
    if (!user) return [];
    return [
      {
        code: `VAN-${staffNo}`,
        name: `车载库 ${staffNo} ${user.displayName}`,
        branchId: side === 'TH' ? branches.th : branches.hz,
        technicianId: user.id,
      },
    ];
  });
  const locations = await seedStockLocations(ctx, {
    central: { code: 'WH-CENTRAL', name: '广州中心仓' },
    stores: [
      { code: 'ST-GZ-TH', name: '天河网点仓', branchId: branches.th },
      { code: 'ST-GZ-HZ', name: '海珠网点仓', branchId: branches.hz },
    ],
    vans,
  });
  const opening: OpeningStock[] = [
    { partCode: 'CAP-35UF-450V', locationCode: 'WH-CENTRAL', quantity: 200, unitCostFen: 1750 },
    { partCode: 'CAP-35UF-450V', locationCode: 'ST-GZ-TH', quantity: 40, unitCostFen: 1820 },
    { partCode: 'CAP-2U5-450V', locationCode: 'WH-CENTRAL', quantity: 300, unitCostFen: 580 },
    {
      partCode: 'CMP-ROT-15P',
      locationCode: 'WH-CENTRAL',
      serials: ['GMCC2406A001', 'GMCC2406A002', 'GMCC2406A003'],
      unitCostFen: 96000,
    },
    { partCode: 'FAN-OUT-YDK36', locationCode: 'ST-GZ-TH', quantity: 6, unitCostFen: 25500 },
    {
      partCode: 'PCB-INV-MAIN',
      locationCode: 'WH-CENTRAL',
      serials: ['PCB24060001', 'PCB24060002'],
      unitCostFen: 44000,
    },
    { partCode: 'SEN-NTC-10K', locationCode: 'ST-GZ-HZ', quantity: 50, unitCostFen: 1150 },
    { partCode: 'VLV-4WAY-DHF', locationCode: 'WH-CENTRAL', quantity: 12, unitCostFen: 8300 },
    {
      partCode: 'REF-R32-3KG',
      locationCode: 'ST-GZ-TH',
      quantity: 20,
      unitCostFen: 14800,
      lot: 'R32-2406',
      expiryDate: '2029-06-30',
    },
    { partCode: 'PIPE-CU-635', locationCode: 'WH-CENTRAL', quantity: 500, unitCostFen: 1450 },
    { partCode: 'CAP-35UF-450V', locationCode: 'VAN-TH-001', quantity: 4, unitCostFen: 1800 },
  ];
  const catalog = await seedPartsCatalog(ctx, { parts: DEMO_PARTS, openingStock: opening });
  onProgress?.(`parts: ${locations.created} locations, ${catalog.parts} parts, ${catalog.receipts} opening receipts`);
  return { locations: locations.created, ...catalog };
}
