import { describe, expect, it } from 'vitest';
import {
  type CatalogCategory,
  checkConsent,
  checkDiagnosis,
  checkHandover,
  checkRepairParts,
  checkSafety,
  checkSiteCleaned,
  checkSkipReason,
  checkTests,
  type TestsInput,
} from './step-rules';

const paths = (issues: { path: string; code: string }[]) => issues.map((i) => `${i.path}:${i.code}`);

describe('the safety checklist', () => {
  const base = { powerIsolated: true, workAtHeight: false, refrigerantWork: false };

  it('passes with the power isolated and nothing else to do', () => {
    expect(checkSafety(base, null)).toEqual([]);
  });

  it('needs the power isolated', () => {
    expect(paths(checkSafety({ ...base, powerIsolated: false }, null))).toEqual(['powerIsolated:must_confirm']);
  });

  it('needs the ladder / harness secured for work at height', () => {
    expect(paths(checkSafety({ ...base, workAtHeight: true }, null))).toEqual(['heightSecured:must_confirm']);
    expect(checkSafety({ ...base, workAtHeight: true, heightSecured: true }, null)).toEqual([]);
  });

  it('refrigerant work names the refrigerant (the unit’s) and confirms the precautions; R290 also ventilation', () => {
    expect(paths(checkSafety({ ...base, refrigerantWork: true }, null))).toEqual([
      'refrigerant:required',
      'refrigerantPrecautions:must_confirm',
    ]);
    expect(
      checkSafety({ ...base, refrigerantWork: true, refrigerant: 'R32', refrigerantPrecautions: true }, 'R32'),
    ).toEqual([]);
    expect(
      paths(checkSafety({ ...base, refrigerantWork: true, refrigerant: 'R22', refrigerantPrecautions: true }, 'R410A')),
    ).toEqual(['refrigerant:mismatch']);
    expect(
      paths(
        checkSafety({ ...base, refrigerantWork: true, refrigerant: 'R290', refrigerantPrecautions: true }, 'unknown'),
      ),
    ).toEqual(['ventilated:must_confirm']);
    expect(
      checkSafety(
        { ...base, refrigerantWork: true, refrigerant: 'R290', refrigerantPrecautions: true, ventilated: true },
        null,
      ),
    ).toEqual([]);
  });
});

describe('the diagnosis', () => {
  const catalog: CatalogCategory[] = [
    {
      code: 'no_cooling',
      active: true,
      complexity: 'complex',
      standardMinutes: 120,
      difficulty: 3,
      codes: [
        {
          id: 'c-e1',
          brand: '格力',
          code: 'E1',
          categoryCode: 'no_cooling',
          complexity: 'simple',
          standardMinutes: 45,
        },
      ],
    },
    { code: 'leaking', active: true, complexity: 'simple', standardMinutes: 60, difficulty: 1, codes: [] },
    { code: 'error_code', active: true, complexity: 'simple', standardMinutes: 60, difficulty: 2, codes: [] },
    { code: 'smell', active: false, complexity: 'simple', standardMinutes: 30, difficulty: 1, codes: [] },
  ];
  const finish = new Date('2026-07-15T08:00:00Z');

  it('takes complexity, time and tier from the category', () => {
    expect(
      checkDiagnosis({ faultCategory: 'no_cooling', cause: '冷媒泄漏，压力偏低', expectedFinishAt: finish }, catalog),
    ).toEqual({
      ok: true,
      value: {
        faultCategory: 'no_cooling',
        faultCodeId: null,
        faultCode: null,
        complexity: 'complex',
        standardMinutes: 120,
        difficulty: 3,
      },
    });
  });

  it('a brand code of the category overrides complexity and time', () => {
    const r = checkDiagnosis({ faultCategory: 'no_cooling', faultCodeId: 'c-e1', cause: '高压保护动作' }, catalog);
    expect(r).toMatchObject({ ok: true, value: { faultCode: '格力 E1', complexity: 'simple', standardMinutes: 45 } });
  });

  it('needs a category of the catalog, a code of that category, a cause; the error-code category needs a code', () => {
    expect(checkDiagnosis({ faultCategory: 'smell', cause: '异味来源' }, catalog)).toMatchObject({
      ok: false,
      issues: [{ path: 'faultCategory', code: 'not_found' }],
    });
    const bad = checkDiagnosis({ faultCategory: 'leaking', faultCodeId: 'c-e1', cause: '短' }, catalog);
    expect(bad.ok ? [] : paths(bad.issues)).toEqual(['faultCodeId:other_category', 'cause:too_short']);
    const unknown = checkDiagnosis({ faultCategory: 'leaking', faultCodeId: 'nope', cause: '排水管堵塞' }, catalog);
    expect(unknown.ok ? [] : paths(unknown.issues)).toEqual(['faultCodeId:not_found']);
    const noCode = checkDiagnosis({ faultCategory: 'error_code', cause: '显示故障代码' }, catalog);
    expect(noCode.ok ? [] : paths(noCode.issues)).toEqual(['faultCodeId:required']);
  });

  it('a complex fault needs the expected finish; a simple one has its time limit instead', () => {
    const complex = checkDiagnosis({ faultCategory: 'no_cooling', cause: '压缩机不启动' }, catalog);
    expect(complex.ok ? [] : paths(complex.issues)).toEqual(['expectedFinishAt:required']);
    const simple = checkDiagnosis({ faultCategory: 'leaking', cause: '排水管堵塞', expectedFinishAt: finish }, catalog);
    expect(simple.ok ? [] : paths(simple.issues)).toEqual(['expectedFinishAt:not_allowed']);
  });
});

