import type { Ctx } from '@server/platform/context';
import { unitInfo } from '../../modules/customers';
import { staffUsers, staffUsersByUsername } from '../../modules/identity';
import { findWorkOrderForTracking, formatOrderNumber } from '../../modules/intake';
import {
  computeSupplierEvaluations,
  type HistoryActor,
  type HistoryOrder,
  type HistoryUnit,
  seedSuppliers,
  shanghaiDay,
  startStockHistory,
} from '../../modules/parts';
import { DEMO_PARTS } from './data/demo-parts';
import { demoSuppliers } from './data/demo-suppliers';
import { prng } from './seed-operations';

// Six months of the demo company's stock (issue 5): opening balances, monthly purchase orders per supplier with
// deliveries (mostly on time, some late, some partial, one short-closed, one cancelled) into the central warehouse at
// contract prices, weekly transfers to the branch stores and the vans, issues to the jobs — the demo work orders that
// were completed, on their on-site time, from the technician's van or the branch store, and before the work orders
// were in the system, the jobs of the paper dispatch sheets — a few returns from jobs, defective units sent back to
// suppliers, two scraps. Summer months bring more 不制冷 jobs, so more capacitors and refrigerant. Some lots expire
// soon or have expired, some parts never move, a few are below their reorder point at the end.
//
// Computed in memory with the parts module's history builder (the ledger's own cost and balance rules) and written
// in one transaction. Deterministic apart from the work orders it reads.

const DAY = 86_400_000;
const HISTORY_DAYS = 179;
const CENTRAL = 'WH-CENTRAL';

type Size = '1P' | '15P' | '3P' | 'duct';
type Refrigerant = 'R32' | 'R410A' | 'R22' | 'R290';
interface JobUnit {
  brand: string;
  size: Size;
  refrigerant: Refrigerant;
  inverter: boolean;
}
interface Job {
  at: Date;
  branch: 'th' | 'hz';
  category: string;
  unit: JobUnit;
  workOrder: { id: string; number: string } | null;
  /** The paper dispatch sheet of a job before the work orders were in the system. */
  paperNo: string;
  /** The technician named on the order's arrival, when known. */
  techName: string | null;
  lines: { part: string; qty: number }[];
}
type Line = { part: string; qty: number };
type Rnd = () => number;

// ---------- calendar (Asia/Shanghai, no daylight saving) ----------

const localAt = (day: string, hour: number, minute = 0): Date =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 8 * 3_600_000 + (hour * 60 + minute) * 60_000);
const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const weekday = (day: string): number => new Date(`${day}T12:00:00Z`).getUTCDay();
const monthOf = (day: string): number => Number(day.slice(5, 7));
const isSummer = (day: string): boolean => [6, 7, 8, 9].includes(monthOf(day));
const yymm = (day: string): string => day.slice(2, 4) + day.slice(5, 7);
const yymmdd = (day: string): string => yymm(day) + day.slice(8, 10);
function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

function hash(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
}

// ---------- what a job uses ----------

const CAT = DEMO_PARTS.reduce<Record<string, (typeof DEMO_PARTS)[number]>>((m, p) => {
  m[p.code] = p;
  return m;
}, {});
const valuable = (code: string): boolean => {
  const p = CAT[code];
  return !!p && (p.serialTracked || p.standardCostFen > 50_000);
};

