// The service record (维修服务记录) as a one-page A4 PDF, drawn with pdfkit from the same data as the HTML record
// (domain/service-record.ts). Chinese needs a CJK font of the machine (pdfkit's built-in fonts have none): the
// `AIRCARE_PDF_FONT` file, else the first well-known system font found. The page always stays one page: the layout
// is measured first and, when it does not fit, drawn with a smaller font, fewer lines per text (cut with "…"), a
// compact parts table and finally fewer part rows ("… N more").
import { readFile } from 'node:fs/promises';
import type { Ctx } from '@server/platform/context';
import { AppError } from '@server/platform/errors';
import PDFDocument from 'pdfkit';
import { collectionFaceNames, pickFace } from '../domain/font-faces';
import { isDecodablePng } from '../domain/png-check';
import type { RecordRow, RecordSignature, ServiceRecordData } from '../domain/service-record';
import { type Measure, truncateLine, wrapText } from '../domain/text-fit';

// ---------- the CJK font ----------

/**
 * Well-known CJK fonts, most common first: Debian/Ubuntu (fonts-noto-cjk, fonts-wqy-zenhei, fonts-wqy-microhei),
 * Fedora/RHEL (google-noto-sans-cjk, wqy-zenhei-fonts), Alpine (font-noto-cjk, font-wqy-zenhei), Arch, macOS
 * (PingFang, STHeiti) and Windows (Microsoft YaHei, SimHei).
 */
export const WELL_KNOWN_CJK_FONTS: readonly string[] = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc',
  '/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc',
  '/usr/share/fonts/wenquanyi/wqy-zenhei.ttc',
  '/usr/share/fonts/wqy-microhei/wqy-microhei.ttc',
  '/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/STHeiti Light.ttc',
  '/System/Library/Fonts/STHeiti Medium.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
  'C:\\Windows\\Fonts\\simhei.ttf',
];

export interface CjkFont {
  path: string;
  bytes: Buffer;
  /** The PostScript name of the face to use in a collection (.ttc); undefined for a single font. */
  face: string | undefined;
}

/** The first 4 bytes of a single TrueType (00010000, 'true') or OpenType CFF ('OTTO') font, in hex. */
const SFNT_TAGS = new Set(['00010000', '74727565', '4f54544f']);

/** Loaded fonts by "path|face wanted": read once per process (a CJK font is 10–20 MB). */
const fontCache = new Map<string, CjkFont>();

async function loadFont(path: string, wanted: string | undefined): Promise<CjkFont | null> {
  const key = `${path}|${wanted ?? ''}`;
  const cached = fontCache.get(key);
  if (cached) return cached;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return null;
  }
  const faces = collectionFaceNames(bytes);
  let face: string | undefined;
  if (faces.length > 0) {
    face = pickFace(faces, wanted) ?? undefined;
    if (!face) return null;
  } else if (!SFNT_TAGS.has(bytes.toString('hex', 0, 4))) {
    return null; // not a TrueType / OpenType font
  }
  const font = { path, bytes, face };
  fontCache.set(key, font);
  return font;
}

/**
 * The CJK font of the PDF record: `AIRCARE_PDF_FONT` (a .ttf/.otf/.ttc; for a .ttc the face
 * `AIRCARE_PDF_FONT_NAME`, default the Simplified Chinese one) — when set, only that file — else the first
 * well-known font found. Null when there is none.
 */
export async function findCjkFont(
  env: Record<string, string | undefined> = process.env,
  candidates: readonly string[] = WELL_KNOWN_CJK_FONTS,
): Promise<CjkFont | null> {
  const configured = env.AIRCARE_PDF_FONT?.trim();
  const wanted = env.AIRCARE_PDF_FONT_NAME?.trim() || undefined;
  if (configured) return loadFont(configured, wanted);
  for (const path of candidates) {
    const font = await loadFont(path, undefined);
    if (font) return font;
  }
  return null;
}

async function requireCjkFont(ctx: Ctx): Promise<CjkFont> {
  const font = await findCjkFont();
  if (font) return font;
  const configured = process.env.AIRCARE_PDF_FONT?.trim();
  ctx.log.error(
    { configured: configured ?? null },
    configured
      ? 'AIRCARE_PDF_FONT is not a readable TrueType/OpenType font (or the face AIRCARE_PDF_FONT_NAME is not in it)'
      : 'no CJK font found for the PDF service record: install fonts-noto-cjk (or set AIRCARE_PDF_FONT)',
  );
  const zh = ctx.request.locale === 'zh-CN';
  throw new AppError('UNAVAILABLE', {
    reason: 'no_cjk_font',
    message: zh
      ? '服务器缺少中文字体，暂时无法生成 PDF，请先查看网页版记录，并联系管理员安装字体'
      : 'The server has no Chinese font, so the PDF cannot be made now; open the HTML record and ask the administrator to install one',
  });
}