describe('consent', () => {
  const base = { currentQuoteVersion: 2, quoteVersion: 2, nonDesignatedPartIds: [], acceptedNonDesignated: [] };

  it('is given to the current quote', () => {
    expect(checkConsent(base)).toBeNull();
    expect(checkConsent({ ...base, quoteVersion: 1 })).toMatchObject({
      reason: 'quote_changed',
      details: { currentQuoteVersion: 2 },
    });
    expect(checkConsent({ ...base, currentQuoteVersion: null })).toMatchObject({ reason: 'no_quote' });
  });

  it('names every non-designated part explicitly, and nothing else', () => {
    const nd = { ...base, nonDesignatedPartIds: ['p1', 'p2'] };
    expect(checkConsent({ ...nd, acceptedNonDesignated: ['p1'] })).toMatchObject({
      reason: 'non_designated_consent_required',
      details: { missing: ['p2'], extra: [] },
    });
    expect(checkConsent({ ...nd, acceptedNonDesignated: ['p2', 'p1'] })).toBeNull();
    expect(checkConsent({ ...base, acceptedNonDesignated: ['p9'] })).toMatchObject({
      details: { missing: [], extra: ['p9'] },
    });
  });
});

describe('parts fitted in the repair', () => {
  const agreed = new Map([
    ['cap', 2],
    ['pcb', 1],
  ]);
  const facts = new Map([
    ['cap', { valuable: false }],
    ['pcb', { valuable: true }],
  ]);

  it('only what the customer agreed to, counting earlier visits', () => {
    const ok = checkRepairParts({
      used: [{ partId: 'cap', quantity: 2, oldPartReturn: true }],
      agreed,
      alreadyUsed: new Map(),
      facts,
    });
    expect(ok).toEqual({ issues: [], rule: null });
    const over = checkRepairParts({
      used: [
        { partId: 'cap', quantity: 1, oldPartReturn: false },
        { partId: 'fan', quantity: 1, oldPartReturn: false },
      ],
      agreed,
      alreadyUsed: new Map([['cap', 2]]),
      facts,
    });
    expect(over.rule).toMatchObject({
      reason: 'part_not_agreed',
      details: {
        parts: [
          { partId: 'cap', agreed: 0, requested: 1 },
          { partId: 'fan', agreed: 0, requested: 1 },
        ],
      },
    });
  });

  it('one serial per unit for valuable parts, none for others, no duplicates', () => {
    const r = checkRepairParts({
      used: [
        { partId: 'pcb', quantity: 1, oldPartReturn: true },
        { partId: 'cap', quantity: 1, serials: ['X1'], oldPartReturn: false },
      ],
      agreed,
      alreadyUsed: new Map(),
      facts,
    });
    expect(paths(r.issues)).toEqual(['parts.0.serials:serial_count', 'parts.1.serials:not_allowed']);
    const dup = checkRepairParts({
      used: [
        { partId: 'cap', quantity: 1, oldPartReturn: false },
        { partId: 'cap', quantity: 1, oldPartReturn: false },
      ],
      agreed,
      alreadyUsed: new Map(),
      facts,
    });
    expect(paths(dup.issues)).toEqual(['parts.1.partId:duplicate']);
    const twoSerials = checkRepairParts({
      used: [{ partId: 'pcb', quantity: 1, serials: ['SN1'], oldPartReturn: true }],
      agreed,
      alreadyUsed: new Map(),
      facts,
    });
    expect(twoSerials).toEqual({ issues: [], rule: null });
  });
});

