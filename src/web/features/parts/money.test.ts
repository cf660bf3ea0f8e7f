import { describe, expect, it } from 'vitest';
import { fenToYuanText, formatFen, yuanToFen } from './money';

describe('money', () => {
  it('parses yuan text to exact fen', () => {
    expect(yuanToFen('12.3')).toBe(1230);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('1,234.56')).toBe(123456);
    expect(yuanToFen('¥5')).toBe(500);
    expect(yuanToFen('19.99')).toBe(1999);
    expect(yuanToFen('1.005')).toBeUndefined();
    expect(yuanToFen('-1')).toBeUndefined();
    expect(yuanToFen('abc')).toBeUndefined();
  });
  it('formats fen', () => {
    expect(formatFen(123456)).toBe('¥1,234.56');
    expect(formatFen(-7)).toBe('-¥0.07');
    expect(fenToYuanText(1230)).toBe('12.30');
  });
});