// ---------- the page ----------

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 36;
const CONTENT_W = A4[0] - 2 * MARGIN;
const BOTTOM = A4[1] - MARGIN;
const INK = '#222222';
const MUTED = '#666666';
const RULE = '#cccccc';
const GRID = '#dddddd';
const HEAD_BG = '#f3f3f3';
const BANNER_BG = '#fff3cd';
const BANNER_INK = '#7a5b00';

/** How hard the layout squeezes: font size, lines per text, the parts table, the signatures' height. */
export interface Fit {
  size: number;
  /** Lines of a field's value (cause, work done, advice…). */
  valueLines: number;
  /** Lines of a parts table cell (1 = the compact table). */
  cellLines: number;
  /** Part rows listed (the rest summed up in one row); Infinity = all. */
  partRows: number;
  signatureHeight: number;
}

/** The tries, loosest first; the last ones also cut part rows until the page fits. */
const FITS: Fit[] = [
  ...[10, 9.5, 9, 8.5, 8].map((size) => ({
    size,
    valueLines: 6,
    cellLines: 2,
    partRows: Number.POSITIVE_INFINITY,
    signatureHeight: 64,
  })),
  ...[8.5, 8, 7.5, 7].map((size) => ({
    size,
    valueLines: 3,
    cellLines: 1,
    partRows: Number.POSITIVE_INFINITY,
    signatureHeight: 52,
  })),
];
const LAST: Omit<Fit, 'partRows'> = { size: 7, valueLines: 2, cellLines: 1, signatureHeight: 44 };

