import { describe, expect, it } from 'vitest';
import { ELLIPSIS, type Measure, truncateLine, withEllipsis, wrapText } from './text-fit';

/** A monospaced measure: CJK and full-width punctuation 2 units, anything else 1 (like a CJK font's metrics). */
const measure: Measure = (s) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffef…]/.test(ch) ? 2 : 1), 0);

describe('truncateLine', () => {
  it('keeps a line that fits, white space collapsed', () => {
    expect(truncateLine('  更换  电容 ', 20, measure)).toBe('更换 电容');
  });
  it('cuts a longer line and ends it with …, within the width', () => {
    const line = truncateLine('压缩机启动电容失效，主控板驱动模块烧毁', 12, measure);
    expect(line).toBe('压缩机启动…');
    expect(measure(line)).toBeLessThanOrEqual(12);
    expect(truncateLine('SN-0001, SN-0002, SN-0003', 10, measure)).toBe('SN-0001,…');
  });
  it('gives just … when nothing else fits', () => {
    expect(withEllipsis('压缩机', 2, measure)).toBe(ELLIPSIS);
  });
});

describe('wrapText', () => {
  it('breaks Chinese between any two characters', () => {
    expect(wrapText('更换压缩机启动电容和主控板', 10, measure)).toEqual(['更换压缩机', '启动电容和', '主控板']);
  });
  it('breaks Latin text at spaces, and a word longer than the line inside it', () => {
    expect(wrapText('cleaned the condenser fins', 12, measure)).toEqual(['cleaned the', 'condenser', 'fins']);
    expect(wrapText('abcdefghijklmnop', 6, measure)).toEqual(['abcdef', 'ghijkl', 'mnop']);
  });
  it('never starts a line with closing punctuation: the character before goes along', () => {
    expect(wrapText('检查管路，无泄漏', 8, measure)).toEqual(['检查管', '路，无泄', '漏']);
  });
  it('keeps the text’s own line breaks and skips empty paragraphs', () => {
    expect(wrapText('第一条\n\n第二条', 20, measure)).toEqual(['第一条', '第二条']);
  });
  it('cuts at maxLines with … at the end of the last line shown', () => {
    const lines = wrapText('更换压缩机启动电容和主控板', 10, measure, 2);
    expect(lines).toEqual(['更换压缩机', '启动电容…']);
    for (const l of lines) expect(measure(l)).toBeLessThanOrEqual(10);
    // Exactly as many lines as allowed: nothing cut, no ….
    expect(wrapText('更换压缩机启动电容和', 10, measure, 2)).toEqual(['更换压缩机', '启动电容和']);
    // A paragraph that is cut away entirely still marks the last line shown.
    expect(wrapText('第一条\n第二条', 20, measure, 1)).toEqual(['第一条…']);
  });
  it('gives no lines for empty text or no room', () => {
    expect(wrapText('   ', 10, measure)).toEqual([]);
    expect(wrapText('电容', 10, measure, 0)).toEqual([]);
  });
});