function startCapacitor(u: JobUnit, r: Rnd): string {
  if (u.size === '1P') return r() < 0.6 ? 'CAP-25UF-450V' : 'CAP-30UF-450V';
  if (u.size === '15P') return r() < 0.7 ? 'CAP-35UF-450V' : r() < 0.5 ? 'CAP-40UF-450V' : 'CAP-35U5-DUAL';
  if (u.size === '3P') return r() < 0.4 ? 'CAP-50UF-450V' : r() < 0.5 ? 'CAP-60UF-450V' : 'CAP-45U5-DUAL';
  return 'CAP-45UF-450V';
}
function fanCapacitor(u: JobUnit, r: Rnd): string {
  if (u.size === '1P') return r() < 0.6 ? 'CAP-2U5-450V' : 'CAP-2U-450V';
  if (u.size === '15P') return r() < 0.6 ? 'CAP-2U5-450V' : 'CAP-3U-450V';
  return r() < 0.6 ? 'CAP-4U-450V' : 'CAP-5U-450V';
}
function topUp(u: JobUnit): Line[] {
  const big = u.size === '3P' || u.size === 'duct';
  if (u.refrigerant === 'R290') return [{ part: 'REF-R290-420G', qty: 1 }];
  const code = u.refrigerant === 'R32' ? 'REF-R32-1KG' : u.refrigerant === 'R410A' ? 'REF-R410A-1KG' : 'REF-R22-1KG';
  return [{ part: code, qty: big ? 2 : 1 }];
}
function compressor(u: JobUnit): string {
  const table: Record<Refrigerant, Record<Size, string>> = {
    R32: { '1P': 'CMP-ROT-1P-R32', '15P': 'CMP-ROT-15P', '3P': 'CMP-ROT-3P-R32', duct: 'CMP-ROT-2P-R32' },
    R410A: {
      '1P': 'CMP-ROT-1P-R410A',
      '15P': 'CMP-ROT-15P-R410A',
      '3P': u.inverter ? 'CMP-ROT-2P-R410A' : 'CMP-SCR-3P-R410A',
      duct: 'CMP-ROT-2P-R410A',
    },
    R22: { '1P': 'CMP-ROT-1P-R22', '15P': 'CMP-ROT-15P-R22', '3P': 'CMP-ROT-2P-R22', duct: 'CMP-ROT-2P-R22' },
    R290: { '1P': 'CMP-ROT-15P-R290', '15P': 'CMP-ROT-15P-R290', '3P': 'CMP-ROT-15P-R290', duct: 'CMP-ROT-15P-R290' },
  };
  return table[u.refrigerant][u.size];
}
const pickOf = <T>(r: Rnd, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const big = (u: JobUnit) => u.size === '3P' || u.size === 'duct';

/** The parts a job of this fault category is likely to use (the fault catalog's "likely parts", as part codes). */
function demandFor(category: string, u: JobUnit, day: string, r: Rnd): Line[] {
  const summer = isSummer(day);
  const out: Line[] = [];
  const add = (part: string, qty = 1) => out.push({ part, qty });
  const x = r();
  switch (category) {
    case 'no_cooling': {
      const capShare = u.inverter ? 0 : summer ? 0.5 : 0.4;
      if (x < capShare) {
        add(startCapacitor(u, r));
        if (r() < 0.35) add(fanCapacitor(u, r));
      } else if (x < capShare + (summer ? 0.42 : 0.36)) {
        out.push(...topUp(u));
        if (r() < 0.3) add('CON-LEAK-SPRAY');
        if (r() < 0.2) add(u.inverter ? 'FLT-DRY-HP' : 'FLT-DRY-635');
        if (r() < 0.15) add(big(u) ? 'PIPE-NUT-12' : 'PIPE-NUT-38', 2);
        // The leak was at a service valve or a flare joint.
        if (r() < 0.1) add(pickOf(r, ['VLV-STOP-2W', 'VLV-STOP-3W-12', big(u) ? 'VLV-STOP-3W-58' : 'VLV-STOP-2W']));
        if (r() < 0.08) add('CON-GLUE-THREAD');
        if (r() < 0.04) add(r() < 0.5 ? 'CAP-TUBE-14' : 'CAP-TUBE-16', 1);
      } else if (x < 0.9) {
        add(r() < 0.5 ? 'SEN-NTC-20K-PIPE' : 'SEN-NTC-10K');
      } else if (x < 0.94) {
        if (u.inverter) add(big(u) ? 'EEV-Q22' : 'EEV-Q16');
        else add(big(u) ? 'FAN-OUT-YDK60' : u.size === '1P' || r() < 0.5 ? 'FAN-OUT-YDK36' : 'FAN-OUT-YDK45');
        if (r() < 0.5) add(fanCapacitor(u, r));
      } else if (x < 0.965) {
        add(compressor(u));
        out.push(...topUp(u));
        add(u.inverter ? 'FLT-DRY-HP' : 'FLT-DRY-952');
        if (!u.inverter) add(startCapacitor(u, r));
        if (r() < 0.5) add('CON-FLUX');
        if (r() < 0.3) add(u.refrigerant === 'R22' ? 'CON-OIL-MIN' : 'CON-OIL-POE');
      }
      break;
    }
    case 'no_heating':
      if (x < 0.3) add(u.inverter ? 'VLV-4WAY-COIL-DC' : 'VLV-4WAY-COIL');
      else if (x < 0.42) {
        add(
          big(u) ? 'VLV-4WAY-DHF11' : u.size === '1P' ? 'VLV-4WAY-DHF' : r() < 0.7 ? 'VLV-4WAY-DHF' : 'VLV-4WAY-DHF8',
        );
        out.push(...topUp(u));
        add('FLT-DRY-HP');
      } else if (x < 0.62) add(r() < 0.5 ? 'SEN-NTC-10K-OUT' : 'SEN-NTC-SET3');
      else if (x < 0.72) add(u.inverter ? (big(u) ? 'PCB-OUT-INV-72' : 'PCB-OUT-INV-35') : 'PCB-IN-MAIN-35');
      else if (x < 0.85) out.push(...topUp(u));
      break;
    case 'leaking':
      if (x < 0.5) {
        add(big(u) ? 'DRN-HOSE-20' : 'DRN-HOSE-16', 1 + Math.floor(r() * 3));
        if (r() < 0.4) add('DRN-JOINT-16');
      } else if (x < 0.7) {
        add('INS-COTTON-3');
        if (r() < 0.5) add('INS-WRAP-80');
      } else if (x < 0.78) add('DRN-PAN-35');
      else if (x < 0.83) add(u.size === 'duct' ? 'DRN-PUMP-DUCT' : 'DRN-PUMP-MINI');
      else if (x < 0.93) add('CON-SEALANT');
      break;
    case 'noise':
      if (x < 0.25) {
        add(
          u.size === '1P'
            ? 'FAN-IN-YKT15'
            : big(u)
              ? 'FAN-IN-CAB60'
              : u.inverter && r() < 0.6
                ? 'FAN-IN-DC30'
                : 'FAN-IN-YKT25',
        );
        if (!u.inverter && r() < 0.5) add('CAP-1U5-450V');
      } else if (x < 0.4) add(u.size === '1P' ? 'FAN-BLD-XFL-620' : 'FAN-BLD-XFL-710');
      else if (x < 0.5) add(big(u) ? 'FAN-BLD-AXL-460' : 'FAN-BLD-AXL-400');
      else if (x < 0.78) add('BRK-ANTIVIB');
      else if (x < 0.88) add('FAN-BRG-SLEEVE');
      else if (x < 0.95) add(big(u) ? 'FAN-SWING-SM014' : 'FAN-SWING-MP24');
      break;
    case 'smell':
      if (x < 0.75) add('CON-CLEANER', r() < 0.3 ? 2 : 1);
      if (r() < 0.4) add('CON-DEODOR');
      if (r() < 0.2) add('OTH-FILTER-MESH');
      else if (r() < 0.1) add('OTH-FILTER-AG');
      break;
    case 'wont_start':
      if (x < 0.35) add(r() < 0.6 ? 'ELE-FUSE-3A15' : 'ELE-FUSE-5A', r() < 0.3 ? 2 : 1);
      else if (x < 0.55) add(big(u) ? 'PCB-DISP-CAB' : 'PCB-DISP-LED');
      else if (x < 0.66) add('PCB-PWR-12V');
      else if (x < 0.78) add(big(u) ? 'PCB-IN-MAIN-72' : u.inverter ? 'PCB-INV-MAIN' : 'PCB-IN-MAIN-35');
      else if (x < 0.83) add('ELE-TRANS-12V');
      else if (x < 0.9) add(u.inverter ? 'ELE-RELAY-20A' : 'ELE-PTC-START');
      else if (x < 0.95) add('PCB-UNIV-KIT');
      if (big(u) && r() < 0.1) add('ELE-CONTACTOR-25A');
      if (big(u) && r() < 0.08) add('ELE-FUSE-15A');
      break;
    case 'error_code':
      if (x < 0.35)
        add(
          pickOf(r, [
            'SEN-NTC-5K-ROOM',
            'SEN-NTC-15K-ROOM',
            'SEN-NTC-20K-PIPE',
            'SEN-NTC-50K-DIS',
            'SEN-NTC-10K-OUT',
            'SEN-NTC-SET3',
          ]),
        );
      else if (x < 0.48) add(big(u) ? 'PCB-IN-MAIN-72' : u.inverter ? 'PCB-INV-MAIN' : 'PCB-IN-MAIN-35');
      else if (x < 0.6)
        add(
          u.inverter
            ? r() < 0.5
              ? big(u)
                ? 'PCB-IPM-30A'
                : 'PCB-IPM-15A'
              : big(u)
                ? 'PCB-OUT-INV-72'
                : 'PCB-OUT-INV-35'
            : 'ELE-RELAY-20A',
        );
      else if (x < 0.73) add('ELE-WIRE-COMM', 3 + Math.floor(r() * 4));
      else if (x < 0.82) add(u.inverter ? (r() < 0.5 ? 'FAN-OUT-DC40' : 'FAN-IN-DC30') : 'FAN-OUT-YDK45');
      else if (x < 0.88) add(r() < 0.5 ? 'SEN-PS-HIGH' : 'SEN-PS-LOW');
      else if (x < 0.92) add(u.inverter ? 'ELE-REACTOR-PFC' : 'ELE-TERM-4P');
      else if (x < 0.96) add(u.inverter ? 'EEV-COIL-12V' : 'ELE-TERM-5P');
      break;
    case 'remote':
      if (x < 0.55) {
        const brandRemote: Record<string, string> = { 格力: 'RMT-GR-YB1', 美的: 'RMT-MD-RN02', 海尔: 'RMT-HE-W08' };
        add(u.size === 'duct' ? 'RMT-WIRED-120' : (brandRemote[u.brand] ?? 'RMT-UNIV'));
      } else if (x < 0.8) add('RMT-UNIV');
      else if (x < 0.9) add(big(u) ? 'PCB-DISP-CAB' : 'PCB-DISP-LED');
      else add('RMT-HOLDER');
      break;
    case 'move_install': {
      const len = 2 + Math.floor(r() * 4);
      if (r() < 0.3 && !big(u)) add(u.size === '1P' ? 'PIPE-SET-1P' : 'PIPE-SET-2P');
      else {
        add(big(u) ? 'PIPE-CU-952' : 'PIPE-CU-635', len);
        add(big(u) ? 'PIPE-CU-159' : u.size === '1P' ? 'PIPE-CU-952' : 'PIPE-CU-127', len);
        add(big(u) ? 'INS-TUBE-10' : 'INS-TUBE-6', len);
        add(big(u) ? 'INS-TUBE-13' : 'INS-TUBE-10', len);
      }
      add('ELE-WIRE-COMM', len);
      if (r() < 0.4) add('ELE-WIRE-PWR', len);
      if (r() < 0.6) add(big(u) ? 'BRK-OUT-3P' : 'BRK-OUT-15P');
      if (r() < 0.4) {
        if (!big(u)) out.push(...topUp(u));
        else add(u.refrigerant === 'R32' ? 'REF-R32-3KG' : u.refrigerant === 'R410A' ? 'REF-R410A-5KG' : 'REF-R22-3KG');
      }
      add(big(u) ? 'DRN-HOSE-20' : 'DRN-HOSE-16', 2);
      if (r() < 0.5) add('OTH-WALL-CAP');
      if (r() < 0.3) add('CON-FOAM');
      if (r() < 0.5) add('CON-TAPE-PVC');
      if (r() < 0.3) add('PIPE-NUT-14', 2);
      if (r() < 0.2) add('BRK-WALL-PLATE');
      if (r() < 0.3) add('CON-CABLE-TIE');
      if (r() < 0.15) add('CON-GLUE-THREAD');
      if (r() < 0.12) add('ELE-PLUG-16A');
      if (u.size === 'duct' && r() < 0.3) add('REF-R410A-10KG');
      break;
    }
    case 'maintenance':
      if (x < 0.75) add('CON-CLEANER', r() < 0.3 ? 2 : 1);
      if (r() < 0.2) add('OTH-FILTER-MESH');
      if (r() < 0.2) add('CON-DEODOR');
      if (r() < 0.05) add('CON-LEAK-SPRAY');
      break;
    default:
      break;
  }
  return out.filter((l) => CAT[l.part]);
}

// ---------- units of the jobs ----------

function sizeOf(model: string, type: string): Size {
  if (type === 'ducted' || type === 'vrf' || /FXMP/.test(model)) return 'duct';
  if (/26GW/.test(model) || type === 'window') return '1P';
  if (/72LW|FVXB372/.test(model) || type === 'cabinet') return '3P';
  return '15P';
}
function inverterOf(model: string, refrigerant: Refrigerant): boolean {
  if (refrigerant === 'R22' || /NhGd/.test(model)) return false;
  return refrigerant === 'R32' || refrigerant === 'R290' || /Bp|BP|FNh|N8|FTXR|FVXB|FXMP|X700|@U1|E80/.test(model);
}

const LEGACY_MIX: Record<'summer' | 'winter' | 'mild', [string, number][]> = {
  summer: [
    ['no_cooling', 34],
    ['leaking', 11],
    ['noise', 7],
    ['smell', 6],
    ['wont_start', 8],
    ['error_code', 12],
    ['remote', 4],
    ['move_install', 8],
    ['maintenance', 8],
    ['no_heating', 2],
  ],
  winter: [
    ['no_cooling', 8],
    ['no_heating', 24],
    ['leaking', 7],
    ['noise', 9],
    ['smell', 5],
    ['wont_start', 12],
    ['error_code', 16],
    ['remote', 6],
    ['move_install', 6],
    ['maintenance', 7],
  ],
  mild: [
    ['no_cooling', 16],
    ['no_heating', 6],
    ['leaking', 10],
    ['noise', 9],
    ['smell', 8],
    ['wont_start', 10],
    ['error_code', 13],
    ['remote', 5],
    ['move_install', 8],
    ['maintenance', 15],
  ],
};
/** Jobs per working day relative to the year's average (Guangzhou: long hot summers). */
const SEASON = [0, 0.9, 0.7, 0.7, 0.8, 1.1, 1.5, 1.9, 1.8, 1.3, 1.0, 0.8, 0.9];

function weighted(r: Rnd, mix: [string, number][]): string {
  const total = mix.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [k, w] of mix) {
    x -= w;
    if (x < 0) return k;
  }
  return (mix[0] as [string, number])[0];
}

