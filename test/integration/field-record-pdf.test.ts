// The one-page service record (维修服务记录) as PDF and HTML through the API: a completed visit's PDF (one A4 page,
// an embedded CJK font, both signatures as images, its metadata, deterministic for the same visit), a visit not yet
// completed shows its status, the most a visit can hold still fits on one page, who may read it, a missing font,
// and the HTML record from the same data model. The PDF's text is read back through its ToUnicode map (below).
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignedVisit,
  type FieldWorld,
  fieldWorld,
  finishVisit,
  gz,
  type Json,
  passingTests,
  signature,
  stockedPart,
  throughDiagnosis,
  visitClient,
} from './field-support';
import { expectError } from './support';

let w: FieldWorld;
/** A dispatcher of the branch who reads in English (the user's saved language); logged in again with everyone. */
let englishReader: string;

async function relogin() {
  await w.relogin();
  englishReader = await w.t.login('recorden');
}

beforeAll(async () => {
  w = await fieldWorld();
  await w.t.createUser('recorden', ['dispatcher'], 'th');
  englishReader = await w.t.login('recorden');
  const pref = await w.t.request({
    method: 'PATCH',
    url: '/api/auth/me',
    cookie: englishReader,
    body: { language: 'en-US' },
  });
  expect(pref.statusCode, pref.body).toBe(200);
});
afterAll(async () => {
  await w?.t.close();
});

const dispatcher = () => w.staff.cookies.dispatcher as string;

/** The record's raw bytes (the test kit's `request` decodes every body as text). */
async function record(visitId: string, query: string, cookie: string) {
  const res = await w.t.aircare.app.inject({
    method: 'GET',
    url: `/api/field/visits/${visitId}/record${query}`,
    headers: { 'x-requested-with': 'aircare', cookie },
  });
  return { statusCode: res.statusCode, headers: res.headers, bytes: res.rawPayload, body: res.body };
}

// ---------- reading a PDF back (enough for pdfkit's output: uncompressed objects, Flate streams) ----------

