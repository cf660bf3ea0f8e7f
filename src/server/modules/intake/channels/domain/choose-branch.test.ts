import { describe, expect, it } from 'vitest';
import { type BranchChoice, chooseBranch } from './choose-branch';

const th: BranchChoice = { id: 'th', code: 'GZ-TH', name: '广州天河服务网点', active: true };
const hz: BranchChoice = { id: 'hz', code: 'GZ-HZ', name: '广州海珠服务网点', active: true };
const py: BranchChoice = { id: 'py', code: 'GZ-PY', name: '广州番禺服务网点', active: true };

describe('chooseBranch', () => {
  it('follows the district mapping', () => {
    expect(chooseBranch('天河区', [hz, th])).toBe('th');
    expect(chooseBranch('越秀区', [hz, th])).toBe('th');
    expect(chooseBranch('海珠区', [th, hz])).toBe('hz');
    expect(chooseBranch('番禺区', [th, hz])).toBe('hz');
    expect(chooseBranch(' 荔湾区 ', [th, hz])).toBe('hz');
  });

  it('skips an inactive mapped branch, then prefers a branch named after the district', () => {
    expect(chooseBranch('海珠区', [th, { ...hz, active: false }])).toBe('th');
    expect(chooseBranch('番禺区', [th, hz, py], {})).toBe('py');
    expect(chooseBranch('番禺区', [th, hz, { ...py, active: false }], {})).toBe('th');
  });

  it('falls back to the first active branch; null when none is active', () => {
    expect(chooseBranch('福田区', [hz, th])).toBe('hz');
    expect(chooseBranch('', [{ ...th, active: false }, hz])).toBe('hz');
    expect(
      chooseBranch('天河区', [
        { ...th, active: false },
        { ...hz, active: false },
      ]),
    ).toBeNull();
    expect(chooseBranch('天河区', [])).toBeNull();
  });

  it('takes a custom mapping', () => {
    expect(chooseBranch('天河区', [th, hz], { 天河区: 'GZ-HZ' })).toBe('hz');
  });
});
