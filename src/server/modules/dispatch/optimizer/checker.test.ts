import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../../../../bench/solomon/checker';
import { parseSolomon, type SolomonInstance } from '../../../../../bench/solomon/parse';

const text = `TINY

VEHICLE
NUMBER     CAPACITY
  2         20

CUSTOMER
CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME

    0       0         0          0          0        100          0
    1       3         4         10          0         10          1
    2       6         8          5         10         30          1
    3       0        10          8          0         50          2
`;

describe('Solomon parser and independent checker', () => {
  const inst: SolomonInstance = parseSolomon(text);

  it('parses the file', () => {
    expect(inst.name).toBe('TINY');
    expect(inst.vehicles).toBe(2);
    expect(inst.capacity).toBe(20);
    expect(inst.depot).toMatchObject({ id: 0, due: 100 });
    expect(inst.customers.map((c) => c.id)).toEqual([1, 2, 3]);
    expect(inst.customers[1]).toMatchObject({ x: 6, y: 8, demand: 5, ready: 10, due: 30, service: 1 });
  });

  it('accepts a valid plan and recomputes its distance (waiting when early)', () => {
    const res = checkPlan(inst, [[1, 2], [3]]);
    expect(res.errors).toEqual([]);
    expect(res.ok).toBe(true);
    expect(res.vehicles).toBe(2);
    expect(res.distance).toBeCloseTo(5 + 5 + 10 + 10 + 10, 9);
  });

  it('rejects a duplicate customer', () => {
    const res = checkPlan(inst, [
      [1, 2],
      [3, 1],
    ]);
    expect(res.ok).toBe(false);
    expect(res.errors.join()).toMatch(/customer 1 visited 2 times/);
  });

  it('rejects a missing customer', () => {
    const res = checkPlan(inst, [[1, 2]]);
    expect(res.ok).toBe(false);
    expect(res.errors.join()).toMatch(/customer 3 not visited/);
  });

  it('rejects a capacity overflow', () => {
    const res = checkPlan(inst, [[1, 2, 3]]);
    expect(res.ok).toBe(false);
    expect(res.errors.join()).toMatch(/exceeds capacity/);
  });

  it('rejects a time-window violation', () => {
    // 2 first: arrive 10, serve until 11, then 1 at 11 + 5 = 16 > due 10
    const res = checkPlan(inst, [[2, 1], [3]]);
    expect(res.ok).toBe(false);
    expect(res.errors.join()).toMatch(/customer 1 starts at 16\.000 after due 10/);
  });

  it('rejects a late return to the depot', () => {
    const late = parseSolomon(text.replace('0        100          0', '0         20          0'));
    const res = checkPlan(late, [[1, 2], [3]]);
    expect(res.ok).toBe(false);
    expect(res.errors.join()).toMatch(/returns at .* after depot closes 20/);
  });

  it('rejects unknown customers and too many vehicles', () => {
    expect(checkPlan(inst, [[1], [2], [3]]).errors.join()).toMatch(/3 vehicles used/);
    expect(checkPlan(inst, [[1, 2, 9], [3]]).errors.join()).toMatch(/unknown customer 9/);
  });
});
