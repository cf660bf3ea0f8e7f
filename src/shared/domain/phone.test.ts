import { describe, expect, it } from 'vitest';
import { maskPhone, parsePhone } from './phone';

describe('parsePhone', () => {
  it.each([
    ['13812345678', 'mobile', '13812345678'],
    ['138 1234 5678', 'mobile', '13812345678'],
    ['+8613812345678', 'mobile', '13812345678'],
    ['19912345678', 'mobile', '19912345678'],
    ['020-38881234', 'landline', '020-38881234'],
    ['02038881234', 'landline', '020-38881234'],
    ['0755-8888123', 'landline', '0755-8888123'],
    ['0757-88881234', 'landline', '0757-88881234'],
  ])('accepts %s', (input, kind, normalised) => {
    expect(parsePhone(input)).toEqual({ kind, normalised });
  });
  it.each(['12812345678', '1381234567', '138123456789', '38881234', '020-3888123', 'abc', '', '+1 415 555 0100'])(
    'rejects %s',
    (input) => {
      expect(parsePhone(input)).toBeNull();
    },
  );
  it('masks', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('020-38881234')).toBe('020-****1234');
  });
});
