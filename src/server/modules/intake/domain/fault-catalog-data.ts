import type { FaultCategoryCode, SkillCode } from '@shared/contracts/intake.contract';
import type { UnitType } from '@shared/domain/work-order';

/**
 * The seeded fault catalog (故障知识库): the ten categories of DOMAIN.md and common brand error codes of
 * household split units. Meanings are the ones the makers' service material gives for their common wall and
 * cabinet series; a code can differ between series and generations, so technicians confirm with the model's
 * service manual — the catalog is a first guess for skills, time and parts, editable by an admin.
 *
 * Skills here are trades (refrigerant, electrical, pcb, installation, high_work); the unit-type skill
 * (split_wall, cabinet, ducted, vrf) comes from the order's unit: see `requiredSkillsFor`.
 */
export interface SeedCategory {
  code: FaultCategoryCode;
  nameZh: string;
  nameEn: string;
  complexity: 'simple' | 'complex';
  requiredSkills: SkillCode[];
  standardMinutes: number;
  difficulty: 1 | 2 | 3 | 4;
  likelyParts: string[];
}

export const SEED_CATEGORIES: SeedCategory[] = [
  {
    code: 'no_cooling',
    nameZh: '不制冷',
    nameEn: 'No cooling',
    complexity: 'complex',
    requiredSkills: ['refrigerant', 'electrical'],
    standardMinutes: 120,
    difficulty: 3,
    likelyParts: ['冷媒', '压缩机电容', '室外风机电容', '感温包', '电子膨胀阀'],
  },
  {
    code: 'no_heating',
    nameZh: '不制热',
    nameEn: 'No heating',
    complexity: 'complex',
    requiredSkills: ['refrigerant', 'electrical'],
    standardMinutes: 120,
    difficulty: 3,
    likelyParts: ['四通阀', '四通阀线圈', '冷媒', '感温包', '室外主板'],
  },
  {
    code: 'leaking',
    nameZh: '漏水',
    nameEn: 'Leaking water',
    complexity: 'simple',
    requiredSkills: [],
    standardMinutes: 60,
    difficulty: 1,
    likelyParts: ['排水管', '接水盘', '保温棉'],
  },
  {
    code: 'noise',
    nameZh: '噪音',
    nameEn: 'Noise',
    complexity: 'simple',
    requiredSkills: ['electrical'],
    standardMinutes: 60,
    difficulty: 2,
    likelyParts: ['室内风机电机', '贯流风叶', '室外风叶', '减震垫'],
  },
  {
    code: 'smell',
    nameZh: '异味',
    nameEn: 'Bad smell',
    complexity: 'simple',
    requiredSkills: [],
    standardMinutes: 60,
    difficulty: 1,
    likelyParts: ['滤网', '空调清洗剂', '杀菌除味剂'],
  },
  {
    code: 'wont_start',
    nameZh: '不开机',
    nameEn: "Won't start",
    complexity: 'complex',
    requiredSkills: ['electrical', 'pcb'],
    standardMinutes: 90,
    difficulty: 2,
    likelyParts: ['室内主板', '电源板', '保险管', '接收显示板', '遥控器'],
  },
  {
    code: 'error_code',
    nameZh: '故障代码',
    nameEn: 'Error code shown',
    complexity: 'complex',
    requiredSkills: ['electrical', 'pcb'],
    standardMinutes: 90,
    difficulty: 3,
    likelyParts: ['感温包', '室内主板', '室外主板', '通讯线', '风机电机'],
  },
  {
    code: 'remote',
    nameZh: '遥控',
    nameEn: 'Remote control',
    complexity: 'simple',
    requiredSkills: ['electrical'],
    standardMinutes: 30,
    difficulty: 1,
    likelyParts: ['遥控器', '接收显示板'],
  },
  {
    code: 'move_install',
    nameZh: '移机/安装',
    nameEn: 'Move / install',
    complexity: 'complex',
    requiredSkills: ['installation', 'refrigerant', 'high_work'],
    standardMinutes: 180,
    difficulty: 3,
    likelyParts: ['铜管', '保温管', '连接线', '外机支架', '冷媒', '排水管'],
  },
  {
    code: 'maintenance',
    nameZh: '保养',
    nameEn: 'Maintenance',
    complexity: 'simple',
    requiredSkills: [],
    standardMinutes: 60,
    difficulty: 1,
    likelyParts: ['滤网', '空调清洗剂'],
  },
];