describe('the tests after the repair', () => {
  const cooling: TestsInput = {
    mode: 'cooling',
    readings: { inletTemp: 27, outletTemp: 13, pressureMpa: 0.9, currentA: 5.2, noiseDb: 42 },
    noLeaks: true,
    remoteOk: true,
    noiseOk: true,
  };

  it('pass with plausible readings and a working unit', () => {
    expect(checkTests(cooling)).toEqual({ issues: [], rule: null });
    const heating: TestsInput = {
      ...cooling,
      mode: 'heating',
      readings: { inletTemp: 18, outletTemp: 42, pressureMpa: 2.6, currentA: 6.1 },
    };
    expect(checkTests(heating)).toEqual({ issues: [], rule: null });
  });

  it('refuse missing required readings and implausible ones (typing errors)', () => {
    const r = checkTests({ ...cooling, readings: { inletTemp: 27, outletTemp: 13, pressureMpa: 9, noiseDb: 5 } });
    expect(paths(r.issues)).toEqual([
      'readings.pressureMpa:implausible',
      'readings.currentA:required',
      'readings.noiseDb:implausible',
    ]);
    expect(r.rule).toBeNull();
  });

  it('fail when the unit does not work: too little temperature change, leaks, remote, noise', () => {
    const r = checkTests({
      ...cooling,
      readings: { ...cooling.readings, outletTemp: 22 },
      noLeaks: false,
      remoteOk: false,
      noiseOk: false,
    });
    expect(r.issues).toEqual([]);
    expect(r.rule).toMatchObject({
      reason: 'tests_failed',
      details: { failures: ['temperature_difference', 'leaks', 'remote', 'noise'], deltaT: 5, minDeltaT: 8 },
    });
  });
});

describe('handover, site, skips', () => {
  it('the customer is shown how to use the unit; advice is kept', () => {
    expect(checkHandover({ shownHowToUse: true, advice: ['室外机支架锈蚀，建议更换'] })).toEqual([]);
    expect(paths(checkHandover({ shownHowToUse: false, advice: ['x'] }))).toEqual([
      'shownHowToUse:must_confirm',
      'advice.0:too_short',
    ]);
  });

  it('the site is cleaned and the old parts and tools put away', () => {
    expect(checkSiteCleaned({ cleaned: true, oldPartsPacked: true })).toEqual([]);
    expect(paths(checkSiteCleaned({ cleaned: false, oldPartsPacked: false }))).toEqual([
      'cleaned:must_confirm',
      'oldPartsPacked:must_confirm',
    ]);
  });

  it('a skip needs a reason of at least 4 characters', () => {
    expect(checkSkipReason('客户不在家，由物业陪同')).toBeNull();
    expect(checkSkipReason(' 无 ')).toMatchObject({ path: 'reason', code: 'too_short' });
  });
});