/** Lays the page out from the top; draws only when `draw` (else measures). Returns the bottom of the content. */
class Painter {
  y = MARGIN;
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fit: Fit,
    private readonly draw: boolean,
    private readonly labelWidth: number,
    private readonly images: ReadonlyMap<Buffer, PdfImage>,
    /** Widths by font size and text, kept over the tries of one document (measuring is most of the work). */
    private readonly widths: Map<string, number>,
  ) {}

  private size(factor = 1): number {
    return this.fit.size * factor;
  }
  private use(size: number): { lh: number; measure: Measure } {
    this.doc.fontSize(size);
    const lh = size * 1.45;
    const measure: Measure = (s) => {
      const key = `${size}|${s}`;
      let w = this.widths.get(key);
      if (w === undefined) {
        w = this.doc.fontSize(size).widthOfString(s);
        this.widths.set(key, w);
      }
      return w;
    };
    return { lh, measure };
  }
  private line(text: string, x: number, y: number, size: number, color = INK): void {
    if (!this.draw) return;
    this.doc
      .fontSize(size)
      .fillColor(color)
      .text(text, x, y + size * 0.06, { lineBreak: false });
  }

  header(data: ServiceRecordData): void {
    const big = this.size(1.6);
    const { lh, measure } = this.use(big);
    this.line(truncateLine(`${data.company} · ${data.title}`, CONTENT_W, measure), MARGIN, this.y, big);
    this.y += lh;
    const small = this.use(this.size());
    this.line(truncateLine(data.orderLine, CONTENT_W, small.measure), MARGIN, this.y, this.size(), MUTED);
    this.y += small.lh;
    if (data.statusBanner) {
      this.y += 3;
      const h = small.lh + 6;
      if (this.draw) this.doc.rect(MARGIN, this.y, CONTENT_W, h).fill(BANNER_BG);
      this.line(
        truncateLine(data.statusBanner, CONTENT_W - 12, small.measure),
        MARGIN + 6,
        this.y + 3,
        this.size(),
        BANNER_INK,
      );
      this.y += h;
    }
  }

  heading(text: string): void {
    const size = this.size(1.1);
    const { lh, measure } = this.use(size);
    this.y += this.size(0.8);
    this.line(truncateLine(text, CONTENT_W, measure), MARGIN, this.y, size);
    this.y += lh + 2;
    if (this.draw) {
      this.doc
        .moveTo(MARGIN, this.y)
        .lineTo(MARGIN + CONTENT_W, this.y)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
    }
    this.y += 3;
  }

  muted(text: string): void {
    const { lh, measure } = this.use(this.size());
    this.line(truncateLine(text, CONTENT_W, measure), MARGIN, this.y, this.size(), MUTED);
    this.y += lh;
  }

  fields(rows: RecordRow[], emptyText: string): void {
    if (rows.length === 0) {
      this.muted(emptyText);
      return;
    }
    const { lh, measure } = this.use(this.size());
    const valueX = MARGIN + this.labelWidth;
    const valueW = CONTENT_W - this.labelWidth;
    for (const row of rows) {
      this.line(truncateLine(row.label, this.labelWidth - 8, measure), MARGIN, this.y, this.size(), MUTED);
      const lines = wrapText(row.value, valueW, measure, this.fit.valueLines);
      if (lines.length === 0) lines.push('—');
      lines.forEach((l, i) => {
        this.line(l, valueX, this.y + i * lh, this.size());
      });
      this.y += lines.length * lh;
    }
  }

  /** A bordered table; `widths` are fractions of the content width; `header` gets a grey background. */
  table(
    header: readonly string[] | null,
    rows: readonly (readonly string[])[],
    widths: number[],
    lines: number,
    note?: string,
  ): void {
    const size = lines === 1 ? this.size(0.92) : this.size();
    const { lh, measure } = this.use(size);
    const padX = 3;
    const padY = lines === 1 ? 1.5 : 2.5;
    const xs = widths.map((_, i) => MARGIN + CONTENT_W * widths.slice(0, i).reduce((a, b) => a + b, 0));
    const ws = widths.map((f) => CONTENT_W * f);
    const drawRow = (cells: readonly string[], head: boolean) => {
      const wrapped = cells.map((c, i) => {
        const w = (ws[i] as number) - 2 * padX;
        return lines === 1 || head ? [truncateLine(c, w, measure)] : wrapText(c, w, measure, lines);
      });
      const h = Math.max(1, ...wrapped.map((l) => l.length)) * lh + 2 * padY;
      if (this.draw) {
        if (head) this.doc.rect(MARGIN, this.y, CONTENT_W, h).fill(HEAD_BG);
        this.doc.lineWidth(0.5).strokeColor(GRID);
        cells.forEach((_, i) => {
          this.doc.rect(xs[i] as number, this.y, ws[i] as number, h).stroke();
        });
      }
      wrapped.forEach((ls, i) => {
        ls.forEach((l, k) => {
          this.line(l, (xs[i] as number) + padX, this.y + padY + k * lh, size, head ? MUTED : INK);
        });
      });
      this.y += h;
    };
    if (header) drawRow(header, true);
    for (const r of rows) drawRow(r, false);
    if (note) {
      const h = lh + 2 * padY;
      if (this.draw) this.doc.lineWidth(0.5).strokeColor(GRID).rect(MARGIN, this.y, CONTENT_W, h).stroke();
      this.line(truncateLine(note, CONTENT_W - 2 * padX, measure), MARGIN + padX, this.y + padY, size, MUTED);
      this.y += h;
    }
  }

  signatures(items: RecordSignature[]): void {
    const gap = 24;
    const w = (CONTENT_W - gap * (items.length - 1)) / items.length;
    const { lh, measure } = this.use(this.size());
    const top = this.y;
    let bottom = top;
    items.forEach((s, i) => {
      const x = MARGIN + i * (w + gap);
      let y = top;
      this.line(truncateLine(s.label, w, measure), x, y, this.size(), MUTED);
      y += lh + 2;
      if (s.image) {
        const h = this.fit.signatureHeight;
        const boxW = Math.min(w, h * 3);
        if (this.draw) {
          const image = this.images.get(s.image);
          if (image) this.doc.image(image as unknown as Buffer, x, y, { fit: [boxW, h], valign: 'bottom' });
          else this.line('—', x, y + h - lh, this.size(), MUTED); // an image that does not decode
          this.doc
            .moveTo(x, y + h + 1)
            .lineTo(x + boxW, y + h + 1)
            .lineWidth(0.5)
            .strokeColor('#999999')
            .stroke();
        }
        y += h + 3;
        const caption = this.use(this.size(0.92));
        this.line(truncateLine(s.caption ?? '', w, caption.measure), x, y, this.size(0.92), MUTED);
        y += caption.lh;
      } else {
        this.line(truncateLine(s.absentText, w, measure), x, y, this.size(), MUTED);
        y += lh;
      }
      bottom = Math.max(bottom, y);
    });
    this.y = bottom;
  }
}

/** pdfkit's image object (not in its type definitions): `image` is dropped once the image is written. */
interface PdfImage {
  width: number;
  height: number;
  image?: unknown;
  embed(doc: PDFKit.PDFDocument): void;
}

/**
 * The signature PNGs embedded one after the other, before anything is drawn. pdfkit decodes a PNG with transparency
 * in a later tick and numbers its objects only then: two images at once would finish in either order, and the file
 * would differ from one request to the next. A PNG that does not decode is left out (drawn as "—").
 */
