import { FAULT_CATEGORY_CODES, SKILL_CODES } from '@shared/contracts/intake.contract';
import { BRANDS } from '@shared/domain/work-order';
import { describe, expect, it } from 'vitest';
import { requiredSkillsFor, SEED_CATEGORIES, SEED_CODES } from './fault-catalog-data';

describe('seeded fault catalog', () => {
  it('has the ten categories of DOMAIN.md, each complete', () => {
    expect(SEED_CATEGORIES.map((c) => c.code).sort()).toEqual([...FAULT_CATEGORY_CODES].sort());
    for (const c of SEED_CATEGORIES) {
      expect(c.standardMinutes).toBeGreaterThan(0);
      expect([1, 2, 3, 4]).toContain(c.difficulty);
      expect(c.likelyParts.length).toBeGreaterThan(0);
      for (const s of c.requiredSkills) expect(SKILL_CODES).toContain(s);
    }
  });

  it('has at least six real codes for each of Gree, Midea, Haier, Daikin, Hisense and AUX, no duplicates', () => {
    for (const brand of ['格力', '美的', '海尔', '大金', '海信', '奥克斯']) {
      expect(BRANDS).toContain(brand);
      expect(SEED_CODES.filter((c) => c.brand === brand).length, brand).toBeGreaterThanOrEqual(6);
    }
    const keys = SEED_CODES.map((c) => `${c.brand}/${c.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    const gree = new Map(SEED_CODES.filter((c) => c.brand === '格力').map((c) => [c.code, c.meaningEn]));
    expect(gree.get('E1')).toMatch(/high-pressure/i);
    expect(gree.get('E6')).toMatch(/communication/i);
    expect(gree.get('H6')).toMatch(/fan/i);
    const daikin = new Map(SEED_CODES.filter((c) => c.brand === '大金').map((c) => [c.code, c.meaningEn]));
    expect(daikin.get('U4')).toMatch(/communication/i);
    expect(daikin.get('L5')).toMatch(/overcurrent/i);
  });

  it('adds the unit type skill to the fault trades', () => {
    expect(requiredSkillsFor(['refrigerant'], 'cabinet')).toEqual(['cabinet', 'refrigerant']);
    expect(requiredSkillsFor(['electrical'], 'unknown')).toEqual(['electrical']);
    expect(requiredSkillsFor([], 'ceiling')).toEqual(['ducted']);
  });
});
