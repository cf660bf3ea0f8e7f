import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildServiceRecordData, type RecordVisit, type ServiceRecordFacts } from '../domain/service-record';
import { findCjkFont, renderServiceRecordPdf } from './service-record-pdf';

/** A .ttc whose fonts hold only a `name` table with their PostScript names (enough to choose a face). */
function collection(names: string[]): Buffer {
  const header = Buffer.alloc(12 + names.length * 4);
  header.write('ttcf', 0, 'latin1');
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(names.length, 8);
  const parts: Buffer[] = [header];
  let at = header.length;
  names.forEach((n, i) => {
    header.writeUInt32BE(at, 12 + i * 4);
    const str = Buffer.from(n, 'utf16le').swap16();
    const name = Buffer.alloc(18);
    name.writeUInt16BE(1, 2);
    name.writeUInt16BE(18, 4);
    name.writeUInt16BE(3, 6);
    name.writeUInt16BE(1, 8);
    name.writeUInt16BE(6, 12);
    name.writeUInt16BE(str.length, 14);
    const dir = Buffer.alloc(28);
    dir.writeUInt32BE(0x00010000, 0);
    dir.writeUInt16BE(1, 4);
    dir.write('name', 12, 'latin1');
    dir.writeUInt32BE(at + 28, 20);
    dir.writeUInt32BE(name.length + str.length, 24);
    parts.push(dir, name, str);
    at += 28 + name.length + str.length;
  });
  return Buffer.concat(parts);
}