function legacyUnit(r: Rnd): JobUnit {
  const s = r();
  const size: Size = s < 0.25 ? '1P' : s < 0.7 ? '15P' : s < 0.92 ? '3P' : 'duct';
  const f = r();
  const refrigerant: Refrigerant = f < 0.35 ? 'R32' : f < 0.8 ? 'R410A' : 'R22';
  const inverter = refrigerant === 'R22' ? false : refrigerant === 'R32' ? r() < 0.8 : r() < 0.6;
  return { brand: pickOf(r, ['格力', '美的', '海尔', '大金', '海信', '奥克斯']), size, refrigerant, inverter };
}

/** The demo work orders that were done (completed, settled, closed), found by their numbers day by day. */
async function doneOrders(
  ctx: Ctx,
  branches: { th: string; hz: string },
  fromDay: string,
  toDay: string,
  limit: number,
) {
  const out: Omit<Job, 'lines' | 'paperNo'>[] = [];
  for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
    for (let n = 1; ; n++) {
      const rec = await findWorkOrderForTracking(ctx, { number: formatOrderNumber(day.replace(/-/g, ''), n) });
      if (!rec) break;
      if (!['completed', 'settled', 'closed'].includes(rec.status)) continue;
      const onSite = rec.timeline.find((e) => e.kind === 'transition' && e.toStatus === 'on_site');
      const done = rec.timeline.find((e) => e.kind === 'transition' && e.toStatus === 'completed');
      if (!onSite || !done) continue;
      const a = Date.parse(onSite.at);
      const b = Date.parse(done.at);
      const at = new Date(Math.floor((a + Math.max(0, b - a) * 0.6) / 60_000) * 60_000);
      if (at.getTime() > limit) continue;
      const unit = rec.unitId ? await unitInfo(ctx, rec.unitId) : null;
      const refrigerant = (unit && unit.refrigerant !== 'unknown' ? unit.refrigerant : 'R410A') as Refrigerant;
      const model = unit?.model ?? '';
      out.push({
        at,
        branch: rec.branchId === branches.hz ? 'hz' : 'th',
        category: rec.faultCategory,
        unit: {
          brand: unit?.brand ?? '',
          size: sizeOf(model, unit?.type ?? ''),
          refrigerant,
          inverter: inverterOf(model, refrigerant),
        },
        workOrder: { id: rec.id, number: rec.number },
        techName: onSite.actorName,
      });
    }
  }
  return out;
}

