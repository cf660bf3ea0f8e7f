import { describe, expect, it } from 'vitest';
import { appointmentMinutes, requiredCertificates, requiredLevel, skillNeeds } from './requirements';

describe('requiredLevel', () => {
  it('follows the difficulty tier: 1–2 junior, 3 intermediate, 4 senior', () => {
    expect(requiredLevel(1, 'split_wall')).toBe(1);
    expect(requiredLevel(2, 'electrical')).toBe(1);
    expect(requiredLevel(3, 'refrigerant')).toBe(2);
    expect(requiredLevel(4, 'pcb')).toBe(3);
  });

  it('asks at least intermediate for VRF systems, whatever the tier', () => {
    expect(requiredLevel(1, 'vrf')).toBe(2);
    expect(requiredLevel(2, 'vrf')).toBe(2);
    expect(requiredLevel(3, 'vrf')).toBe(2);
    expect(requiredLevel(4, 'vrf')).toBe(3);
  });
});

describe('skillNeeds', () => {
  it('one need per distinct skill, at the tier’s level', () => {
    expect(skillNeeds(['split_wall', 'refrigerant', 'split_wall'], 3)).toEqual([
      { skill: 'split_wall', level: 2 },
      { skill: 'refrigerant', level: 2 },
    ]);
    expect(skillNeeds(['vrf', 'electrical'], 1)).toEqual([
      { skill: 'vrf', level: 2 },
      { skill: 'electrical', level: 1 },
    ]);
    expect(skillNeeds([], 4)).toEqual([]);
  });
});

describe('requiredCertificates', () => {
  it('refrigerant work needs the refrigeration certificate, work at height the height certificate', () => {
    expect(requiredCertificates(['refrigerant'])).toEqual(['refrigeration']);
    expect(requiredCertificates(['high_work'])).toEqual(['height']);
    expect(requiredCertificates(['high_work', 'split_wall', 'refrigerant', 'refrigerant'])).toEqual([
      'height',
      'refrigeration',
    ]);
  });

  it('no other skill needs a certificate for assignment (the electrician certificate is only alerted)', () => {
    expect(
      requiredCertificates(['split_wall', 'cabinet', 'ducted', 'vrf', 'electrical', 'pcb', 'installation']),
    ).toEqual([]);
  });
});

describe('appointmentMinutes', () => {
  it('rounds the standard time up to half hours, at least an hour', () => {
    expect(appointmentMinutes(0)).toBe(60);
    expect(appointmentMinutes(20)).toBe(60);
    expect(appointmentMinutes(60)).toBe(60);
    expect(appointmentMinutes(61)).toBe(90);
    expect(appointmentMinutes(90)).toBe(90);
    expect(appointmentMinutes(91)).toBe(120);
    expect(appointmentMinutes(120)).toBe(120);
    expect(appointmentMinutes(135)).toBe(150);
  });
});