/** An RGBA PNG (transparency: pdfkit decodes it in a later tick) of the given size, the CRCs left 0. */
function rgbaPng(width: number, height: number, idat?: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc(height * (1 + width * 4), 0x40);
  for (let r = 0; r < height; r++) raw[r * (1 + width * 4)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat ?? deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const imageCount = (pdf: Buffer) => {
  const xobjects = /\/XObject\s*<<([^>]*)>>/.exec(pdf.toString('latin1'))?.[1] ?? '';
  return [...xobjects.matchAll(/\/I\d+\s/g)].length;
};

const dir = mkdtempSync(path.join(os.tmpdir(), 'aircare-font-'));
const ttc = path.join(dir, 'cjk.ttc');
writeFileSync(ttc, collection(['NotoSansCJKjp-Regular', 'NotoSansCJKsc-Regular', 'NotoSansMonoCJKsc-Regular']));
const notAFont = path.join(dir, 'readme.ttf');
writeFileSync(notAFont, 'this is not a font');
const missing = path.join(dir, 'missing.ttf');

describe('findCjkFont', () => {
  it('AIRCARE_PDF_FONT: a collection opens on its Simplified Chinese face, or the face named', async () => {
    const font = await findCjkFont({ AIRCARE_PDF_FONT: ttc }, []);
    expect(font).toMatchObject({ path: ttc, face: 'NotoSansCJKsc-Regular' });
    expect(
      await findCjkFont({ AIRCARE_PDF_FONT: ttc, AIRCARE_PDF_FONT_NAME: 'NotoSansCJKjp-Regular' }, []),
    ).toMatchObject({ face: 'NotoSansCJKjp-Regular' });
    // Read once: the same bytes on the next request.
    expect((await findCjkFont({ AIRCARE_PDF_FONT: ttc }, []))?.bytes).toBe(font?.bytes);
  });

  it('a configured font that is missing, not a font or without the face named is no font (no silent fallback)', async () => {
    expect(await findCjkFont({ AIRCARE_PDF_FONT: missing }, [ttc])).toBeNull();
    expect(await findCjkFont({ AIRCARE_PDF_FONT: notAFont }, [ttc])).toBeNull();
    expect(await findCjkFont({ AIRCARE_PDF_FONT: ttc, AIRCARE_PDF_FONT_NAME: 'PingFangSC-Regular' }, [])).toBeNull();
  });

  it('without AIRCARE_PDF_FONT: the first well-known font that is there', async () => {
    expect(await findCjkFont({}, [missing, notAFont, ttc])).toMatchObject({ path: ttc, face: 'NotoSansCJKsc-Regular' });
    expect(await findCjkFont({ AIRCARE_PDF_FONT: '  ' }, [ttc])).toMatchObject({ path: ttc });
    expect(await findCjkFont({}, [missing, notAFont])).toBeNull();
  });
});

describe('renderServiceRecordPdf (with the machine’s CJK font)', () => {
  const visit = (parts: number): RecordVisit => ({
    workOrderNumber: 'WO-20260715-0001',
    visitNo: 2,
    status: 'completed',
    workDone: 'Replaced the four-way valve and cleaned the condenser; '.repeat(20).slice(0, 1000),
    advice: Array.from({ length: 20 }, () => '定期清洗过滤网，检查室外机散热。'.repeat(20).slice(0, 300)),
    tests: { mode: 'heating', readings: [{ name: 'inletTemp', value: 20, unit: '°C' }] },
    arrivedAt: '2026-07-15T01:15:00.000Z',
    lateMinutes: 0,
    finishedAt: '2026-07-15T03:05:00.000Z',
    technician: { id: '00000000-0000-4000-8000-000000000001', name: '张工', staffNo: 'TH-101' },
    diagnosis: {
      faultCategory: 'no_cooling',
      faultCode: null,
      cause: '冷凝器翅片脏堵导致高压保护。'.repeat(40).slice(0, 500),
    },
    quote: { totalFen: 100, warrantyFen: 0, customerPaysFen: 100 },
    consent: { method: 'signature' },
    parts: Array.from({ length: parts }, (_, i) => ({
      partCode: `P-${i}`,
      partName: '四通换向阀组件（加长型号名称）',
      quantity: 100,
      serials: Array.from({ length: 100 }, (_, k) => `SN-${i}-${k}`),
      warrantyMonths: 12,
      covered: false,
      unitPriceFen: 99999,
    })),
    workOrder: {
      faultCategory: 'no_cooling',
      customerName: '王**',
      phoneMasked: '138****2222',
      district: '天河区',
      unit: { brand: '格力', model: 'KFR-35GW', type: 'split_wall', serial: '', inWarranty: true },
    },
  });
  const data = (
    parts: number,
    locale: 'zh-CN' | 'en-US' = 'zh-CN',
    signatures: ServiceRecordFacts['signatures'] = [],
  ) =>
    buildServiceRecordData({
      locale,
      timeZone: 'Asia/Shanghai',
      companyName: '广州天河服务网点'.repeat(10),
      visit: visit(parts),
      categories: [],
      signatures,
      now: new Date('2026-07-20T00:00:00Z'),
    });

  it('the most a visit can hold (30 parts of 100 serials, the longest texts) stays on one page, in both languages', async () => {
    const font = await findCjkFont();
    expect(font, 'a CJK font (fonts-noto-cjk) is needed for the PDF record').not.toBeNull();
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const pdf = await renderServiceRecordPdf(data(30, locale), font as NonNullable<typeof font>);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g)).toHaveLength(1);
    }
  });

  const signed = (consent: Buffer, completion: Buffer): ServiceRecordFacts['signatures'] => [
    { purpose: 'consent', signerNameMasked: '王**', signedAt: new Date('2026-07-15T01:40:00Z'), png: consent },
    { purpose: 'completion', signerNameMasked: '王**', signedAt: new Date('2026-07-15T03:00:00Z'), png: completion },
  ];

  it('is deterministic: the same data, signatures with transparency included, gives the same bytes', async () => {
    const font = (await findCjkFont()) as NonNullable<Awaited<ReturnType<typeof findCjkFont>>>;
    // A large image first and a small one second: decoded at once, the second would finish first.
    const sigs = signed(rgbaPng(900, 300), rgbaPng(2, 2));
    const runs = await Promise.all([1, 2, 3].map(() => renderServiceRecordPdf(data(3, 'zh-CN', sigs), font)));
    expect(imageCount(runs[0] as Buffer)).toBe(2);
    for (const run of runs) expect(run.equals(runs[0] as Buffer)).toBe(true);
    const other = await renderServiceRecordPdf(data(4, 'zh-CN', sigs), font);
    expect(other.equals(runs[0] as Buffer)).toBe(false);
  });

  it('a signature image that does not decode is left out (drawn as —), the page still made', async () => {
    const font = (await findCjkFont()) as NonNullable<Awaited<ReturnType<typeof findCjkFont>>>;
    const broken = rgbaPng(100, 40, Buffer.from('not zlib data at all, not at all'));
    const pdf = await renderServiceRecordPdf(data(1, 'zh-CN', signed(rgbaPng(100, 40), broken)), font);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(imageCount(pdf)).toBe(1);
  });
});
