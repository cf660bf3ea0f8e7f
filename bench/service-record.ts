/**
 * The service record PDF (issue 6): how long one page takes to draw and how big it is, for a typical visit
 * (3 parts, 4 readings, two signatures) and the largest one a visit can hold (30 parts × 100 serials, the longest
 * texts). The renderer runs on the server's event loop, so this is also how long a PDF request holds it.
 *
 *   npm run bench:record -- [--runs N]
 *
 * Prints one JSON line on stdout; progress goes to stderr. Needs a CJK font (fonts-noto-cjk or AIRCARE_PDF_FONT).
 */
import { deflateSync } from 'node:zlib';
import {
  buildServiceRecordData,
  type RecordVisit,
  type ServiceRecordFacts,
} from '../src/server/modules/field/domain/service-record';
import { findCjkFont, renderServiceRecordPdf } from '../src/server/modules/field/use-cases/service-record-pdf';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? def) : def;
}

/** A real RGB PNG of a zigzag stroke, like a signature drawn on the 600×240 pad. */
function signaturePng(): Buffer {
  const w = 600;
  const h = 240;
  const raw = Buffer.alloc(h * (1 + w * 3), 0xff);
  for (let x = 20; x < w - 20; x++) {
    const y = Math.round(h / 2 + Math.sin(x / 25) * 60);
    for (let dy = -2; dy <= 2; dy++) {
      const row = (y + dy) * (1 + w * 3);
      raw[row] = 0;
      raw.fill(0x20, row + 1 + x * 3, row + 1 + x * 3 + 3);
    }
  }
  for (let r = 0; r < h; r++) raw[r * (1 + w * 3)] = 0;
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function visit(parts: number, serials: number, longTexts: boolean): RecordVisit {
  return {
    workOrderNumber: 'WO-20260715-0001',
    visitNo: 1,
    status: 'completed',
    workDone: longTexts
      ? '更换四通阀并清洗冷凝器，补充冷媒至标准压力。'.repeat(40).slice(0, 1000)
      : '更换启动电容，补充冷媒',
    advice: longTexts
      ? Array.from({ length: 20 }, () => '定期清洗过滤网。'.repeat(30).slice(0, 300))
      : ['建议每年清洗一次'],
    tests: {
      mode: 'cooling',
      readings: [
        { name: 'inletTemp', value: 27, unit: '°C' },
        { name: 'outletTemp', value: 12, unit: '°C' },
        { name: 'pressureMpa', value: 0.95, unit: 'MPa' },
        { name: 'currentA', value: 5.2, unit: 'A' },
      ],
    },
    arrivedAt: '2026-07-15T01:15:00.000Z',
    lateMinutes: 0,
    finishedAt: '2026-07-15T03:05:00.000Z',
    technician: { id: '00000000-0000-4000-8000-000000000001', name: '张工', staffNo: 'TH-101' },
    diagnosis: { faultCategory: 'no_cooling', faultCode: null, cause: '压缩机启动电容失效' },
    quote: { totalFen: 38_000, warrantyFen: 0, customerPaysFen: 38_000 },
    consent: { method: 'signature' },
    parts: Array.from({ length: parts }, (_, i) => ({
      partCode: `P-${i}`,
      partName: '压缩机启动电容 35μF',
      quantity: Math.max(1, serials),
      serials: Array.from({ length: serials }, (_, k) => `SN-${i}-${k}`),
      warrantyMonths: 12,
      covered: false,
      unitPriceFen: 4_500,
    })),
    workOrder: {
      faultCategory: 'no_cooling',
      customerName: '王**',
      phoneMasked: '138****2222',
      district: '天河区',
      unit: { brand: '格力', model: 'KFR-35GW', type: 'split_wall', serial: 'GR7165', inWarranty: false },
    },
  };
}

async function main() {
  const runs = Number(arg('runs', '30'));
  const font = await findCjkFont();
  if (!font) throw new Error('no CJK font: install fonts-noto-cjk or set AIRCARE_PDF_FONT');
  const png = signaturePng();
  const signatures: ServiceRecordFacts['signatures'] = [
    { purpose: 'consent', signerNameMasked: '王**', signedAt: new Date('2026-07-15T01:40:00Z'), png },
    { purpose: 'completion', signerNameMasked: '王**', signedAt: new Date('2026-07-15T03:00:00Z'), png },
  ];
  const cases = { typical: visit(3, 1, false), largest: visit(30, 100, true) };
  const out: Record<string, unknown> = { runs, font: font.path };
  for (const [name, v] of Object.entries(cases)) {
    const data = buildServiceRecordData({
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      companyName: '广州天河服务网点',
      visit: v,
      categories: [],
      signatures,
      now: new Date('2026-07-20T00:00:00Z'),
    });
    await renderServiceRecordPdf(data, font); // warm-up: the font is parsed and subset once per process
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      bytes = (await renderServiceRecordPdf(data, font)).length;
      times.push(performance.now() - t0);
      if (i % 10 === 9) process.stderr.write(`${name}: ${i + 1}/${runs}\n`);
    }
    times.sort((a, b) => a - b);
    const pct = (p: number) =>
      Math.round((times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0) * 10) / 10;
    out[name] = { p50Ms: pct(0.5), p95Ms: pct(0.95), maxMs: pct(1), bytes };
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

await main();
