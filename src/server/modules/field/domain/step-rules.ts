import {
  READING_NAMES,
  READING_SPECS,
  type ReadingName,
  type SiteRefrigerant,
  type TestMode,
} from '@shared/domain/field';
import { type Checked, type Issue, issue, type RuleBreak, ruleBreak } from './issues';

// What each step needs (policy ch. 4): pure checks of a step's data. Each returns the field issues (400) or the
// rule broken (422), never throws.

// ---------- safety ----------

export interface SafetyInput {
  powerIsolated: boolean;
  workAtHeight: boolean;
  heightSecured?: boolean | undefined;
  refrigerantWork: boolean;
  refrigerant?: SiteRefrigerant | undefined;
  refrigerantPrecautions?: boolean | undefined;
  ventilated?: boolean | undefined;
}

/**
 * The safety checklist (安全操作规程): power isolated before work; a secured ladder / harness when working at height;
 * for refrigerant work the refrigerant named (the unit's, when on file) with its handling precautions taken, and for
 * R290 (flammable) a ventilated area without ignition sources.
 */
export function checkSafety(input: SafetyInput, unitRefrigerant: string | null): Issue[] {
  const out: Issue[] = [];
  if (!input.powerIsolated) {
    out.push(issue('powerIsolated', 'must_confirm', '作业前须断电并确认', 'Isolate the power before work'));
  }
  if (input.workAtHeight && input.heightSecured !== true) {
    out.push(
      issue(
        'heightSecured',
        'must_confirm',
        '高处作业须确认梯子/安全带已固定',
        'Secure the ladder / harness for work at height',
      ),
    );
  }
  if (input.refrigerantWork) {
    if (!input.refrigerant) {
      out.push(issue('refrigerant', 'required', '涉及冷媒作业须注明冷媒类型', 'Name the refrigerant handled'));
    } else if (unitRefrigerant && unitRefrigerant !== 'unknown' && unitRefrigerant !== input.refrigerant) {
      out.push(
        issue(
          'refrigerant',
          'mismatch',
          `该空调登记的冷媒为 ${unitRefrigerant}，请核对`,
          `The unit is registered with ${unitRefrigerant}; check the refrigerant`,
        ),
      );
    }
    if (input.refrigerantPrecautions !== true) {
      out.push(
        issue(
          'refrigerantPrecautions',
          'must_confirm',
          '须确认冷媒作业防护措施（手套、护目镜、回收设备）',
          'Confirm the refrigerant precautions (gloves, goggles, recovery equipment)',
        ),
      );
    }
    if (input.refrigerant === 'R290' && input.ventilated !== true) {
      out.push(
        issue(
          'ventilated',
          'must_confirm',
          'R290 为可燃冷媒：须保持通风并远离火源',
          'R290 is flammable: ventilate and keep ignition sources away',
        ),
      );
    }
  }
  return out;
}

// ---------- diagnosis ----------

export interface CatalogCode {
  id: string;
  brand: string;
  code: string;
  categoryCode: string;
  complexity: 'simple' | 'complex';
  standardMinutes: number;
}

export interface CatalogCategory {
  code: string;
  active: boolean;
  complexity: 'simple' | 'complex';
  standardMinutes: number;
  difficulty: number;
  codes: readonly CatalogCode[];
}

export interface DiagnosisInput {
  faultCategory: string;
  faultCodeId?: string | undefined;
  cause: string;
  expectedFinishAt?: Date | undefined;
}

export interface Diagnosed {
  faultCategory: string;
  faultCodeId: string | null;
  faultCode: string | null;
  complexity: 'simple' | 'complex';
  standardMinutes: number;
  difficulty: number;
}

/**
 * The diagnosis: a category of the catalog (active), a brand code of that category when one is named (the error
 * code category needs one), and the cause in words. Complexity, standard time and tier follow the code, else the
 * category. A complex fault states the expected finish told to the customer; a simple one has its set time limit.
 */