async function embedImages(doc: PDFKit.PDFDocument, pngs: Buffer[]): Promise<Map<Buffer, PdfImage>> {
  const out = new Map<Buffer, PdfImage>();
  for (const png of pngs) {
    if (out.has(png) || !isDecodablePng(png)) continue;
    const image = (doc as unknown as { openImage(src: Buffer): PdfImage }).openImage(png);
    image.embed(doc);
    for (let tick = 0; image.image != null; tick++) {
      if (tick > 10_000) throw new Error('a signature image was not embedded in time');
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    out.set(png, image);
  }
  return out;
}

/** The widest field label of the page (the label column of every field list). */
function labelColumn(doc: PDFKit.PDFDocument, data: ServiceRecordData, size: number): number {
  doc.fontSize(size);
  const labels = [data.customer, data.fault, data.amounts, data.times].flatMap((s) => s.content.map((r) => r.label));
  return Math.min(CONTENT_W / 4, Math.max(...labels.map((l) => doc.widthOfString(l))) + 12);
}

/** The page at one fit; returns where the content ends. */
function layout(
  doc: PDFKit.PDFDocument,
  data: ServiceRecordData,
  fit: Fit,
  draw: boolean,
  widths: Map<string, number>,
  images: ReadonlyMap<Buffer, PdfImage> = new Map(),
): number {
  const p = new Painter(doc, fit, draw, labelColumn(doc, data, fit.size), images, widths);
  p.header(data);
  p.heading(data.customer.heading);
  p.fields(data.customer.content, data.customer.emptyText);
  p.heading(data.fault.heading);
  p.fields(data.fault.content, data.fault.emptyText);

  p.heading(data.parts.heading);
  const parts = data.parts.content;
  if (parts.rows.length === 0) p.muted(data.parts.emptyText);
  else {
    const shown = parts.rows.slice(0, fit.partRows);
    const hidden = parts.rows.length - shown.length;
    const note =
      hidden > 0
        ? data.locale === 'zh-CN'
          ? `… 另有 ${hidden} 项配件未列出，详见系统中的上门记录`
          : `… ${hidden} more part lines, see the visit in the system`
        : undefined;
    const compact = parts.rows.length > 6 ? 1 : fit.cellLines;
    p.table(parts.columns, shown, [0.16, 0.24, 0.07, 0.25, 0.12, 0.16], compact, note);
  }

  p.heading(data.tests.heading);
  const readings = data.tests.content;
  if (readings.length === 0) p.muted(data.tests.emptyText);
  else {
    // Two readings per row (label, value, label, value).
    const rows: string[][] = [];
    for (let i = 0; i < readings.length; i += 2) {
      const a = readings[i] as RecordRow;
      const b = readings[i + 1];
      rows.push([a.label, a.value, b?.label ?? '', b?.value ?? '']);
    }
    p.table(null, rows, [0.25, 0.25, 0.25, 0.25], 1);
  }

  p.heading(data.amounts.heading);
  p.fields(data.amounts.content, data.amounts.emptyText);
  p.heading(data.times.heading);
  p.fields(data.times.content, data.times.emptyText);
  p.heading(data.signatures.heading);
  p.signatures(data.signatures.content);
  return p.y;
}

/** The loosest fit whose content ends above the bottom margin (measured on the document, nothing drawn). */
export function chooseFit(doc: PDFKit.PDFDocument, data: ServiceRecordData, widths: Map<string, number>): Fit {
  for (const fit of FITS) if (layout(doc, data, fit, false, widths) <= BOTTOM) return fit;
  // Fewer part rows (one row then says how many more) until it fits.
  for (let rows = data.parts.content.rows.length; rows > 0; rows--) {
    const fit = { ...LAST, partRows: rows };
    if (layout(doc, data, fit, false, widths) <= BOTTOM) return fit;
  }
  return { ...LAST, partRows: 0 };
}

/** The PDF's bytes: A4, one page, metadata from the data (deterministic for the same data and font). */
export async function renderServiceRecordPdf(data: ServiceRecordData, font: CjkFont): Promise<Buffer> {
  const doc = new PDFDocument({
    size: A4,
    margin: MARGIN,
    font: '',
    lang: data.locale,
    displayTitle: true,
    info: {
      Title: data.meta.title,
      Author: data.meta.author,
      Subject: data.meta.subject,
      Creator: 'Aircare',
      Producer: 'Aircare (PDFKit)',
      CreationDate: data.meta.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.bytes, font.face as string);
  doc.font('cjk');
  const images = await embedImages(
    doc,
    data.signatures.content.flatMap((sig) => (sig.image ? [sig.image] : [])),
  );
  const widths = new Map<string, number>();
  const fit = chooseFit(doc, data, widths);
  layout(doc, data, fit, true, widths, images);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The record as PDF, with the machine's CJK font (503 UNAVAILABLE `no_cjk_font` without one). */
export async function serviceRecordPdf(ctx: Ctx, data: ServiceRecordData): Promise<Buffer> {
  const font = await requireCjkFont(ctx);
  return renderServiceRecordPdf(data, font);
}
