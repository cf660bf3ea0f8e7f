import { deflateSync } from 'node:zlib';
import type { Ctx } from '@server/platform/context';
import type { CertificateType } from '@shared/contracts/dispatch.contract';
import type { SkillCode } from '@shared/contracts/intake.contract';
import { importTechnicianProfile, type TechnicianProfileImport } from '../../modules/dispatch';
import { staffUsersByUsername } from '../../modules/identity';
import { prng } from './seed-operations';

// The demo company's 40 technicians (tech01–tech24 天河 GZ-TH, tech25–tech40 海珠 GZ-HZ): staff numbers, home bases
// in their branch's neighbourhoods, skills with levels, the three operation certificates (a few expiring within 30
// days of the seed's "now", exactly one expired), training records, weekly patterns, a few leaves, one pending
// request and a generated ID photo each. Deterministic, idempotent (existing profiles are left alone), fast.

const ZONE = 'Asia/Shanghai';
const DAY = 86_400_000;

/** Neighbourhoods (WGS-84, approximate centres) the technicians live in. */
const HOMES: Record<'th' | 'hz', { label: string; lat: number; lng: number }[]> = {
  th: [
    { label: '天河区石牌', lat: 23.1312, lng: 113.3421 },
    { label: '天河区棠下', lat: 23.1402, lng: 113.3763 },
    { label: '天河区车陂', lat: 23.1236, lng: 113.3948 },
    { label: '天河区员村', lat: 23.1219, lng: 113.3622 },
    { label: '天河区猎德', lat: 23.1172, lng: 113.3331 },
    { label: '天河区冼村', lat: 23.1233, lng: 113.3262 },
    { label: '天河区林和', lat: 23.1497, lng: 113.3234 },
    { label: '天河区沙河', lat: 23.1598, lng: 113.3251 },
    { label: '天河区五山', lat: 23.1567, lng: 113.3524 },
    { label: '天河区天园', lat: 23.1331, lng: 113.3653 },
    { label: '天河区兴华', lat: 23.1702, lng: 113.3398 },
    { label: '天河区前进', lat: 23.1269, lng: 113.4065 },
  ],
  hz: [
    { label: '海珠区赤岗', lat: 23.0981, lng: 113.3302 },
    { label: '海珠区新港', lat: 23.0962, lng: 113.3051 },
    { label: '海珠区江南中', lat: 23.1004, lng: 113.2752 },
    { label: '海珠区昌岗', lat: 23.0928, lng: 113.2783 },
    { label: '海珠区南石头', lat: 23.0832, lng: 113.2551 },
    { label: '海珠区琶洲', lat: 23.1003, lng: 113.3652 },
    { label: '海珠区瑞宝', lat: 23.0701, lng: 113.2853 },
    { label: '海珠区凤阳', lat: 23.0851, lng: 113.3053 },
    { label: '海珠区官洲', lat: 23.0662, lng: 113.3701 },
    { label: '海珠区素社', lat: 23.0979, lng: 113.2882 },
  ],
};

const ISSUER = '广州市应急管理局';
const HEAD_NAME = '李建华';

/** Who holds what (0-based index of tech01…tech40). */
const VRF_SENIORS = new Set([0, 5, 11, 24, 30]);
const INSTALLERS = new Set([3, 8, 14, 19, 27, 35]);
const NO_REFRIGERANT = new Set([6, 17, 22, 33, 38]);
const NO_ELECTRICIAN = new Set([22, 38]);
const PCB = new Set([0, 2, 5, 9, 11, 16, 20, 24, 26, 30, 34, 39]);
const DUCTED = new Set([0, 1, 5, 10, 11, 15, 21, 24, 28, 30, 36]);
/** Certificates expiring soon (days from today) and the one that expired. */
const EXPIRING: Record<number, [CertificateType, number]> = {
  2: ['refrigeration', 12],
  9: ['electrician', 25],
  14: ['height', 20],
  26: ['refrigeration', 6],
  31: ['electrician', 28],
};
const EXPIRED: [number, CertificateType, number] = [12, 'refrigeration', -5];

const COURSES: { course: string; hours: number; result: 'pass' | 'fail' | 'attended'; needs?: SkillCode }[] = [
  { course: '年度安全生产教育', hours: 4, result: 'attended' },
  { course: 'R32/R290 可燃制冷剂安全操作', hours: 8, result: 'pass', needs: 'refrigerant' },
  { course: '变频空调电控板维修', hours: 12, result: 'pass', needs: 'pcb' },
  { course: '多联机安装与调试（厂家认证）', hours: 24, result: 'pass', needs: 'vrf' },
  { course: '高处作业安全复训', hours: 8, result: 'pass', needs: 'high_work' },
  { course: '客户服务礼仪与上门规范', hours: 4, result: 'attended' },
  { course: '风管机与柜机常见故障诊断', hours: 6.5, result: 'pass', needs: 'cabinet' },
];

function localDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

