import type { Ctx } from '@server/platform/context';
import { staffUsersByUsername } from '../../modules/identity';
import { seedPartsCatalog, seedStockLocations } from '../../modules/parts';
import { DEMO_PARTS } from './data/demo-parts';

export { DEMO_PARTS };

/**
 * The demo stock locations (central warehouse, a store per branch, a van per demo technician — the technicians'
 * `vanLocation` codes VAN-TH-001… from seed-technicians.ts) and the ~150-part catalog (data/demo-parts.ts).
 * Idempotent. The stock itself (opening balances and six months of movements) comes later, from
 * seed-parts-history.ts, once the demo work orders exist.
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
  const catalog = await seedPartsCatalog(ctx, { parts: DEMO_PARTS, openingStock: [] });
  onProgress?.(`parts: ${locations.created} locations, ${catalog.parts} parts`);
  return { locations: locations.created, ...catalog };
}