export function checkDiagnosis(input: DiagnosisInput, catalog: readonly CatalogCategory[]): Checked<Diagnosed> {
  const out: Issue[] = [];
  const category = catalog.find((c) => c.code === input.faultCategory);
  if (!category?.active) {
    out.push(issue('faultCategory', 'not_found', '故障类别不在故障知识库中', 'No such fault category in the catalog'));
    return { ok: false, issues: out };
  }
  let code: CatalogCode | null = null;
  if (input.faultCodeId) {
    code = catalog.flatMap((c) => c.codes).find((c) => c.id === input.faultCodeId) ?? null;
    if (!code) {
      out.push(issue('faultCodeId', 'not_found', '故障代码不在故障知识库中', 'No such fault code in the catalog'));
    } else if (code.categoryCode !== category.code) {
      out.push(
        issue('faultCodeId', 'other_category', '故障代码不属于所选故障类别', 'The code belongs to another category'),
      );
    }
  } else if (category.code === 'error_code') {
    out.push(issue('faultCodeId', 'required', '请选择故障代码', 'Choose the error code'));
  }
  if (input.cause.trim().length < 4) {
    out.push(
      issue('cause', 'too_short', '请说明故障原因（至少 4 个字）', 'Describe the cause (at least 4 characters)'),
    );
  }
  const complexity = code?.complexity ?? category.complexity;
  if (complexity === 'complex' && !input.expectedFinishAt) {
    out.push(
      issue(
        'expectedFinishAt',
        'required',
        '复杂故障须告知客户预计完成时间',
        'A complex fault needs the expected finish told to the customer',
      ),
    );
  }
  if (complexity === 'simple' && input.expectedFinishAt) {
    out.push(
      issue(
        'expectedFinishAt',
        'not_allowed',
        '简单故障按规定时限完成，无需另填预计时间',
        'A simple fault has the set time limit; no expected finish is given',
      ),
    );
  }
  if (out.length) return { ok: false, issues: out };
  return {
    ok: true,
    value: {
      faultCategory: category.code,
      faultCodeId: code?.id ?? null,
      faultCode: code ? `${code.brand} ${code.code}` : null,
      complexity,
      standardMinutes: code?.standardMinutes ?? category.standardMinutes,
      difficulty: category.difficulty,
    },
  };
}

// ---------- consent ----------

export interface ConsentCheckInput {
  /** The quote the customer is shown now; null when there is none yet. */
  currentQuoteVersion: number | null;
  quoteVersion: number;
  /** The non-designated parts of the current quote. */
  nonDesignatedPartIds: readonly string[];
  /** The non-designated parts the customer explicitly accepted (shown the price difference and warranty terms). */
  acceptedNonDesignated: readonly string[];
}

/**
 * The customer agrees to the current quote (never to an older version), and explicitly to each part that is not
 * the company's designated one.
 */
export function checkConsent(input: ConsentCheckInput): RuleBreak | null {
  if (input.currentQuoteVersion === null) {
    return ruleBreak('no_quote', '还没有维修方案和报价', 'There is no plan and quote yet');
  }
  if (input.quoteVersion !== input.currentQuoteVersion) {
    return ruleBreak(
      'quote_changed',
      '报价已更新，请让客户确认最新的报价',
      'The quote changed: the customer must agree to the latest one',
      { currentQuoteVersion: input.currentQuoteVersion },
    );
  }
  const accepted = new Set(input.acceptedNonDesignated);
  const missing = input.nonDesignatedPartIds.filter((id) => !accepted.has(id));
  const extra = [...accepted].filter((id) => !input.nonDesignatedPartIds.includes(id));
  if (missing.length || extra.length) {
    return ruleBreak(
      'non_designated_consent_required',
      '非公司指定配件须客户逐项确认（已告知差价和质保条款）',
      'Each non-designated part needs the customer’s explicit consent (shown the price difference and warranty terms)',
      { missing, extra },
    );
  }
  return null;
}

// ---------- repair ----------

export interface UsedPart {
  partId: string;
  quantity: number;
  serials?: readonly string[] | undefined;
  oldPartReturn: boolean;
}

export interface PartFacts {
  /** Needs a serial per unit: serial-tracked, or standard cost above the valuable threshold. */
  valuable: boolean;
}

/**
 * Parts fitted on the job: only what the customer agreed to (part and quantity, counting what earlier visits of the
 * order already fitted); one serial per unit for valuable parts (none for others); whether the old part is kept
 * for return is stated for each line.
 */
export function checkRepairParts(input: {
  used: readonly UsedPart[];
  agreed: ReadonlyMap<string, number>;
  alreadyUsed: ReadonlyMap<string, number>;
  facts: ReadonlyMap<string, PartFacts>;
}): { issues: Issue[]; rule: RuleBreak | null } {
  const issues: Issue[] = [];
  const over: { partId: string; agreed: number; requested: number }[] = [];
  const seen = new Set<string>();
  input.used.forEach((u, i) => {
    const path = `parts.${i}`;
    if (seen.has(u.partId))
      issues.push(issue(`${path}.partId`, 'duplicate', '同一配件请合并为一行', 'One line per part'));
    seen.add(u.partId);
    const agreed = input.agreed.get(u.partId) ?? 0;
    const before = input.alreadyUsed.get(u.partId) ?? 0;
    if (before + u.quantity > agreed) over.push({ partId: u.partId, agreed: agreed - before, requested: u.quantity });
    const facts = input.facts.get(u.partId);
    const serials = u.serials ?? [];
    if (facts?.valuable) {
      if (serials.length !== u.quantity) {
        issues.push(
          issue(
            `${path}.serials`,
            'serial_count',
            '贵重配件须逐件登记序列号',
            'A valuable part needs one serial per unit',
          ),
        );
      } else if (new Set(serials.map((s) => s.toUpperCase())).size !== serials.length) {
        issues.push(issue(`${path}.serials`, 'duplicate', '序列号重复', 'A serial is listed twice'));
      }
    } else if (serials.length) {
      issues.push(issue(`${path}.serials`, 'not_allowed', '该配件无需登记序列号', 'This part takes no serials'));
    }
  });
  const rule = over.length
    ? ruleBreak(
        'part_not_agreed',
        '所用配件超出客户确认的方案：请更新报价并重新取得客户同意',
        'These parts go beyond the plan the customer agreed to: update the quote and get consent again',
        { parts: over },
      )
    : null;
  return { issues, rule };
}