// ---------- stock policy ----------

/** What every van carries (max units); the Monday top-up fills it up from the branch store. */
const VAN_KIT: [string, number][] = [
  ['CAP-25UF-450V', 2],
  ['CAP-30UF-450V', 2],
  ['CAP-35UF-450V', 4],
  ['CAP-40UF-450V', 2],
  ['CAP-50UF-450V', 1],
  ['CAP-2U5-450V', 4],
  ['CAP-3U-450V', 2],
  ['CAP-1U5-450V', 2],
  ['ELE-FUSE-3A15', 10],
  ['ELE-FUSE-5A', 10],
  ['SEN-NTC-10K', 2],
  ['SEN-NTC-20K-PIPE', 2],
  ['REF-R32-1KG', 2],
  ['REF-R410A-1KG', 2],
  ['REF-R22-1KG', 1],
  ['DRN-HOSE-16', 10],
  ['CON-CLEANER', 4],
  ['CON-DEODOR', 2],
  ['CON-LEAK-SPRAY', 1],
  ['CON-TAPE-PVC', 4],
  ['RMT-UNIV', 1],
  ['BRK-ANTIVIB', 2],
  ['PIPE-NUT-38', 2],
];

const SHELF_MONTHS: Record<string, number> = {
  'CON-TAPE-PVC': 24,
  'CON-GLUE-THREAD': 12,
  'CON-SEALANT': 12,
  'CON-LEAK-SPRAY': 24,
  'CON-CLEANER': 24,
  'CON-DEODOR': 18,
  'CON-FLUX': 24,
  'CON-OIL-POE': 36,
  'CON-OIL-MIN': 36,
  'CON-FOAM': 12,
};
const shelfOf = (code: string) => SHELF_MONTHS[code] ?? 36;
function lotCode(code: string, day: string): string {
  const c = CAT[code]?.category ?? '';
  const prefix = c.startsWith('refrigerant_') ? `${c.slice('refrigerant_'.length).toUpperCase()}-` : 'L';
  return `${prefix}${yymmdd(day)}`;
}
/** Opening lots that make the expiry reports worth a look (days from today). */
const OPENING_EXPIRY_FROM_TODAY: Record<string, number> = {
  'CON-GLUE-THREAD': 20,
  'CON-CLEANER': 45,
  'REF-R22-13KG': 25,
  'REF-R290-5KG': 50,
  'CON-DEODOR': -12,
};

/** Supplier behaviour: share of deliveries on time, chance of a defective delivery line. */
const RELIABILITY: Record<string, { onTime: number; defect: number }> = {
  'SUP-SUILING': { onTime: 0.9, defect: 0.04 },
  'SUP-HONGYI': { onTime: 0.8, defect: 0.08 },
  'SUP-KERUIDE': { onTime: 0.7, defect: 0.1 },
  'SUP-BINGFENG': { onTime: 0.95, defect: 0 },
  'SUP-TONGSHENG': { onTime: 0.85, defect: 0.02 },
  'SUP-NANYUE': { onTime: 0.6, defect: 0.14 },
};
const DEFECT_REASON: Record<string, string> = {
  capacitor: '来料不良：实测容量低于标称 10% 以上',
  fan_motor: '来料不良：电机运转异响、转速不稳',
  pcb: '来料不良：上电无显示，指示灯不亮',
  sensor: '来料不良：阻值偏差超出规格',
  remote: '来料不良：按键失灵',
  compressor: '来料不良：试机卡缸，启动电流过大',
  fan_blade: '来料不良：动平衡差，运转抖动',
  four_way_valve: '来料不良：换向不到位，串气',
  electrical: '来料不良：外壳开裂',
};