export interface SeedCode {
  brand: string;
  code: string;
  meaningZh: string;
  meaningEn: string;
  complexity: 'simple' | 'complex';
  requiredSkills: SkillCode[];
  standardMinutes: number;
  likelyParts: string[];
}

type Row = [code: string, zh: string, en: string, kind: keyof typeof KINDS, parts: string[]];

/** Typical effort by kind of fault (complexity, skills, minutes). */
const KINDS = {
  sensor: { complexity: 'simple', requiredSkills: ['electrical'], standardMinutes: 45 },
  outdoorSensor: { complexity: 'simple', requiredSkills: ['electrical'], standardMinutes: 60 },
  board: { complexity: 'complex', requiredSkills: ['electrical', 'pcb'], standardMinutes: 90 },
  comms: { complexity: 'complex', requiredSkills: ['electrical', 'pcb'], standardMinutes: 90 },
  fan: { complexity: 'complex', requiredSkills: ['electrical'], standardMinutes: 90 },
  power: { complexity: 'complex', requiredSkills: ['electrical', 'pcb'], standardMinutes: 120 },
  refrigerant: { complexity: 'complex', requiredSkills: ['refrigerant', 'electrical'], standardMinutes: 120 },
  cleaning: { complexity: 'simple', requiredSkills: ['refrigerant'], standardMinutes: 60 },
  config: { complexity: 'simple', requiredSkills: ['pcb'], standardMinutes: 45 },
} as const satisfies Record<
  string,
  { complexity: 'simple' | 'complex'; requiredSkills: SkillCode[]; standardMinutes: number }
>;

