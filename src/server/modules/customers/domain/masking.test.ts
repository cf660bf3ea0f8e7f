import { ROLES, type Role } from '@shared/domain/roles';
import { describe, expect, it } from 'vitest';
import {
  addressLine,
  contactViewFor,
  HIDDEN_NAME,
  maskAddressDetail,
  maskContact,
  maskName,
  type PlainContact,
  ROLE_CONTACT_VIEW,
} from './masking';

const contact: PlainContact = {
  name: '王小明',
  nameMasked: '王**',
  phones: [
    { id: 'p1', masked: '138****1234', kind: 'mobile', isPrimary: true },
    { id: 'p2', masked: '020-****8888', kind: 'landline', isPrimary: false },
  ],
  addresses: [
    {
      id: 'a1',
      city: '广州市',
      district: '天河区',
      detail: '体育西路 101 号 1203 室',
      lat: 23.13,
      lng: 113.32,
      label: '家',
    },
  ],
};

const FULL_DETAIL = '体育西路 101 号 1203 室';

describe('maskContact: every role', () => {
  it('agent: full name, masked phones, full address', () => {
    const m = maskContact(['agent'], contact);
    expect(m).toEqual({
      name: '王小明',
      nameMasked: '王**',
      nameFull: true,
      phones: [
        { id: 'p1', masked: '138****1234', kind: 'mobile', isPrimary: true },
        { id: 'p2', masked: '020-****8888', kind: 'landline', isPrimary: false },
      ],
      addresses: [
        {
          id: 'a1',
          city: '广州市',
          district: '天河区',
          detail: FULL_DETAIL,
          detailFull: true,
          lat: 23.13,
          lng: 113.32,
          label: '家',
        },
      ],
    });
  });

  for (const role of ['dispatcher', 'head', 'manager', 'finance'] as const) {
    it(`${role}: masked name, masked phones, district and map point only`, () => {
      const m = maskContact([role], contact);
      expect(m.name).toBe('王**');
      expect(m.nameFull).toBe(false);
      expect(m.phones.map((p) => p.masked)).toEqual(['138****1234', '020-****8888']);
      expect(m.addresses).toEqual([
        {
          id: 'a1',
          city: '广州市',
          district: '天河区',
          detail: '天河区****',
          detailFull: false,
          lat: 23.13,
          lng: 113.32,
          label: '家',
        },
      ]);
      expect(JSON.stringify(m)).not.toContain('体育西路');
    });
  }

  it('technician (until the own-jobs window of dispatch): masked name, no phone, no address', () => {
    const m = maskContact(['technician'], contact);
    expect(m).toEqual({ name: '王**', nameMasked: '王**', nameFull: false, phones: [], addresses: [] });
  });

  for (const role of ['warehouse', 'admin', 'auditor'] as const) {
    it(`${role}: nothing`, () => {
      const m = maskContact([role], contact);
      expect(m).toEqual({ name: HIDDEN_NAME, nameMasked: HIDDEN_NAME, nameFull: false, phones: [], addresses: [] });
    });
  }

  it('no actor (the system) or no roles: nothing', () => {
    for (const roles of [null, undefined, [] as Role[]]) {
      expect(maskContact(roles, contact)).toEqual({
        name: HIDDEN_NAME,
        nameMasked: HIDDEN_NAME,
        nameFull: false,
        phones: [],
        addresses: [],
      });
    }
  });

  it('several roles: the widest view per field', () => {
    expect(contactViewFor(['warehouse', 'dispatcher'])).toEqual({
      name: 'masked',
      phone: 'masked',
      address: 'district',
    });
    expect(contactViewFor(['head', 'agent'])).toEqual({ name: 'full', phone: 'masked', address: 'full' });
    expect(contactViewFor(['technician', 'admin'])).toEqual({ name: 'masked', phone: 'hidden', address: 'hidden' });
  });

  it('no role ever sees a full phone here (only stored masks go in)', () => {
    for (const role of ROLES) {
      expect(ROLE_CONTACT_VIEW[role].phone).not.toBe('full');
      const m = maskContact([role], contact);
      for (const p of m.phones) expect(p.masked).toMatch(/\*{3,}/);
    }
  });

  it('only the agent sees the street address or the full name', () => {
    for (const role of ROLES) {
      const m = maskContact([role], contact);
      expect(JSON.stringify(m).includes('体育西路')).toBe(role === 'agent');
      expect(m.name === '王小明').toBe(role === 'agent');
    }
  });
});

describe('masks', () => {
  it('maskName keeps the surname only, and leaves a bare title alone', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('王五')).toBe('王*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('诸葛孔明先生')).toBe('诸***');
    expect(maskName('王先生')).toBe('王先生');
    expect(maskName('李女士')).toBe('李女士');
    expect(maskName('  张三 ')).toBe('张*');
    expect(maskName('John Smith')).toBe('J***');
    expect(maskName('王')).toBe('王*');
    expect(maskName('')).toBe(HIDDEN_NAME);
  });

  it('maskAddressDetail and addressLine', () => {
    expect(maskAddressDetail('天河区')).toBe('天河区****');
    const a = { city: '广州市', district: '天河区', detail: '体育西路 1 号' };
    expect(addressLine('full', a)).toBe('广州市天河区体育西路 1 号');
    expect(addressLine('district', a)).toBe('广州市天河区****');
    expect(addressLine('hidden', a)).toBeNull();
  });
});