function streams(pdf: Buffer): { dict: string; data: Buffer }[] {
  const text = pdf.toString('latin1');
  const out: { dict: string; data: Buffer }[] = [];
  const re = />>\s*stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    const dict = text.slice(text.lastIndexOf('<<', m.index), m.index);
    const raw = pdf.subarray(start, end);
    out.push({ dict, data: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  return out;
}

/** A hex string of UTF-16BE (white space inside a PDF hex string is ignored). */
const utf16 = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex').swap16().toString('utf16le');

/** The page's text, one drawn line per line, decoded through the font's ToUnicode map. */
function pdfText(pdf: Buffer): string {
  const all = streams(pdf).map((s) => s.data.toString('latin1'));
  const map = new Map<number, string>();
  for (const cmap of all.filter((s) => s.includes('begincmap'))) {
    for (const m of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
      const first = Number.parseInt(m[1] as string, 16);
      [...(m[3] as string).matchAll(/<([0-9a-f\s]+)>/gi)].forEach((u, i) => {
        map.set(first + i, utf16(u[1] as string));
      });
    }
    for (const m of cmap.matchAll(/^<([0-9a-f]{4})>\s*<([0-9a-f]+)>$/gim)) {
      map.set(Number.parseInt(m[1] as string, 16), utf16(m[2] as string));
    }
  }
  const lines: string[] = [];
  for (const content of all.filter((s) => /\bTJ\b/.test(s))) {
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      let line = '';
      for (const h of (tj[1] as string).matchAll(/<([0-9a-f\s]*)>/gi)) {
        const hex = (h[1] as string).replace(/\s+/g, '');
        for (let i = 0; i + 4 <= hex.length; i += 4) line += map.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '?';
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
}

/** Page objects (not the /Pages tree). */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;

/** Image XObjects named in the page's resources (a PNG with alpha also has a soft mask image, not named there). */
function pageImages(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const xobjects = /\/XObject\s*<<([^>]*)>>/.exec(text)?.[1] ?? '';
  return [...xobjects.matchAll(/\/(\w+)\s+(\d+)\s+0\s+R/g)]
    .filter((m) => new RegExp(`(^|\\n)${m[2]} 0 obj\\s*<<[^]*?/Subtype /Image`).test(text))
    .map((m) => m[1] as string);
}

/** The bytes of a PDF literal string `(…)` (escapes: \n \r \t \b \f \( \) \\ and octal \ddd). */
function literalBytes(body: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body.charCodeAt(i);
    if (ch !== 0x5c) {
      out.push(ch);
      continue;
    }
    const next = body[++i] as string;
    const octal = /^[0-7]{1,3}/.exec(body.slice(i, i + 3));
    if (octal) {
      out.push(Number.parseInt(octal[0], 8) & 0xff);
      i += octal[0].length - 1;
    } else out.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(out);
}

/** A text string of the Info dictionary (pdfkit writes UTF-16BE with a BOM for non-ASCII, else plain). */
function infoString(pdf: Buffer, key: string): string | null {
  const text = pdf.toString('latin1');
  const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(text);
  if (!ref) return null;
  const start = new RegExp(`(^|\\n)${ref[1]} 0 obj\\n`).exec(text);
  if (!start) return null;
  const from = start.index + start[0].length;
  const body = text.slice(from, text.indexOf('\nendobj', from));
  const hex = /^<([0-9a-f\s]*)>$/i.exec(body);
  const bytes = hex ? Buffer.from((hex[1] as string).replace(/\s+/g, ''), 'hex') : literalBytes(body.slice(1, -1));
  return bytes[0] === 0xfe && bytes[1] === 0xff
    ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le')
    : bytes.toString('latin1');
}

// ---------- visits ----------

let partNo = 0;

/** A completed visit with parts from the van (one serial-tracked), advice and both signatures. */
async function completedVisit(day: string, customer = { name: '李大明', phone: '13911113333' }) {
  w.t.clock.set(gz(day, '08:30'));
  await relogin();
  partNo += 1;
  const cap = await stockedPart(
    w,
    { code: `CAP-${partNo}`, name: '压缩机启动电容', category: 'capacitor', standardCostFen: 2000 },
    { locationId: w.van, quantity: 4, unitCostFen: 1800 },
  );
  const pcb = await stockedPart(
    w,
    { code: `PCB-${partNo}`, name: '变频主控板', category: 'pcb', serialTracked: true, warrantyMonths: 6 },
    { locationId: w.van, serials: [`SN-${partNo}-A`], unitCostFen: 45000 },
  );
  const { order, visit } = await assignedVisit(
    w,
    { customer, faultCategory: 'no_cooling' },
    { start: gz(day, '09:00'), end: gz(day, '11:00') },
  );
  const c = visitClient(w, visit.id);
  await throughDiagnosis(w, c, {
    faultCategory: 'no_cooling',
    cause: '压缩机启动电容失效，主控板驱动模块烧毁',
    expectedFinishAt: gz(day, '15:00'),
  });
  const quote = (
    await c.ok({
      step: 'quote',
      parts: [
        { partId: cap.id, quantity: 1, source: 'van' },
        { partId: pcb.id, quantity: 1, source: 'van' },
      ],
      travelKm: 12,
    })
  ).quote;
  const consent = await c.consent({
    method: 'signature',
    quoteVersion: quote.version,
    signerName: customer.name,
    signature,
    acceptedNonDesignated: [],
  });
  expect(consent.statusCode, consent.body).toBe(200);
  await c.ok({
    step: 'repair',
    workDone: '更换压缩机启动电容和变频主控板，检查管路无泄漏',
    parts: [
      { partId: cap.id, quantity: 1, source: 'van', oldPartReturn: false },
      { partId: pcb.id, quantity: 1, source: 'van', serials: [`SN-${partNo}-A`], oldPartReturn: true },
    ],
  });
  await c.ok(passingTests);
  await c.ok({ step: 'handover', shownHowToUse: true, advice: ['室外机支架锈蚀，建议一年内更换'] });
  await c.ok({ step: 'site_cleaned', cleaned: true, oldPartsPacked: true });
  await c.ok({ step: 'signature', signerName: customer.name, signature });
  w.t.clock.advanceMinutes(45);
  const done = await c.complete();
  expect(done.statusCode, done.body).toBe(200);
  return { order, visit: done.json().visit as Json, cap, pcb, quote };
}

describe('the service record as PDF', () => {
  it('a completed visit: one A4 page with the CJK font, both signatures, the record and its metadata', async () => {
    const { order, visit, cap, pcb } = await completedVisit('2026-07-15');
    expect(visit.finishedAt).toBe(gz('2026-07-15', '09:45'));
    const res = await record(visit.id, '?format=pdf', w.tech.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-disposition'])).toContain(`filename="service-record-${order.number}-1.pdf"`);
    const pdf = res.bytes;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(pageCount(pdf)).toBe(1);
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    // The CJK font is embedded (a subset), not referenced.
    expect(pdf.toString('latin1')).toMatch(/\/FontFile[23]?\s/);
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+\S+/);
    expect(pageImages(pdf)).toHaveLength(2);

    const text = pdfText(pdf);
    for (const expected of [
      '广州天河服务网点 · 维修服务记录',
      `工单号 ${order.number} · 第1 次上门`,
      '李** 139****3333 · 天河区',
      '压缩机启动电容失效，主控板驱动模块烧毁',
      '室外机支架锈蚀，建议一年内更换',
      cap.code,
      pcb.code,
      `SN-${partNo}-A`,
      '12 个月',
      '6 个月',
      '¥21.60',
      '进风温度',
      '27 °C',
      '¥891.60',
      '2026/07/15 09:00',
      '2026/07/15 09:45',
      '工号 TH-101',
      '客户确认维修方案',
      '客户确认完工',
    ]) {
      expect(text).toContain(expected);
    }
    // Completed: no status banner; the customer's full number and name appear nowhere.
    expect(text).not.toContain('进行中');
    expect(text).not.toContain('13911113333');
    expect(text).not.toContain('李大明');
    expect(pdf.toString('latin1')).not.toContain('13911113333');

    expect(infoString(pdf, 'Title')).toBe(`维修服务记录 ${order.number}`);
    expect(infoString(pdf, 'Author')).toBe('广州天河服务网点');
    // The creation date is the visit's finish (09:45 in Guangzhou), not the time of the download.
    expect(infoString(pdf, 'CreationDate')).toBe('D:20260715014500Z');

    // The same visit later: the very same bytes.
    w.t.clock.advanceMinutes(90);
    await relogin();
    const again = await record(visit.id, '?format=pdf', w.tech.cookie);
    expect(again.statusCode).toBe(200);
    expect(again.bytes.equals(pdf)).toBe(true);

    // The dispatcher of the branch reads it; in English for a reader who chose English.
    expect((await record(visit.id, '?format=pdf', dispatcher())).statusCode).toBe(200);
    const en = await record(visit.id, '?format=pdf', englishReader);
    expect(en.statusCode, en.body).toBe(200);
    const enText = pdfText(en.bytes);
    expect(enText).toContain('广州天河服务网点 · Service record');
    expect(enText).toContain('Customer pays');
    expect(enText).toContain('07/15/2026, 09:45');
    expect(infoString(en.bytes, 'Title')).toBe(`Service record ${order.number}`);
  });

  it('a visit not yet completed renders with its status and without signatures; same time, same bytes', async () => {
    w.t.clock.set(gz('2026-07-16', '08:30'));
    await relogin();
    const { order, visit } = await assignedVisit(
      w,
      {},
      { start: gz('2026-07-16', '09:00'), end: gz('2026-07-16', '11:00') },
    );
    const c = visitClient(w, visit.id);
    await throughDiagnosis(w, c);
    const res = await record(visit.id, '?format=pdf', w.tech.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(pageCount(res.bytes)).toBe(1);
    expect(pageImages(res.bytes)).toHaveLength(0);
    const text = pdfText(res.bytes);
    expect(text).toContain('进行中');
    expect(text).toContain(order.number);
    expect(text).toContain('排水管堵塞，接水盘溢水');
    expect(text.split('\n').filter((l) => l === '无')).toHaveLength(3); // no parts, no signatures (2)
    // Not finished: created "now" (ctx.now), so the same request at the same time gives the same bytes.
    expect(infoString(res.bytes, 'CreationDate')).toBe('D:20260716010000Z');
    const again = await record(visit.id, '?format=pdf', w.tech.cookie);
    expect(again.bytes.equals(res.bytes)).toBe(true);
  });

  it('the most a visit can hold still fits on one page: long texts cut with "…", many parts in a compact table', async () => {
    const day = '2026-07-17';
    w.t.clock.set(gz(day, '08:00'));
    await relogin();
    const parts = [];
    for (let i = 0; i < 30; i++) {
      parts.push(
        await stockedPart(
          w,
          { code: `MANY-${String(i).padStart(2, '0')}`, name: `四通换向阀组件型号${i}号长名称配件`, category: 'valve' },
          { locationId: w.van, quantity: 2, unitCostFen: 1000 + i },
        ),
      );
    }
    const { order, visit } = await assignedVisit(w, {}, { start: gz(day, '09:00'), end: gz(day, '11:00') });
    const c = visitClient(w, visit.id);
    const longCause = '冷凝器翅片严重脏堵导致高压保护，'.repeat(40).slice(0, 500);
    await throughDiagnosis(w, c, { faultCategory: 'no_cooling', cause: longCause, expectedFinishAt: gz(day, '17:00') });
    const lines = parts.map((p) => ({ partId: p.id, quantity: 1, source: 'van' }));
    const quote = (await c.ok({ step: 'quote', parts: lines, travelKm: 3 })).quote;
    const consent = await c.consent({
      method: 'signature',
      quoteVersion: quote.version,
      signerName: '赵先生',
      signature,
      acceptedNonDesignated: [],
    });
    expect(consent.statusCode, consent.body).toBe(200);
    await c.ok({
      step: 'repair',
      workDone: 'Replaced the four-way valve assembly and cleaned the condenser fins thoroughly; '
        .repeat(12)
        .slice(0, 1000),
      parts: lines.map((l) => ({ ...l, oldPartReturn: false })),
    });
    await c.ok(passingTests);
    await c.ok({
      step: 'handover',
      shownHowToUse: true,
      advice: Array.from({ length: 20 }, (_, i) =>
        `第${i + 1}条建议：${'定期清洗过滤网并检查室外机散热，'.repeat(18)}`.slice(0, 300),
      ),
    });
    await c.ok({ step: 'site_cleaned', cleaned: true, oldPartsPacked: true });
    await c.ok({ step: 'signature', signerName: '赵先生', signature });
    const done = await c.complete();
    expect(done.statusCode, done.body).toBe(200);

    const res = await record(visit.id, '?format=pdf', w.tech.cookie);
    expect(res.statusCode, res.body).toBe(200);
    expect(pageCount(res.bytes)).toBe(1);
    expect(pageImages(res.bytes)).toHaveLength(2);
    const text = pdfText(res.bytes);
    expect(text).toContain(order.number);
    expect(text).toContain('MANY-00');
    expect(text).toContain('客户确认完工');
    // Long texts end with "…" instead of spilling over.
    const cut = text.split('\n').filter((l) => l.endsWith('…'));
    expect(cut.some((l) => l.includes('冷凝器翅片'))).toBe(true);
    expect(cut.some((l) => l.includes('four-way valve'))).toBe(true);
    expect(cut.some((l) => l.includes('定期清洗过滤网'))).toBe(true);
    expect(text).toContain('第1条建议');
    expect(text).not.toContain('第2条建议'); // the advice is cut before its second item
    // Every part is listed, or the last row says how many more there are.
    const listed = parts.filter((p) => text.includes(p.code)).length;
    if (listed < parts.length) expect(text).toContain(`另有 ${parts.length - listed} 项配件未列出`);
    expect(listed).toBeGreaterThanOrEqual(10);
    // The HTML record lists everything in full.
    const html = await record(visit.id, '', w.tech.cookie);
    for (const p of parts) expect(html.body).toContain(p.code);
    expect(html.body).toContain(longCause);
  });

  it('who may read it, and the formats accepted', async () => {
    const { visit } = await completedVisit('2026-07-18', { name: '钱小红', phone: '13711114444' });
    // Another technician, and an agent without dispatch access: not found, as for the HTML.
    expectError(
      await w.t.request({
        method: 'GET',
        url: `/api/field/visits/${visit.id}/record?format=pdf`,
        cookie: w.tech2.cookie,
      }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await w.t.request({
        method: 'GET',
        url: `/api/field/visits/${visit.id}/record?format=pdf`,
        cookie: w.staff.cookies.agent as string,
      }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await w.t.request({
        method: 'GET',
        url: `/api/field/visits/${visit.id}/record?format=doc`,
        cookie: w.tech.cookie,
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await w.t.request({ method: 'GET', url: `/api/field/visits/${visit.id}/record?format=pdf` }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('the HTML record keeps its content', async () => {
    const { order, visit, cap, pcb } = await completedVisit('2026-07-19', { name: '孙大伟', phone: '13611115555' });
    const res = await record(visit.id, '?format=html', w.tech.cookie);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/html');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(String(res.headers['content-disposition'])).toContain(`filename="service-record-${order.number}-1.html"`);
    const html = res.body;
    for (const text of [
      `<title>维修服务记录 ${order.number}</title>`,
      '<h1>广州天河服务网点 · 维修服务记录</h1>',
      `<p>工单号 ${order.number} · 第1 次上门</p>`,
      '<dt>客户</dt><dd>孙** 136****5555 · 天河区</dd>',
      '<dt>原因</dt><dd>压缩机启动电容失效，主控板驱动模块烧毁</dd>',
      `<td>${cap.code}</td><td>压缩机启动电容</td><td>1</td><td>—</td><td>12 个月</td><td>¥21.60</td>`,
      `<td>${pcb.code}</td><td>变频主控板</td><td>1</td><td>SN-${partNo}-A</td><td>6 个月</td><td>¥540.00</td>`,
      '<h2>测试 (制冷)</h2>',
      '<tr><td>进风温度</td><td>27 °C</td></tr>',
      '<dt>客户应付</dt><dd>¥891.60</dd>',
      '<dt>完成</dt><dd>2026/07/19 09:45</dd>',
      '<figcaption>孙** · 2026/07/19 09:00</figcaption>',
    ]) {
      expect(html).toContain(text);
    }
    expect(html.match(/<img /g)).toHaveLength(2);
    expect(html).not.toContain('class="banner"');
    expect(html).not.toContain('13611115555');
    expect(html).not.toContain('孙大伟');
    // Default format is HTML.
    expect((await record(visit.id, '', w.tech.cookie)).body).toBe(html);
  });

  it('without a CJK font the PDF is unavailable (503, reason no_cjk_font, a message); the HTML still works', async () => {
    const { visit } = await finishedQuickly('2026-07-20');
    const before = process.env.AIRCARE_PDF_FONT;
    process.env.AIRCARE_PDF_FONT = '/nonexistent/aircare-test-font.ttf';
    try {
      const res = await w.t.request({
        method: 'GET',
        url: `/api/field/visits/${visit.id}/record?format=pdf`,
        cookie: w.tech.cookie,
      });
      const body = expectError(res, 503, 'UNAVAILABLE');
      expect(body.details.reason).toBe('no_cjk_font');
      expect(body.details.message).toContain('中文字体');
      const en = expectError(
        await w.t.request({
          method: 'GET',
          url: `/api/field/visits/${visit.id}/record?format=pdf`,
          cookie: englishReader,
        }),
        503,
        'UNAVAILABLE',
      );
      expect(en.details.message).toContain('Chinese font');
      expect((await record(visit.id, '', w.tech.cookie)).statusCode).toBe(200);
    } finally {
      if (before === undefined) delete process.env.AIRCARE_PDF_FONT;
      else process.env.AIRCARE_PDF_FONT = before;
    }
    expect((await record(visit.id, '?format=pdf', w.tech.cookie)).statusCode).toBe(200);
  });
});

/** A visit completed without parts (diagnosis, an empty quote, consent, the closing steps). */
async function finishedQuickly(day: string) {
  w.t.clock.set(gz(day, '08:30'));
  await relogin();
  const { visit } = await assignedVisit(w, {}, { start: gz(day, '09:00'), end: gz(day, '11:00') });
  const c = visitClient(w, visit.id);
  await throughDiagnosis(w, c);
  const quote = (await c.ok({ step: 'quote', parts: [], travelKm: 3 })).quote;
  const consent = await c.consent({
    method: 'signature',
    quoteVersion: quote.version,
    signerName: '周先生',
    signature,
    acceptedNonDesignated: [],
  });
  expect(consent.statusCode, consent.body).toBe(200);
  await c.ok({ step: 'repair', workDone: '疏通排水管，清理接水盘', parts: [] });
  return { visit: await finishVisit(c) };
}