function isoWeekday(day: string): number {
  const w = new Date(`${day}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The first day on or after `from` that falls on ISO weekday `w`. */
function nextWeekday(from: string, w: number): string {
  return addDays(from, (w - isoWeekday(from) + 7) % 7);
}

// ---------- a tiny PNG writer (no dependency): a coloured ID-photo placeholder with a light silhouette ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

/** A 96×120 truecolour PNG: a background of the technician's own hue, head and shoulders in white. */
export function idPhotoPng(index: number): Buffer {
  const w = 96;
  const h = 120;
  const bg = hslToRgb((index * 137.5) % 360, 0.45, 0.55);
  const fg: [number, number, number] = [246, 246, 246];
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < w; x++) {
      const head = (x - 48) ** 2 + (y - 46) ** 2 <= 20 ** 2;
      const shoulders = ((x - 48) / 40) ** 2 + ((y - 120) / 36) ** 2 <= 1;
      const [r, g, b] = head || shoulders ? fg : bg;
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------- the profiles ----------

function skillsOf(i: number, level: 1 | 2 | 3): TechnicianProfileImport['skills'] {
  const lower = (l: number) => Math.max(1, l) as 1 | 2 | 3;
  const out: TechnicianProfileImport['skills'] = [
    { skill: 'split_wall', level },
    { skill: 'electrical', level: lower(level - (i % 3 === 0 ? 1 : 0)) },
  ];
  if (!NO_REFRIGERANT.has(i)) out.push({ skill: 'refrigerant', level: lower(level - (i % 4 === 1 ? 1 : 0)) });
  if (i % 5 !== 4 || VRF_SENIORS.has(i)) out.push({ skill: 'cabinet', level: lower(level - (i % 2)) });
  if (DUCTED.has(i)) out.push({ skill: 'ducted', level: lower(level - 1) });
  if (VRF_SENIORS.has(i)) out.push({ skill: 'vrf', level: 3 });
  if (PCB.has(i)) out.push({ skill: 'pcb', level: lower(level - (i % 2)) });
  if (INSTALLERS.has(i)) out.push({ skill: 'installation', level: lower(level) }, { skill: 'high_work', level: 2 });
  return out;
}

function certificatesOf(
  i: number,
  skills: readonly { skill: SkillCode }[],
  today: string,
  rnd: () => number,
): TechnicianProfileImport['certificates'] {
  const has = (s: SkillCode) => skills.some((k) => k.skill === s);
  const types: CertificateType[] = [
    ...(has('refrigerant') ? (['refrigeration'] as const) : []),
    ...(NO_ELECTRICIAN.has(i) ? [] : (['electrician'] as const)),
    ...(has('high_work') ? (['height'] as const) : []),
  ];
  return types.map((type, k) => {
    let daysLeft = 200 + Math.floor(rnd() * 1600);
    if (EXPIRING[i]?.[0] === type) daysLeft = EXPIRING[i][1];
    if (EXPIRED[0] === i && EXPIRED[1] === type) daysLeft = EXPIRED[2];
    const expiresOn = addDays(today, daysLeft);
    // Operation certificates run six years (reviewed every three).
    const issuedOn = addDays(expiresOn, -6 * 365 - 1);
    const prefix = { refrigeration: 'ZL', electrician: 'DG', height: 'GC' }[type];
    return {
      type,
      number: `${prefix}4401${issuedOn.slice(0, 4)}${String(1000 + i * 7 + k).padStart(5, '0')}`,
      issuer: ISSUER,
      issuedOn,
      expiresOn,
    };
  });
}

function trainingsOf(
  i: number,
  skills: readonly { skill: SkillCode }[],
  today: string,
): TechnicianProfileImport['trainings'] {
  const fits = COURSES.filter((c) => !c.needs || skills.some((s) => s.skill === c.needs));
  const picked = [fits[0], fits[1 + (i % (fits.length - 1))], i % 3 === 0 ? fits[fits.length - 1] : undefined].filter(
    (c, k, all): c is (typeof COURSES)[number] => c !== undefined && all.indexOf(c) === k,
  );
  return picked.map((c, k) => ({
    course: c.course,
    heldOn: addDays(today, -(20 + k * 97 + ((i * 13) % 60))),
    hours: c.hours,
    // One junior failed a course once and has it on record.
    result: i === 17 && k === 1 && c.result === 'pass' ? 'fail' : c.result,
    recordedByName: HEAD_NAME,
  }));
}

function calendarOf(i: number, today: string, now: Date, pattern: number[]): TechnicianProfileImport['calendar'] {
  const requestedAt = new Date(now.getTime() - (3 + (i % 4)) * DAY);
  const approved = (
    day: string,
    kind: 'leave' | 'day_off' | 'extra_shift',
    reason: string,
    times?: [string, string],
  ) => ({
    day,
    kind,
    ...(times ? { startTime: times[0], endTime: times[1] } : {}),
    status: 'approved' as const,
    reason,
    requestedAt,
    decidedByName: HEAD_NAME,
    decidedAt: new Date(requestedAt.getTime() + 3 * 3_600_000),
  });
  // The next working day after tomorrow in the technician's own pattern (leaves fall on working days).
  const workingDayFrom = (from: string) => {
    let d = from;
    while (!pattern.includes(isoWeekday(d))) d = addDays(d, 1);
    return d;
  };
  switch (i) {
    case 4:
      return [approved(workingDayFrom(addDays(today, 2)), 'leave', '家中有事，请假一天')];
    case 10:
      return [approved(workingDayFrom(addDays(today, 3)), 'day_off', '上周日加班，调休一天')];
    case 17:
      return [approved(workingDayFrom(addDays(today, 1)), 'leave', '下午去医院复诊', ['13:00', '18:00'])];
    case 29:
      return [approved(workingDayFrom(addDays(today, 5)), 'leave', '孩子家长会')];
    case 33:
      return [approved(addDays(today, -6), 'leave', '病假')];
    case 2:
      return [approved(nextWeekday(addDays(today, 1), 7), 'extra_shift', '旺季周日加班', ['09:00', '17:00'])];
    case 6:
      return [
        {
          day: workingDayFrom(addDays(today, 6)),
          kind: 'day_off',
          status: 'pending',
          reason: '回老家办事，申请调休',
          requestedAt: new Date(now.getTime() - 5 * 3_600_000),
        },
      ];
    default:
      return [];
  }
}

export interface SeedTechniciansResult {
  created: number;
  skipped: number;
}

/**
 * The profiles of the demo technicians tech01–tech40 (users made by `seedDemo`), relative to `ctx.now`. Idempotent:
 * a technician who already has a profile, or a missing user, is skipped. `branches` (from `seedDemo`) checks each
 * user is in the branch of their number; without it, the user's own branch is taken.
 */
export async function seedTechnicians(
  ctx: Ctx,
  branches?: { th: string; hz: string },
  onProgress?: (msg: string) => void,
): Promise<SeedTechniciansResult> {
  const usernames = Array.from({ length: 40 }, (_, i) => `tech${String(i + 1).padStart(2, '0')}`);
  const users = await staffUsersByUsername(ctx.db, usernames);
  const today = localDay(ctx.now);
  const rnd = prng(20260401);
  let created = 0;
  let skipped = 0;
  for (const [i, username] of usernames.entries()) {
    const side: 'th' | 'hz' = i < 24 ? 'th' : 'hz';
    const user = users.get(username);
    const n = side === 'th' ? i + 1 : i - 23;
    // Draw every number even for a skipped technician, so the others stay the same.
    const jitter = [(rnd() - 0.5) * 0.008, (rnd() - 0.5) * 0.008];
    const certRnd = prng(7919 * (i + 1));
    if (!user?.branchId || (branches && user.branchId !== branches[side])) {
      skipped++;
      continue;
    }
    const level: 1 | 2 | 3 = VRF_SENIORS.has(i) || i % 4 === 0 ? 3 : i % 4 === 1 || i % 4 === 2 ? 2 : 1;
    const skills = skillsOf(i, level);
    const homes = HOMES[side];
    const home = homes[(n - 1) % homes.length] as (typeof homes)[number];
    // Most work Monday to Saturday; every fifth rests on a weekday and works Sunday instead.
    const restDay = 1 + (Math.floor(i / 5) % 5);
    const workDays = i % 5 === 3 ? [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== restDay) : [1, 2, 3, 4, 5, 6];
    const late = i % 7 === 6;
    const staffNo = `${side === 'th' ? 'TH' : 'HZ'}-${String(n).padStart(3, '0')}`;
    const profile: TechnicianProfileImport = {
      userId: user.id,
      branchId: user.branchId,
      name: user.displayName,
      staffNo,
      // Company phones (工作手机), not personal numbers.
      workPhone: `1390200${String(i + 1).padStart(4, '0')}`,
      home: {
        label: home.label,
        lat: Math.round((home.lat + (jitter[0] as number)) * 1e5) / 1e5,
        lng: Math.round((home.lng + (jitter[1] as number)) * 1e5) / 1e5,
      },
      workDays,
      shiftStart: late ? '09:00' : '08:30',
      shiftEnd: late ? '18:30' : '18:00',
      maxJobsPerDay: level === 3 ? 5 : 6,
      maxMinutesPerDay: 480,
      vanLocation: `VAN-${staffNo}`,
      photo: { contentType: 'image/png', bytes: idPhotoPng(i) },
      skills,
      certificates: certificatesOf(i, skills, today, certRnd),
      trainings: trainingsOf(i, skills, today),
      calendar: calendarOf(i, today, ctx.now, workDays),
    };
    if (await importTechnicianProfile(ctx, profile)) created++;
    else skipped++;
  }
  onProgress?.(`technicians ${created} created, ${skipped} skipped`);
  return { created, skipped };
}
