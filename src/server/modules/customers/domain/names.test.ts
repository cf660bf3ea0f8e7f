import { describe, expect, it } from 'vitest';
import { normaliseName } from './names';

describe('normaliseName', () => {
  it('trims, collapses spaces and folds full-width characters', () => {
    expect(normaliseName('  王小明 ')).toBe('王小明');
    expect(normaliseName('John   Smith')).toBe('John Smith');
    expect(normaliseName('Ｊｏｈｎ\u3000Smith')).toBe('John Smith');
  });
});
