import { describe, expect, it } from 'vitest';
import { collectionFaceNames, pickFace } from './font-faces';

/** A font with only a `name` table holding its PostScript name (platform 3: UTF-16BE, or 1: Mac Roman). */
function fontBytes(postScriptName: string, platform: 1 | 3): Buffer {
  const str = platform === 3 ? Buffer.from(postScriptName, 'utf16le').swap16() : Buffer.from(postScriptName, 'latin1');
  const name = Buffer.alloc(18);
  name.writeUInt16BE(0, 0); // format
  name.writeUInt16BE(1, 2); // count
  name.writeUInt16BE(18, 4); // string storage offset
  name.writeUInt16BE(platform, 6);
  name.writeUInt16BE(platform === 3 ? 1 : 0, 8);
  name.writeUInt16BE(platform === 3 ? 0x409 : 0, 10);
  name.writeUInt16BE(6, 12); // name ID 6: PostScript name
  name.writeUInt16BE(str.length, 14);
  name.writeUInt16BE(0, 16);
  return Buffer.concat([name, str]);
}

/** A .ttc of fonts, each an offset table with one `name` table (offsets from the start of the file). */
function collection(faces: { name: string; platform: 1 | 3 }[]): Buffer {
  const header = Buffer.alloc(12 + faces.length * 4);
  header.write('ttcf', 0, 'latin1');
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(faces.length, 8);
  const parts: Buffer[] = [header];
  let at = header.length;
  faces.forEach((f, i) => {
    header.writeUInt32BE(at, 12 + i * 4);
    const table = fontBytes(f.name, f.platform);
    const dir = Buffer.alloc(12 + 16);
    dir.writeUInt32BE(0x00010000, 0);
    dir.writeUInt16BE(1, 4); // one table
    dir.write('name', 12, 'latin1');
    dir.writeUInt32BE(at + dir.length, 20); // offset
    dir.writeUInt32BE(table.length, 24);
    parts.push(dir, table);
    at += dir.length + table.length;
  });
  return Buffer.concat(parts);
}

describe('collectionFaceNames', () => {
  it('lists the faces of a collection by PostScript name, in file order', () => {
    const ttc = collection([
      { name: 'NotoSansCJKjp-Regular', platform: 3 },
      { name: 'NotoSansCJKsc-Regular', platform: 3 },
      { name: 'WenQuanYiZenHei', platform: 1 },
    ]);
    expect(collectionFaceNames(ttc)).toEqual(['NotoSansCJKjp-Regular', 'NotoSansCJKsc-Regular', 'WenQuanYiZenHei']);
    // A view into a larger buffer reads the same.
    const padded = Buffer.concat([Buffer.alloc(7), ttc]).subarray(7);
    expect(collectionFaceNames(padded)).toEqual(collectionFaceNames(ttc));
  });

  it('is empty for a single font, for other bytes and for a truncated collection', () => {
    expect(collectionFaceNames(Buffer.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]))).toEqual([]);
    expect(collectionFaceNames(Buffer.from('not a font at all'))).toEqual([]);
    const ttc = collection([{ name: 'NotoSansCJKsc-Regular', platform: 3 }]);
    expect(collectionFaceNames(ttc.subarray(0, 30))).toEqual([]);
  });
});

describe('pickFace', () => {
  const noto = [
    'NotoSansCJKjp-Regular',
    'NotoSansCJKkr-Regular',
    'NotoSansCJKsc-Regular',
    'NotoSansCJKtc-Regular',
    'NotoSansCJKhk-Regular',
    'NotoSansMonoCJKjp-Regular',
    'NotoSansMonoCJKsc-Regular',
  ];
  it('takes the Simplified Chinese, proportional face by default', () => {
    expect(pickFace(noto)).toBe('NotoSansCJKsc-Regular');
    expect(pickFace(['PingFangHK-Regular', 'PingFangSC-Regular', 'PingFangTC-Regular'])).toBe('PingFangSC-Regular');
    expect(pickFace(['STHeitiTC-Light', 'STHeitiSC-Light'])).toBe('STHeitiSC-Light');
    expect(pickFace(['SourceHanSansTW-Regular', 'SourceHanSansCN-Regular'])).toBe('SourceHanSansCN-Regular');
  });
  it('else the first proportional face, else the first', () => {
    expect(pickFace(['WenQuanYiZenHeiMono', 'WenQuanYiZenHei', 'WenQuanYiZenHeiSharp'])).toBe('WenQuanYiZenHei');
    expect(pickFace(['MicrosoftYaHei', 'MicrosoftYaHeiUI'])).toBe('MicrosoftYaHei');
    expect(pickFace(['SomethingMono'])).toBe('SomethingMono');
    expect(pickFace([])).toBeNull();
  });
  it('a face asked for by name must be in the collection', () => {
    expect(pickFace(noto, 'NotoSansCJKtc-Regular')).toBe('NotoSansCJKtc-Regular');
    expect(pickFace(noto, 'PingFangSC-Regular')).toBeNull();
  });
});
