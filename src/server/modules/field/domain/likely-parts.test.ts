import { describe, expect, it } from 'vitest';
import { vanHolds } from './likely-parts';

describe('likely parts in the van', () => {
  it('matches a catalog name against the part names of the van', () => {
    expect(vanHolds('压缩机电容', '压缩机启动电容')).toBe(true);
    expect(vanHolds('冷媒', 'R32 冷媒')).toBe(true);
    expect(vanHolds('室外风机电容', '风机电容')).toBe(false);
    expect(vanHolds('感温包', '管温传感器')).toBe(false);
    expect(vanHolds('pcb', '变频主控板 PCB')).toBe(true);
    expect(vanHolds('  ', '任何配件')).toBe(false);
  });
});