function roundPack(q: number): number {
  if (q >= 100) return Math.ceil(q / 50) * 50;
  if (q >= 20) return Math.ceil(q / 10) * 10;
  return q;
}

/** A min-heap of timed events (ties run in the order they were added). */
class Timeline {
  private heap: { t: number; n: number; run: () => void }[] = [];
  private n = 0;
  push(at: Date, run: () => void): void {
    const e = { t: at.getTime(), n: this.n++, run };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(h[p] as typeof e, e)) break;
      h[i] = h[p] as typeof e;
      i = p;
    }
    h[i] = e;
  }
  pop(): { t: number; run: () => void } | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (!top || !last || !h.length) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = last;
      let at = -1;
      if (l < h.length && less(h[l] as typeof last, m)) {
        m = h[l] as typeof last;
        at = l;
      }
      if (r < h.length && less(h[r] as typeof last, m)) {
        m = h[r] as typeof last;
        at = r;
      }
      if (at < 0) break;
      h[i] = m;
      i = at;
    }
    h[i] = last;
    return top;
  }
}
const less = (a: { t: number; n: number }, b: { t: number; n: number }) => a.t < b.t || (a.t === b.t && a.n < b.n);

export interface SeedPartsHistoryResult {
  skipped: boolean;
  suppliers: number;
  contracts: number;
  jobs: number;
  workOrderIssues: number;
  movements: number;
  orders: number;
  receipts: number;
  /** Supplier evaluations computed (one per supplier and complete month of the history). */
  evaluations: number;
}

/**
 * The demo stock history, after seedParts (catalog, locations) and seedOperations (the work orders). Runs once: a
 * ledger with movements is left alone (suppliers are still added if missing).
 */