// ---------- tests ----------

export interface TestsInput {
  mode: TestMode;
  readings: Partial<Record<ReadingName, number>>;
  noLeaks: boolean;
  remoteOk: boolean;
  noiseOk: boolean;
}

/** The minimum air temperature change of a working unit: cooling in − out, heating out − in (°C). */
export const MIN_DELTA_T: Record<TestMode, number> = { cooling: 8, heating: 15 };

/**
 * The tests after the repair (全面测试): the required readings for the mode, each in its plausible range (outside
 * = a typing error); then the unit must work: enough temperature change, no leaks, the remote works, no abnormal
 * noise. A failed test is refused (`tests_failed`) — the technician fixes and tests again.
 */
export function checkTests(input: TestsInput): { issues: Issue[]; rule: RuleBreak | null } {
  const issues: Issue[] = [];
  for (const name of READING_NAMES) {
    const spec = READING_SPECS[name];
    const value = input.readings[name];
    const path = `readings.${name}`;
    if (value === undefined) {
      if (spec.required)
        issues.push(issue(path, 'required', `请填写${spec.label['zh-CN']}`, `${spec.label['en-US']} is required`));
      continue;
    }
    const { min, max } = spec.range[input.mode];
    if (!Number.isFinite(value) || value < min || value > max) {
      issues.push(
        issue(
          path,
          'implausible',
          `${spec.label['zh-CN']}应在 ${min}–${max} ${spec.unit} 之间，请核对`,
          `${spec.label['en-US']} should be between ${min} and ${max} ${spec.unit}; check the reading`,
        ),
      );
    }
  }
  if (issues.length) return { issues, rule: null };
  const failures: string[] = [];
  const inlet = input.readings.inletTemp as number;
  const outlet = input.readings.outletTemp as number;
  const delta = input.mode === 'cooling' ? inlet - outlet : outlet - inlet;
  if (delta < MIN_DELTA_T[input.mode]) failures.push('temperature_difference');
  if (!input.noLeaks) failures.push('leaks');
  if (!input.remoteOk) failures.push('remote');
  if (!input.noiseOk) failures.push('noise');
  const rule = failures.length
    ? ruleBreak(
        'tests_failed',
        '测试未通过，请排除问题后重新测试',
        'The tests did not pass: fix the problem and test again',
        { failures, deltaT: Math.round(delta * 10) / 10, minDeltaT: MIN_DELTA_T[input.mode] },
      )
    : null;
  return { issues, rule };
}

// ---------- handover, site, signatures ----------

/** The customer is shown how to use the unit (演示使用方法); other problems found are recorded as advice. */
export function checkHandover(input: { shownHowToUse: boolean; advice: readonly string[] }): Issue[] {
  const out: Issue[] = [];
  if (!input.shownHowToUse) {
    out.push(
      issue(
        'shownHowToUse',
        'must_confirm',
        '须向客户演示正确的使用方法和注意事项',
        'Show the customer how to use the unit',
      ),
    );
  }
  input.advice.forEach((a, i) => {
    if (a.trim().length < 2) out.push(issue(`advice.${i}`, 'too_short', '建议内容太短', 'Too short'));
  });
  return out;
}

/** The site is cleaned and the replaced parts and tools are put away (清理现场). */
export function checkSiteCleaned(input: { cleaned: boolean; oldPartsPacked: boolean }): Issue[] {
  const out: Issue[] = [];
  if (!input.cleaned) out.push(issue('cleaned', 'must_confirm', '须清理现场', 'Clean the site'));
  if (!input.oldPartsPacked) {
    out.push(
      issue(
        'oldPartsPacked',
        'must_confirm',
        '须整理好更换下来的零部件和工具',
        'Put the replaced parts and tools away',
      ),
    );
  }
  return out;
}

/** A skip needs a reason dispatch can act on. */
export function checkSkipReason(reason: string): Issue | null {
  return reason.trim().length < 4
    ? issue(
        'reason',
        'too_short',
        '请说明跳过的原因（至少 4 个字）',
        'Give the reason for skipping (at least 4 characters)',
      )
    : null;
}