const BRAND_CODES: Record<string, Row[]> = {
  格力: [
    [
      'E1',
      '压缩机高压保护',
      'Compressor high-pressure protection',
      'refrigerant',
      ['高压开关', '室外风机电容', '冷凝器清洗'],
    ],
    ['E2', '室内防冻结保护', 'Indoor anti-freeze protection', 'cleaning', ['滤网', '室内管温感温包', '冷媒']],
    [
      'E3',
      '压缩机低压保护（缺冷媒）',
      'Compressor low-pressure protection (refrigerant shortage)',
      'refrigerant',
      ['冷媒', '低压开关'],
    ],
    [
      'E4',
      '压缩机排气高温保护',
      'Compressor discharge temperature protection',
      'refrigerant',
      ['排气感温包', '冷媒', '电子膨胀阀'],
    ],
    ['E5', '过流保护', 'Overcurrent protection', 'power', ['压缩机电容', '室外主板']],
    ['E6', '室内外机通讯故障', 'Indoor/outdoor unit communication fault', 'comms', ['通讯线', '室内主板', '室外主板']],
    ['F1', '室内环境感温包故障', 'Indoor ambient temperature sensor fault', 'sensor', ['室内环境感温包']],
    ['F2', '室内蒸发器感温包故障', 'Indoor evaporator (coil) temperature sensor fault', 'sensor', ['室内管温感温包']],
    ['F3', '室外环境感温包故障', 'Outdoor ambient temperature sensor fault', 'outdoorSensor', ['室外环境感温包']],
    ['F4', '室外冷凝器感温包故障', 'Outdoor condenser temperature sensor fault', 'outdoorSensor', ['室外管温感温包']],
    ['F5', '室外排气感温包故障', 'Discharge temperature sensor fault', 'outdoorSensor', ['排气感温包']],
    ['H5', 'IPM 模块保护', 'IPM (inverter module) protection', 'power', ['变频模块', '室外主板']],
    [
      'H6',
      '室内风机无反馈（风机不运转）',
      'Indoor fan motor fault (no speed feedback)',
      'fan',
      ['室内风机电机', '室内主板'],
    ],
    ['C5', '跳线帽故障', 'Jumper cap fault', 'config', ['跳线帽']],
  ],
  美的: [
    ['E0', '室内 EEPROM 参数错误', 'Indoor EEPROM parameter error', 'board', ['室内主板']],
    ['E1', '室内外机通讯故障', 'Indoor/outdoor unit communication fault', 'comms', ['通讯线', '室内主板', '室外主板']],
    ['E2', '过零检测故障', 'Zero-crossing detection fault', 'board', ['室内主板']],
    ['E3', '室内风机速度失控', 'Indoor fan speed out of control', 'fan', ['室内风机电机', '室内主板']],
    ['E4', '室内温度传感器故障', 'Indoor room temperature sensor fault', 'sensor', ['室内环境感温包']],
    ['E5', '室内盘管温度传感器故障', 'Indoor coil temperature sensor fault', 'sensor', ['室内管温感温包']],
    ['P0', 'IPM 模块保护', 'IPM (inverter module) protection', 'power', ['变频模块', '室外主板']],
    ['P1', '电压过高或过低保护', 'Over- or under-voltage protection', 'power', ['室外主板']],
  ],
  海尔: [
    ['E1', '室内环境温度传感器故障', 'Indoor room temperature sensor fault', 'sensor', ['室内环境感温包']],
    ['E2', '室内管温传感器故障', 'Indoor coil temperature sensor fault', 'sensor', ['室内管温感温包']],
    ['E4', '室内 EEPROM 故障', 'Indoor EEPROM fault', 'board', ['室内主板']],
    ['E7', '室内外机通讯故障', 'Indoor/outdoor unit communication fault', 'comms', ['通讯线', '室内主板', '室外主板']],
    ['E14', '室内风机故障', 'Indoor fan motor fault', 'fan', ['室内风机电机', '室内主板']],
    ['F1', 'IPM 模块保护', 'IPM (inverter module) protection', 'power', ['变频模块', '室外主板']],
    ['F4', '压缩机排气温度保护', 'Compressor discharge temperature protection', 'refrigerant', ['排气感温包', '冷媒']],
    ['F12', '室外 EEPROM 故障', 'Outdoor EEPROM fault', 'board', ['室外主板']],
    ['F22', '交流电流过流保护', 'AC input overcurrent protection', 'power', ['室外主板', '压缩机']],
  ],
  大金: [
    ['A1', '室内机电路板故障', 'Indoor unit PCB fault', 'board', ['室内主板']],
    [
      'A5',
      '防冻结保护或高压控制',
      'Anti-freeze protection or high-pressure control',
      'cleaning',
      ['滤网', '室内热交换器传感器'],
    ],
    ['A6', '室内风扇电机故障', 'Indoor fan motor fault', 'fan', ['室内风机电机']],
    [
      'C4',
      '室内热交换器温度传感器故障',
      'Indoor heat exchanger temperature sensor fault',
      'sensor',
      ['室内热交换器传感器'],
    ],
    [
      'C9',
      '室内吸入空气温度传感器故障',
      'Indoor suction air temperature sensor fault',
      'sensor',
      ['室内吸入空气传感器'],
    ],
    [
      'E5',
      '压缩机过热（过载保护动作）',
      'Compressor overheat (overload protection)',
      'refrigerant',
      ['冷媒', '压缩机'],
    ],
    ['E6', '压缩机锁定或启动不良', 'Compressor lock or start failure', 'power', ['压缩机', '室外主板']],
    ['E7', '室外风扇电机故障', 'Outdoor fan motor fault', 'fan', ['室外风机电机']],
    ['L5', '压缩机输出过电流', 'Compressor output overcurrent', 'power', ['室外主板', '压缩机']],
    ['U0', '冷媒不足', 'Refrigerant shortage', 'refrigerant', ['冷媒']],
    ['U4', '室内外机通讯故障', 'Indoor/outdoor unit communication fault', 'comms', ['通讯线', '室内主板', '室外主板']],
  ],
  海信: [
    ['F1', '室外环境温度传感器故障', 'Outdoor ambient temperature sensor fault', 'outdoorSensor', ['室外环境感温包']],
    [
      'F2',
      '室外盘管（热交换器）温度传感器故障',
      'Outdoor coil (heat exchanger) temperature sensor fault',
      'outdoorSensor',
      ['室外管温感温包'],
    ],
    ['F3', '排气温度传感器故障', 'Discharge temperature sensor fault', 'outdoorSensor', ['排气感温包']],
    ['F5', '室内外机通讯故障', 'Indoor/outdoor unit communication fault', 'comms', ['通讯线', '室内主板', '室外主板']],
    ['F6', '过电流保护', 'Overcurrent protection', 'power', ['室外主板', '压缩机电容']],
    ['F8', '电源过压或欠压保护', 'Supply over- or under-voltage protection', 'power', ['室外主板']],
    ['F12', 'IPM 模块保护', 'IPM (inverter module) protection', 'power', ['变频模块', '室外主板']],
    ['F13', 'EEPROM 读取错误', 'EEPROM read error', 'board', ['室外主板']],
  ],
  奥克斯: [
    ['E1', '室内环境温度传感器故障', 'Indoor room temperature sensor fault', 'sensor', ['室内环境感温包']],
    ['E2', '室内盘管温度传感器故障', 'Indoor coil temperature sensor fault', 'sensor', ['室内管温感温包']],
    ['E3', '室外盘管温度传感器故障', 'Outdoor coil temperature sensor fault', 'outdoorSensor', ['室外管温感温包']],
    ['E4', '制冷系统异常（如缺冷媒）', 'Refrigerant system abnormal (e.g. low charge)', 'refrigerant', ['冷媒']],
    ['E6', '室内风机故障', 'Indoor fan motor fault', 'fan', ['室内风机电机', '室内主板']],
    ['E7', '室外环境温度传感器故障', 'Outdoor ambient temperature sensor fault', 'outdoorSensor', ['室外环境感温包']],
    ['E8', '排气温度传感器故障', 'Discharge temperature sensor fault', 'outdoorSensor', ['排气感温包']],
    ['EE', 'EEPROM 故障', 'EEPROM fault', 'board', ['室内主板']],
  ],
};

export const SEED_CODES: SeedCode[] = Object.entries(BRAND_CODES).flatMap(([brand, rows]) =>
  rows.map(([code, meaningZh, meaningEn, kind, likelyParts]) => ({
    brand,
    code,
    meaningZh,
    meaningEn,
    complexity: KINDS[kind].complexity,
    requiredSkills: [...KINDS[kind].requiredSkills],
    standardMinutes: KINDS[kind].standardMinutes,
    likelyParts,
  })),
);

/** The unit-type skill a job needs on top of the fault's trades (none when the type is unknown). */
export const UNIT_TYPE_SKILL: Record<UnitType, SkillCode | null> = {
  split_wall: 'split_wall',
  window: 'split_wall',
  cabinet: 'cabinet',
  ceiling: 'ducted',
  ducted: 'ducted',
  vrf: 'vrf',
  unknown: null,
};

/** Skills a job needs: the fault's (brand code's when known, else the category's) plus the unit type's. */
export function requiredSkillsFor(faultSkills: readonly SkillCode[], unitType: UnitType): SkillCode[] {
  const unit = UNIT_TYPE_SKILL[unitType];
  return [...new Set([...(unit ? [unit] : []), ...faultSkills])];
}