export async function seedPartsHistory(
  ctx: Ctx,
  branches: { th: string; hz: string },
  onProgress?: (msg: string) => void,
): Promise<SeedPartsHistoryResult> {
  const now = ctx.now;
  const sup = await seedSuppliers(ctx, demoSuppliers(now, DEMO_PARTS));
  const h = await startStockHistory(ctx);
  const result: SeedPartsHistoryResult = {
    skipped: !h,
    suppliers: sup.suppliers,
    contracts: sup.contracts,
    jobs: 0,
    workOrderIssues: 0,
    movements: 0,
    orders: 0,
    receipts: 0,
    evaluations: 0,
  };
  if (!h) return result;

  const limit = now.getTime() - 5 * 60_000;
  const today = shanghaiDay(now);
  const startDay = shanghaiDay(new Date(now.getTime() - HISTORY_DAYS * DAY));
  const rnd = prng(20260601);
  const demandRnd = prng(20260602);

  // People: the warehouse keeper posts, the technicians issue from their vans.
  const keeper = (await staffUsersByUsername(ctx.db, ['warehouse1'])).get('warehouse1');
  const wh: HistoryActor = keeper ? { id: keeper.id, name: keeper.displayName } : { id: null, name: '仓库管理员' };
  const locations = h.allLocations();
  const vans = locations.filter((l) => l.kind === 'van' && l.technicianId).sort((a, b) => a.code.localeCompare(b.code));
  const techs = await staffUsers(
    ctx.db,
    vans.map((v) => v.technicianId as string),
  );
  const vanActor = new Map(
    vans.map((v) => [v.code, { id: v.technicianId, name: techs.get(v.technicianId as string)?.displayName ?? v.name }]),
  );
  const storeOf = {
    th: locations.find((l) => l.kind === 'branch' && l.branchId === branches.th)?.code ?? null,
    hz: locations.find((l) => l.kind === 'branch' && l.branchId === branches.hz)?.code ?? null,
  };
  const branchOfLoc = (branchId: string | null): 'th' | 'hz' | null =>
    branchId === branches.th ? 'th' : branchId === branches.hz ? 'hz' : null;
  const vansOf = {
    th: vans.filter((v) => branchOfLoc(v.branchId) === 'th'),
    hz: vans.filter((v) => branchOfLoc(v.branchId) === 'hz'),
  };
  if (!h.hasLocation(CENTRAL)) return result;

  // ---- the jobs: done demo work orders, and before them the paper dispatch sheets ----
  const orders = await doneOrders(ctx, branches, startDay, today, limit);
  onProgress?.(`parts history: ${orders.length} completed work orders`);
  const firstOrderDay = orders.map((o) => shanghaiDay(o.at)).sort()[0] ?? today;
  const jobs: Job[] = [];
  for (let day = addDays(startDay, 1); day < firstOrderDay && day < today; day = addDays(day, 1)) {
    const base = weekday(day) === 0 || weekday(day) === 6 ? 4 : 6;
    const count = Math.round(base * (SEASON[monthOf(day)] ?? 1) * (0.75 + demandRnd() * 0.5));
    const mix = LEGACY_MIX[isSummer(day) ? 'summer' : [12, 1, 2].includes(monthOf(day)) ? 'winter' : 'mild'];
    for (let i = 0; i < count; i++) {
      const category = weighted(demandRnd, mix);
      const unit = legacyUnit(demandRnd);
      jobs.push({
        at: localAt(day, 9 + Math.floor(demandRnd() * 10), Math.floor(demandRnd() * 60)),
        branch: demandRnd() < 0.6 ? 'th' : 'hz',
        category,
        unit,
        workOrder: null,
        paperNo: `PG${yymmdd(day)}${String(i + 1).padStart(2, '0')}`,
        techName: null,
        lines: demandFor(category, unit, day, demandRnd),
      });
    }
  }
  for (const o of orders) {
    jobs.push({ ...o, paperNo: '', lines: demandFor(o.category, o.unit, shanghaiDay(o.at), demandRnd) });
  }
  jobs.sort((a, b) => a.at.getTime() - b.at.getTime());
  result.jobs = jobs.length;

  // ---- reorder levels from the expected use (per month) ----
  const months = HISTORY_DAYS / 30;
  const useAll = new Map<string, number>();
  const useBranch = { th: new Map<string, number>(), hz: new Map<string, number>() };
  for (const j of jobs) {
    for (const l of j.lines) {
      useAll.set(l.part, (useAll.get(l.part) ?? 0) + l.qty);
      useBranch[j.branch].set(l.part, (useBranch[j.branch].get(l.part) ?? 0) + l.qty);
    }
  }
  const codes = DEMO_PARTS.map((p) => p.code).filter((c) => h.hasPart(c));
  for (const code of codes) {
    const u = (useAll.get(code) ?? 0) / months;
    if (u === 0) h.setLevel(code, CENTRAL, 1, 2);
    else h.setLevel(code, CENTRAL, Math.ceil(u * 0.8) + 1, roundPack(Math.max(2, Math.ceil(u * 1.5))));
    for (const b of ['th', 'hz'] as const) {
      const store = storeOf[b];
      const ub = (useBranch[b].get(code) ?? 0) / months;
      if (!store || ub === 0) continue;
      if (valuable(code)) h.setLevel(code, store, 0, Math.max(1, Math.round(ub * 0.5)));
      else h.setLevel(code, store, Math.max(1, Math.ceil(ub * 0.4)), roundPack(Math.max(1, Math.ceil(ub * 0.6))));
    }
  }
  const kit = VAN_KIT.filter(([c]) => h.hasPart(c));
  // Vans: filled up every Monday; an item carried four or more at a time warns when down to one.
  for (const v of vans) for (const [code, max] of kit) h.setLevel(code, v.code, max >= 4 ? 1 : 0, max);

  // ---- serials and lots ----
  const serialSeq = new Map<string, number>();
  const partLetter = new Map(
    DEMO_PARTS.filter((p) => p.serialTracked).map((p, i) => [p.code, String.fromCharCode(65 + (i % 26))]),
  );
  const CLASSIC: Record<string, string[]> = {
    'CMP-ROT-15P': ['GMCC2406A001', 'GMCC2406A002', 'GMCC2406A003'],
    'PCB-INV-MAIN': ['PCB24060001', 'PCB24060002'],
  };
  const serialsFor = (code: string, day: string, n: number): string[] => {
    const p = CAT[code];
    const spec = p?.spec ?? '';
    const prefix =
      p?.category === 'pcb'
        ? 'PCB'
        : p?.category === 'fan_motor'
          ? 'ZKFN'
          : /GMCC/.test(spec) || code === 'CMP-ROT-15P'
            ? 'GMCC'
            : /凌达/.test(spec)
              ? 'LD'
              : /海立/.test(spec)
                ? 'HL'
                : /ZP/.test(spec)
                  ? 'ZP'
                  : 'CMP';
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const classic = CLASSIC[code]?.shift();
      if (classic) {
        out.push(classic);
        continue;
      }
      const key = `${code}:${yymm(day)}`;
      const k = (serialSeq.get(key) ?? 0) + 1;
      serialSeq.set(key, k);
      out.push(`${prefix}${yymm(day)}${partLetter.get(code) ?? 'X'}${String(k).padStart(3, '0')}`);
    }
    return out;
  };
  const incoming = (
    code: string,
    day: string,
    qty: number,
  ): { serials?: string[]; quantity?: number; lot?: string; expiryDate?: string } => {
    const p = CAT[code];
    if (p?.serialTracked) return { serials: serialsFor(code, day, qty) };
    if (p?.lotTracked) return { quantity: qty, lot: lotCode(code, day), expiryDate: addMonths(day, shelfOf(code)) };
    return { quantity: qty };
  };

  // ---- opening balances (carried over from the stock count before the period) ----
  const openAt = localAt(startDay, 8);
  const openingCost = (code: string) => {
    const c = (CAT[code]?.standardCostFen ?? 0) * (0.94 + (hash(code) % 600) / 10_000);
    return c >= 1000 ? Math.round(c / 10) * 10 : Math.max(1, Math.round(c));
  };
  const openDays = { old: addMonths(startDay, -10), recent: addMonths(startDay, -2) };
  const open = (code: string, loc: string, qty: number, oldLots = true) => {
    if (qty <= 0) return;
    const p = CAT[code];
    const common = {
      at: openAt,
      part: code,
      location: loc,
      unitCostFen: openingCost(code),
      note: '期初库存',
      actor: wh,
    };
    if (p?.serialTracked) {
      h.receive({ ...common, serials: serialsFor(code, addMonths(startDay, -3), qty) });
    } else if (p?.lotTracked) {
      const old = oldLots && qty >= 2 ? Math.ceil(qty * 0.4) : 0;
      const special = OPENING_EXPIRY_FROM_TODAY[code];
      if (old > 0) {
        h.receive({
          ...common,
          quantity: old,
          lot: lotCode(code, openDays.old),
          expiryDate: special !== undefined ? addDays(today, special) : addMonths(openDays.old, shelfOf(code)),
        });
      }
      h.receive({
        ...common,
        quantity: qty - old,
        lot: lotCode(code, openDays.recent),
        expiryDate: addMonths(openDays.recent, shelfOf(code)),
      });
    } else {
      h.receive({ ...common, quantity: qty });
    }
  };
  for (const code of codes) {
    const lv = h.level(code, CENTRAL);
    const used = (useAll.get(code) ?? 0) > 0;
    const slow = CAT[code]?.serialTracked ? 2 + (hash(code) % 2) : 3 + (hash(code) % 6);
    open(code, CENTRAL, used && lv ? lv.reorderPoint + lv.reorderQuantity : slow);
    for (const b of ['th', 'hz'] as const) {
      const store = storeOf[b];
      const lvs = store ? h.level(code, store) : null;
      if (store && lvs) open(code, store, lvs.reorderPoint + lvs.reorderQuantity);
    }
  }
  for (const v of vans) for (const [code, max] of kit) open(code, v.code, max, false);

  // ---- the six months, event by event ----
  const tl = new Timeline();
  const schedule = (d: Date, run: () => void) => {
    if (d.getTime() <= limit) tl.push(d, run);
  };
  const storeCodes = (['th', 'hz'] as const).map((b) => storeOf[b]).filter((s): s is string => !!s);

  const scheduleDelivery = (ref: HistoryOrder, orderedAt: Date) => {
    const rel = RELIABILITY[ref.supplierCode] ?? { onTime: 0.8, defect: 0.05 };
    const orderDay = shanghaiDay(orderedAt);
    const late = rnd() > rel.onTime;
    let day = late
      ? addDays(ref.expectedOn, 1 + Math.floor(rnd() * 5))
      : addDays(ref.expectedOn, -Math.floor(rnd() * 2));
    if (day <= orderDay) day = addDays(orderDay, 1);
    const when = localAt(day, 10 + Math.floor(rnd() * 6), Math.floor(rnd() * 60));
    const partial = rnd() < 0.2 && ref.lines.some((l) => l.quantity >= 2);
    const closeRest = partial && rnd() < 0.2;
    const first = ref.lines.map((l) => ({
      line: l.line,
      partCode: l.partCode,
      qty: partial ? Math.floor(l.quantity * (0.5 + rnd() * 0.3)) : l.quantity,
    }));
    const secondDay = addDays(day, 3 + Math.floor(rnd() * 6));
    schedule(when, () => {
      receive(ref, when, first);
      if (!partial) return;
      const then = localAt(secondDay, 10 + Math.floor(rnd() * 6), Math.floor(rnd() * 60));
      schedule(then, () => {
        if (closeRest) {
          h.closeOrder(ref, then, '供应商缺货，余量取消，差额已转其他供应商采购');
          return;
        }
        receive(
          ref,
          then,
          ref.lines.map((l) => ({ line: l.line, partCode: l.partCode, qty: l.quantity - l.receivedQuantity })),
        );
      });
    });
  };
  const receive = (ref: HistoryOrder, when: Date, lines: { line: number; partCode: string; qty: number }[]) => {
    const day = shanghaiDay(when);
    const todo = lines
      .filter((l) => l.qty > 0)
      .map((l) => ({ line: l.line, partCode: l.partCode, quantity: l.qty, units: incoming(l.partCode, day, l.qty) }));
    if (!todo.length) return;
    const done = h.receiveOrder(ref, {
      at: when,
      lines: todo.map((l) => ({ line: l.line, quantity: l.quantity, ...l.units })),
      actor: wh,
      note: '到货验收',
    });
    if (!done) return;
    const rel = RELIABILITY[ref.supplierCode] ?? { onTime: 0.8, defect: 0.05 };
    for (const l of todo) {
      const category = CAT[l.partCode]?.category ?? '';
      const reason = DEFECT_REASON[category];
      if (!reason || rnd() >= rel.defect) continue;
      const back = localAt(addDays(day, 1 + Math.floor(rnd() * 6)), 14, Math.floor(rnd() * 60));
      const serial = l.units.serials?.[0];
      const qty = serial ? 1 : Math.min(l.quantity, 1 + Math.floor(rnd() * 3));
      schedule(back, () => {
        h.returnToSupplier({
          at: back,
          part: l.partCode,
          location: CENTRAL,
          quantity: qty,
          ...(serial ? { serials: [serial] } : {}),
          supplier: ref.supplierCode,
          reason,
          actor: wh,
        });
      });
    }
  };

  const buy = (when: Date, supplier: string | null, urgent: boolean) => {
    const bySupplier = new Map<string, { part: string; quantity: number }[]>();
    for (const code of codes) {
      const lv = h.level(code, CENTRAL);
      if (!lv || (useAll.get(code) ?? 0) === 0) continue;
      const avail = h.onHand(code, CENTRAL, when) + h.onOrder(code, CENTRAL);
      const perMonth = (useAll.get(code) ?? 0) / months;
      const threshold = urgent ? Math.floor(lv.reorderPoint / 2) : lv.reorderPoint + Math.ceil(perMonth / 2);
      if (avail > threshold) continue;
      const offers = h.offers(code, when);
      if (!offers.length) continue;
      const choice = urgent
        ? [...offers].sort((a, b) => a.deliveryDays - b.deliveryDays || a.unitPriceFen - b.unitPriceFen)[0]
        : offers.length > 1 && hash(`${code}:${shanghaiDay(when).slice(0, 7)}`) % 5 === 0
          ? offers[1]
          : offers[0];
      if (!choice || (supplier && choice.supplierCode !== supplier)) continue;
      const qty = roundPack(lv.reorderQuantity + Math.max(0, lv.reorderPoint - avail));
      const list = bySupplier.get(choice.supplierCode) ?? [];
      list.push({ part: code, quantity: qty });
      bySupplier.set(choice.supplierCode, list);
    }
    for (const [code, lines] of bySupplier) {
      const ref = h.order({
        at: when,
        supplier: code,
        location: CENTRAL,
        lines,
        actor: wh,
        note: urgent ? '紧急补货：库存低于安全库存一半' : '月度采购',
      });
      if (ref) scheduleDelivery(ref, when);
    }
  };

  const supplierCodes = h.supplierCodes().sort();
  let cancelledOne = false;
  for (let day = addDays(startDay, 1); day <= today; day = addDays(day, 1)) {
    const dom = Number(day.slice(8, 10));
    // Each supplier has its monthly ordering day (3rd, 8th, 13th …): deliveries spread over the month.
    supplierCodes.forEach((s, i) => {
      if (dom !== 3 + 5 * i) return;
      const when = localAt(day, 9, 30);
      schedule(when, () => buy(when, s, false));
    });
    if (dom === 20) {
      const when = localAt(day, 9, 15);
      schedule(when, () => buy(when, null, true));
      if (!cancelledOne && day >= addDays(startDay, 40)) {
        cancelledOne = true;
        const placed = localAt(day, 11, 20);
        schedule(placed, () => {
          const ref = h.order({
            at: placed,
            supplier: 'SUP-NANYUE',
            location: CENTRAL,
            lines: [
              { part: 'CAP-35UF-450V', quantity: 50 },
              { part: 'CAP-2U5-450V', quantity: 50 },
            ],
            actor: wh,
            note: '旺季备货',
          });
          if (!ref) return;
          const cancelAt = localAt(addDays(day, 1), 10, 5);
          schedule(cancelAt, () => h.closeOrder(ref, cancelAt, '与月度订单重复，经与供应商确认取消'));
        });
      }
    }
    // Branch stores: weekly from the central warehouse (twice a week in summer).
    if (weekday(day) === 3 || (isSummer(day) && weekday(day) === 6)) {
      storeCodes.forEach((store, i) => {
        const when = localAt(day, 10, 30 * i);
        schedule(when, () => {
          for (const code of codes) {
            const lv = h.level(code, store);
            if (!lv) continue;
            const have = h.onHand(code, store, when);
            if (have > lv.reorderPoint) continue;
            h.transfer({
              at: when,
              part: code,
              from: CENTRAL,
              to: store,
              quantity: lv.reorderPoint + lv.reorderQuantity - have,
              partial: true,
              actor: wh,
              note: '网点补货调拨',
            });
          }
        });
      });
    }
    // Vans: every Monday morning each technician's van is filled up from the branch store.
    if (weekday(day) === 1) {
      vans.forEach((v, i) => {
        const store = storeOf[branchOfLoc(v.branchId) ?? 'th'];
        if (!store) return;
        const when = localAt(day, 7, 30 + i);
        schedule(when, () => {
          for (const [code, max] of kit) {
            const have = h.onHand(code, v.code, when);
            if (have >= max) continue;
            h.transfer({
              at: when,
              part: code,
              from: store,
              to: v.code,
              quantity: max - have,
              partial: true,
              actor: wh,
              note: '车载库周补货',
            });
          }
        });
      });
    }
  }

  // Two scraps: a pipe crushed in handling, and the sealant of a lot that expired in the Haizhu store.
  const crushed = localAt(addDays(startDay, 95), 15, 10);
  schedule(crushed, () =>
    h.scrap({
      at: crushed,
      part: 'PIPE-CU-952',
      location: CENTRAL,
      quantity: 3,
      reason: '搬运中压扁变形，无法使用',
      actor: wh,
    }),
  );
  // Yesterday the Haizhu store took the material of an estate's block move-out (集中移机) from the central warehouse,
  // which leaves those parts below their reorder point until the next orders.
  const projectStore = storeOf.hz ?? storeOf.th;
  const project = localAt(addDays(today, -1), 15, 20);
  if (projectStore) {
    schedule(project, () => {
      for (const code of ['PIPE-CU-635', 'PIPE-CU-127', 'INS-TUBE-6', 'INS-TUBE-10', 'BRK-OUT-15P']) {
        const lv = h.hasPart(code) ? h.level(code, CENTRAL) : null;
        if (!lv || lv.reorderPoint < 1) continue;
        const have = h.onHand(code, CENTRAL, project);
        const qty = have - Math.floor(lv.reorderPoint * 0.6);
        if (have <= lv.reorderPoint || qty <= 0) continue;
        h.transfer({
          at: project,
          part: code,
          from: CENTRAL,
          to: projectStore,
          quantity: qty,
          partial: true,
          actor: wh,
          note: `小区集中移机项目备料（项目单 XM-${yymmdd(shanghaiDay(project))}-01）`,
        });
      }
    });
  }

  // Expired lots the technicians handed in: scrapped (two at most; the rest wait for the expiry report).
  const sweep = localAt(addDays(today, -3), 16, 40);
  schedule(sweep, () => {
    const day = shanghaiDay(sweep);
    const expired = [...vans.map((v) => v.code), ...storeCodes, CENTRAL].flatMap((loc) =>
      codes
        .filter((c) => CAT[c]?.lotTracked)
        .flatMap((c) =>
          h
            .lotsAt(c, loc)
            .filter((l) => l.expiryDate !== null && l.expiryDate < day)
            .map((l) => ({ ...l, part: c, loc })),
        ),
    );
    for (const e of expired.slice(0, Math.min(2, expired.length - 1))) {
      h.scrap({
        at: sweep,
        part: e.part,
        location: e.loc,
        quantity: e.quantity,
        lot: e.lot,
        reason: '超过有效期，按规定报废',
        actor: wh,
      });
    }
  });

  // The jobs.
  for (const job of jobs) {
    schedule(job.at, () => {
      const candidates = vansOf[job.branch];
      const named = job.techName ? candidates.find((v) => vanActor.get(v.code)?.name === job.techName) : undefined;
      const van =
        named ??
        (candidates.length ? candidates[hash(job.workOrder?.number ?? job.paperNo) % candidates.length] : undefined);
      const store = storeOf[job.branch];
      for (const line of job.lines) {
        const fromVan = van && !valuable(line.part) && h.onHand(line.part, van.code, job.at) >= line.qty;
        const location = fromVan ? van.code : store;
        if (!location) continue;
        const actor = fromVan ? (vanActor.get(van.code) ?? wh) : wh;
        const units = h.issue({
          at: job.at,
          part: line.part,
          location,
          quantity: line.qty,
          workOrder: job.workOrder,
          actor,
          note: job.workOrder ? '上门维修用料' : `系统上线前纸质派工单 ${job.paperNo}`,
        });
        if (!units.length) continue;
        if (job.workOrder) result.workOrderIssues++;
        if (rnd() < 0.025) {
          const unit = units[0] as HistoryUnit;
          const back = new Date(localAt(addDays(shanghaiDay(job.at), 1), 9, 10).getTime());
          const returned = { ...unit, quantity: 1 };
          schedule(back, () => {
            h.returnFromJob({
              at: back,
              part: line.part,
              location,
              units: [returned],
              workOrder: job.workOrder,
              actor,
              note: '多领未用，退回',
            });
          });
        }
      }
    });
  }

  for (let e = tl.pop(); e; e = tl.pop()) e.run();
  const s = h.stats();
  onProgress?.(`parts history: ${s.movements} movements, ${s.orders} purchase orders, ${s.receipts} receipts`);
  const written = await h.write(ctx);
  onProgress?.(`parts history written: ${written.balances} balances`);

  // Monthly supplier evaluations (月度供应商考核) of the complete months, from the ledger just written.
  let evaluations = 0;
  const firstMonth = startDay.endsWith('-01') ? startDay : addMonths(`${startDay.slice(0, 7)}-01`, 1);
  for (let m = firstMonth; addMonths(m, 1) <= today; m = addMonths(m, 1)) {
    const r = await computeSupplierEvaluations(ctx, { periodStart: m, periodEnd: addDays(addMonths(m, 1), -1) });
    evaluations += r.items.length;
  }
  return {
    ...result,
    movements: written.movements,
    orders: written.orders,
    receipts: written.receipts,
    evaluations,
  };
}
