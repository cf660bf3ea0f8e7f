import type { PartCategory } from '@shared/domain/parts';
import type { PartFields } from '../../../modules/parts';

// The demo company's parts catalog (配件目录): ~150 parts a split-unit repair company in Guangzhou keeps. Specs
// follow the makers' usual naming (GMCC / 凌达 / 海立 style compressor models, CBB65 / CBB61 capacitors, YDK / YKT /
// ZKFN motors); the models are illustrative, not a maker's price list. Standard costs are purchase prices in fen.

export type DemoPart = PartFields & { code: string };

/** Default warranty months per category (a part may override). */
const WARRANTY: Partial<Record<PartCategory, number>> = {
  compressor: 36,
  capacitor: 6,
  fan_motor: 12,
  pcb: 12,
  sensor: 6,
  four_way_valve: 12,
  expansion_valve: 12,
  valve: 6,
  remote: 3,
  electrical: 3,
  drain: 6,
};

function part(
  code: string,
  name: string,
  spec: string,
  unit: string,
  category: PartCategory,
  standardCostFen: number,
  extra: Partial<PartFields> = {},
): DemoPart {
  return {
    code,
    name,
    spec,
    unit,
    category,
    designated: true,
    serialTracked: false,
    lotTracked: false,
    warrantyMonths: WARRANTY[category] ?? 0,
    standardCostFen,
    compatibleModels: [],
    ...extra,
  };
}

// The unit models the demo customers own (seed-operations.ts), by size.
const M1P = ['KFR-26GW/NhGd1B', 'KFR-26GW/BP3DN8Y-PH200(B1)'];
const M15P = [
  'KFR-35GW/(35557)FNhAa-B1',
  'KFR-35GW/N8MJA3',
  'KFR-35GW/81@U1-Ge',
  'KFR-35GW/E80A1',
  'KFR-35GW/BpR3AQS1(B1)',
  'FTXR336WC-W',
];
const M3P = [
  'KFR-72LW/(72555)FNhAa-B1',
  'KFR-72LW/N8MJA3',
  'KFR-72LW/28UDP22AU1',
  'KFR-72LW/X700U1',
  'KFR-72LW/BpR3QYF1(B1)',
  'FVXB372VAC-W',
];
const DUCT = ['FXMP80PVC'];
const INV15 = ['KFR-35GW/(35557)FNhAa-B1', 'KFR-35GW/N8MJA3', 'KFR-35GW/BpR3AQS1(B1)', 'FTXR336WC-W'];
const INV3 = ['KFR-72LW/(72555)FNhAa-B1', 'KFR-72LW/N8MJA3', 'KFR-72LW/BpR3QYF1(B1)', 'FVXB372VAC-W'];
const serial = { serialTracked: true } as const;
const lot = { lotTracked: true, warrantyMonths: 0 } as const;

export const DEMO_PARTS: DemoPart[] = [
  // ---- compressors (serial-tracked) ----
  part('CMP-ROT-15P', '旋转式变频压缩机', '1.5匹 R32 GMCC', '台', 'compressor', 98000, {
    ...serial,
    compatibleModels: ['KFR-35GW/BpDN8', ...INV15],
  }),
  part('CMP-ROT-1P-R32', '旋转式变频压缩机', '1匹 R32 GMCC KSK89D29UEZ 直流变频', '台', 'compressor', 78000, {
    ...serial,
    compatibleModels: M1P,
  }),
  part('CMP-ROT-2P-R32', '旋转式变频压缩机', '2匹 R32 GMCC KTM240D57UMT 直流变频', '台', 'compressor', 128000, serial),
  part('CMP-ROT-3P-R32', '旋转式变频压缩机', '3匹 R32 凌达 QXFS-M330zX170 直流变频', '台', 'compressor', 168000, {
    ...serial,
    compatibleModels: INV3,
  }),
  part('CMP-ROT-1P-R410A', '旋转式变频压缩机', '1匹 R410A 凌达 QXA-A096zE190', '台', 'compressor', 72000, {
    ...serial,
    compatibleModels: M1P,
  }),
  part('CMP-ROT-15P-R410A', '旋转式变频压缩机', '1.5匹 R410A 海立 TNB220FLHMC', '台', 'compressor', 89000, {
    ...serial,
    compatibleModels: M15P,
  }),
  part('CMP-ROT-2P-R410A', '旋转式变频压缩机', '2匹 R410A 海立 WHP05100BSV', '台', 'compressor', 118000, serial),
  part('CMP-ROT-1P-R22', '旋转式定频压缩机', '1匹 R22 GMCC PH225X2C-8FTC', '台', 'compressor', 52000, {
    ...serial,
    warrantyMonths: 24,
  }),
  part('CMP-ROT-15P-R22', '旋转式定频压缩机', '1.5匹 R22 凌达 QXC-19K', '台', 'compressor', 62000, {
    ...serial,
    warrantyMonths: 24,
  }),
  part('CMP-ROT-2P-R22', '旋转式定频压缩机', '2匹 R22 海立 SHV33YC6-U', '台', 'compressor', 76000, {
    ...serial,
    warrantyMonths: 24,
  }),
  part('CMP-SCR-3P-R410A', '涡旋式压缩机', '3匹 R410A ZP42K5E-PFV 定频', '台', 'compressor', 195000, {
    ...serial,
    compatibleModels: M3P,
  }),
  part('CMP-SCR-5P-R410A', '涡旋式压缩机', '5匹 R410A ZP61KCE-TFD 定频', '台', 'compressor', 285000, serial),
  part('CMP-ROT-15P-R290', '旋转式变频压缩机', '1.5匹 R290 GMCC 直流变频（防爆）', '台', 'compressor', 112000, serial),
  part('CMP-DC-VRF-8P', '多联机直流变频压缩机', '8匹 R410A 海立 E655DHD-65D2Y', '台', 'compressor', 620000, {
    ...serial,
    compatibleModels: DUCT,
  }),

  // ---- capacitors ----
  part('CAP-35UF-450V', '压缩机启动电容', 'CBB65 35μF 450V', '个', 'capacitor', 1800, {
    compatibleModels: ['KFR-35GW', 'KFR-26GW'],
  }),
  part('CAP-2U5-450V', '风机电容', 'CBB61 2.5μF 450V', '个', 'capacitor', 600),
  part('CAP-25UF-450V', '压缩机启动电容', 'CBB65 25μF 450V', '个', 'capacitor', 1500, { compatibleModels: M1P }),
  part('CAP-30UF-450V', '压缩机启动电容', 'CBB65 30μF 450V', '个', 'capacitor', 1600, { compatibleModels: M1P }),
  part('CAP-40UF-450V', '压缩机启动电容', 'CBB65 40μF 450V', '个', 'capacitor', 2000),
  part('CAP-45UF-450V', '压缩机启动电容', 'CBB65 45μF 450V', '个', 'capacitor', 2300),
  part('CAP-50UF-450V', '压缩机启动电容', 'CBB65 50μF 450V', '个', 'capacitor', 2600, { compatibleModels: M3P }),
  part('CAP-60UF-450V', '压缩机启动电容', 'CBB65 60μF 450V', '个', 'capacitor', 3000, { compatibleModels: M3P }),
  part('CAP-1U5-450V', '风机电容', 'CBB61 1.5μF 450V', '个', 'capacitor', 500),
  part('CAP-2U-450V', '风机电容', 'CBB61 2μF 450V', '个', 'capacitor', 550),
  part('CAP-3U-450V', '风机电容', 'CBB61 3μF 450V', '个', 'capacitor', 650),
  part('CAP-4U-450V', '风机电容', 'CBB61 4μF 450V', '个', 'capacitor', 750),
  part('CAP-5U-450V', '风机电容', 'CBB61 5μF 450V', '个', 'capacitor', 850),
  part('CAP-35U5-DUAL', '双联启动电容', 'CBB65 35+5μF 450V 三插头', '个', 'capacitor', 3200),
  part('CAP-45U5-DUAL', '双联启动电容', 'CBB65 45+5μF 450V 三插头', '个', 'capacitor', 3600, { compatibleModels: M3P }),

  // ---- fan motors ----
  part('FAN-OUT-YDK36', '室外风机电机', 'YDK36-6 36W', '台', 'fan_motor', 26000, { warrantyMonths: 12 }),
  part('FAN-OUT-YDK45', '室外风机电机', 'YDK45-6 45W 单出轴', '台', 'fan_motor', 28000, { compatibleModels: M15P }),
  part('FAN-OUT-YDK60', '室外风机电机', 'YDK60-6K 60W 柜机', '台', 'fan_motor', 32000, { compatibleModels: M3P }),
  part('FAN-OUT-DC40', '直流无刷室外风机', 'ZKFN-40-8-1 40W DC310V', '台', 'fan_motor', 36000, {
    ...serial,
    compatibleModels: INV15,
  }),
  part('FAN-IN-YKT15', '室内风机电机', 'YKT-15-4 15W PG 塑封', '台', 'fan_motor', 13000, { compatibleModels: M1P }),
  part('FAN-IN-YKT25', '室内风机电机', 'YKT-25-4 25W PG 塑封', '台', 'fan_motor', 15000, { compatibleModels: M15P }),
  part('FAN-IN-DC30', '直流无刷室内风机', 'ZKFN-30-8-3 30W DC310V', '台', 'fan_motor', 22000, {
    ...serial,
    compatibleModels: INV15,
  }),
  part('FAN-IN-CAB60', '柜机离心风机电机', 'YDK60-4F 60W', '台', 'fan_motor', 30000, { compatibleModels: M3P }),
  part('FAN-SWING-MP24', '扫风步进电机', 'MP24AA 12V', '个', 'fan_motor', 2500, { warrantyMonths: 6 }),
  part('FAN-SWING-SM014', '同步摆风电机', 'SM014B AC220V 柜机', '个', 'fan_motor', 2800, {
    warrantyMonths: 6,
    compatibleModels: M3P,
  }),

  // ---- fan blades ----
  part('FAN-BLD-XFL-620', '贯流风叶', 'φ95×620mm 挂机', '个', 'fan_blade', 4500, { compatibleModels: M1P }),
  part('FAN-BLD-XFL-710', '贯流风叶', 'φ98×710mm 挂机', '个', 'fan_blade', 5200, { compatibleModels: M15P }),
  part('FAN-BLD-AXL-400', '室外轴流风叶', 'φ400 三叶 D 型孔', '个', 'fan_blade', 4200),
  part('FAN-BLD-AXL-460', '室外轴流风叶', 'φ460 三叶 D 型孔', '个', 'fan_blade', 4800, { compatibleModels: M3P }),
  part('FAN-BRG-SLEEVE', '贯流风叶轴承胶套', '通用 含轴承', '个', 'fan_blade', 300, { designated: false }),

  // ---- PCBs (serial-tracked, except display / power boards and the universal kit) ----
  part('PCB-INV-MAIN', '变频主控板', '内机主板 通用型', '块', 'pcb', 45000, { ...serial, warrantyMonths: 12 }),
  part('PCB-IN-MAIN-35', '室内机主板', '定频 1–1.5匹 挂机', '块', 'pcb', 16000, { ...serial, compatibleModels: M15P }),
  part('PCB-IN-MAIN-72', '柜机室内主板', '2–3匹 柜机', '块', 'pcb', 22000, { ...serial, compatibleModels: M3P }),
  part('PCB-OUT-INV-35', '室外变频主板', '1.5匹 R32 直流变频', '块', 'pcb', 52000, {
    ...serial,
    compatibleModels: INV15,
  }),
  part('PCB-OUT-INV-72', '室外变频主板', '3匹 直流变频', '块', 'pcb', 68000, { ...serial, compatibleModels: INV3 }),
  part('PCB-IPM-15A', '变频模块板', 'IPM 15A 1–1.5匹', '块', 'pcb', 38000, { ...serial, compatibleModels: INV15 }),
  part('PCB-IPM-30A', '变频模块板', 'IPM 30A 2–3匹', '块', 'pcb', 48000, { ...serial, compatibleModels: INV3 }),
  part('PCB-DISP-LED', '接收显示板', 'LED 数码显示 + 红外接收 挂机', '块', 'pcb', 6500),
  part('PCB-DISP-CAB', '柜机显示板', '触摸式 LCD 柜机', '块', 'pcb', 12000, { compatibleModels: M3P }),
  part('PCB-PWR-12V', '电源板', '开关电源 AC220V→12V/5V', '块', 'pcb', 9000),
  part('PCB-UNIV-KIT', '万能改装板', '挂机通用 定频 附遥控器', '套', 'pcb', 12000, {
    designated: false,
    warrantyMonths: 6,
  }),
  part('PCB-VRF-IDU', '多联机内机主板', '风管机 / 天花机 通用', '块', 'pcb', 42000, {
    ...serial,
    compatibleModels: DUCT,
  }),

  // ---- sensors ----
  part('SEN-NTC-10K', '管温传感器', 'NTC 10kΩ 5m', '个', 'sensor', 1200),
  part('SEN-NTC-5K-ROOM', '室温传感器', 'NTC 5kΩ 0.5m 塑封头', '个', 'sensor', 800),
  part('SEN-NTC-15K-ROOM', '室温传感器', 'NTC 15kΩ 0.5m 塑封头', '个', 'sensor', 800),
  part('SEN-NTC-20K-PIPE', '管温传感器', 'NTC 20kΩ 0.6m 铜头', '个', 'sensor', 1000),
  part('SEN-NTC-50K-DIS', '排气温度传感器', 'NTC 50kΩ 1m 铜头', '个', 'sensor', 1600),
  part('SEN-NTC-10K-OUT', '室外环境温度传感器', 'NTC 10kΩ 0.8m', '个', 'sensor', 1000),
  part('SEN-NTC-SET3', '感温包组件', '室外 环温+管温+排气 三头', '套', 'sensor', 2800),
  part('SEN-PS-HIGH', '高压开关', '4.2MPa 自动复位', '个', 'sensor', 4500),
  part('SEN-PS-LOW', '低压开关', '0.05MPa 自动复位', '个', 'sensor', 4200),

  // ---- 4-way valves and coils ----
  part('VLV-4WAY-DHF', '四通换向阀', 'DHF5 1.5匹', '个', 'four_way_valve', 8500, { warrantyMonths: 12 }),
  part('VLV-4WAY-DHF8', '四通换向阀', 'DHF8 2匹', '个', 'four_way_valve', 9800),
  part('VLV-4WAY-DHF11', '四通换向阀', 'DHF11 3匹', '个', 'four_way_valve', 12500, { compatibleModels: M3P }),
  part('VLV-4WAY-COIL', '四通阀线圈', 'AC220V 通用', '个', 'four_way_valve', 2800, { warrantyMonths: 6 }),
  part('VLV-4WAY-COIL-DC', '四通阀线圈', 'DC12V', '个', 'four_way_valve', 2600, { warrantyMonths: 6 }),

  // ---- expansion valves, capillaries ----
  part('EEV-Q16', '电子膨胀阀', 'Q 系列 口径 φ1.65 1–1.5匹', '个', 'expansion_valve', 8800, {
    compatibleModels: INV15,
  }),
  part('EEV-Q22', '电子膨胀阀', 'Q 系列 口径 φ2.2 2–3匹', '个', 'expansion_valve', 9800, { compatibleModels: INV3 }),
  part('EEV-COIL-12V', '电子膨胀阀线圈', 'DC12V 四相八拍', '个', 'expansion_valve', 3200, { warrantyMonths: 6 }),
  part('CAP-TUBE-14', '毛细管', '外径 φ2.5 × 内径 1.4mm', '米', 'expansion_valve', 300, { warrantyMonths: 0 }),
  part('CAP-TUBE-16', '毛细管', '外径 φ2.5 × 内径 1.6mm', '米', 'expansion_valve', 300, { warrantyMonths: 0 }),

  // ---- stop / check valves ----
  part('VLV-STOP-2W', '截止阀（二通阀）', '1/4" 挂机 液管', '个', 'valve', 2500),
  part('VLV-STOP-3W-12', '截止阀（三通阀）', '1/2" 挂机 气管', '个', 'valve', 3500),
  part('VLV-STOP-3W-58', '截止阀（三通阀）', '5/8" 柜机 气管', '个', 'valve', 4500, { compatibleModels: M3P }),
  part('VLV-CHECK-38', '单向阀', '3/8" 焊接', '个', 'valve', 1800),

  // ---- refrigerants (lot-tracked with expiry) ----
  part('REF-R32-3KG', 'R32 冷媒', '3kg 钢瓶', '瓶', 'refrigerant_r32', 15000, lot),
  part('REF-R32-1KG', 'R32 冷媒', '1kg 小钢瓶（上门补氟）', '瓶', 'refrigerant_r32', 6000, lot),
  part('REF-R32-9KG', 'R32 冷媒', '9kg 钢瓶', '瓶', 'refrigerant_r32', 38000, lot),
  part('REF-R410A-10KG', 'R410A 冷媒', '10kg 钢瓶', '瓶', 'refrigerant_r410a', 42000, lot),
  part('REF-R410A-1KG', 'R410A 冷媒', '1kg 小钢瓶（上门补氟）', '瓶', 'refrigerant_r410a', 5800, lot),
  part('REF-R410A-5KG', 'R410A 冷媒', '5kg 钢瓶', '瓶', 'refrigerant_r410a', 23000, lot),
  part('REF-R22-13KG', 'R22 冷媒', '13.6kg 钢瓶', '瓶', 'refrigerant_r22', 38000, lot),
  part('REF-R22-3KG', 'R22 冷媒', '3kg 钢瓶', '瓶', 'refrigerant_r22', 11000, lot),
  part('REF-R22-1KG', 'R22 冷媒', '1kg 小钢瓶（上门补氟）', '瓶', 'refrigerant_r22', 4500, lot),
  part('REF-R290-420G', 'R290 冷媒', '420g 罐装', '瓶', 'refrigerant_r290', 4800, lot),
  part('REF-R290-5KG', 'R290 冷媒', '5kg 钢瓶', '瓶', 'refrigerant_r290', 26000, lot),

  // ---- copper pipe and fittings ----
  part('PIPE-CU-635', '铜管', 'φ6.35 × 0.6mm', '米', 'copper_pipe', 1500, { warrantyMonths: 0 }),
  part('PIPE-CU-952', '铜管', 'φ9.52 × 0.7mm', '米', 'copper_pipe', 2400),
  part('PIPE-CU-127', '铜管', 'φ12.7 × 0.8mm', '米', 'copper_pipe', 3500),
  part('PIPE-CU-159', '铜管', 'φ15.88 × 1.0mm', '米', 'copper_pipe', 4800),
  part('PIPE-SET-1P', '空调连接管组', '1/4"+3/8" 3m 带保温 挂机', '套', 'copper_pipe', 12000, {
    compatibleModels: M1P,
  }),
  part('PIPE-SET-2P', '空调连接管组', '1/4"+1/2" 5m 带保温', '套', 'copper_pipe', 22000, { compatibleModels: M15P }),
  part('PIPE-NUT-14', '喇叭口螺母', '1/4"', '个', 'copper_pipe', 150, { designated: false }),
  part('PIPE-NUT-38', '喇叭口螺母', '3/8"', '个', 'copper_pipe', 200, { designated: false }),
  part('PIPE-NUT-12', '喇叭口螺母', '1/2"', '个', 'copper_pipe', 300, { designated: false }),

  // ---- insulation ----
  part('INS-TUBE-6', '橡塑保温管', '内径 φ6 × 壁厚 9mm', '米', 'insulation', 200),
  part('INS-TUBE-10', '橡塑保温管', '内径 φ10 × 壁厚 9mm', '米', 'insulation', 250),
  part('INS-TUBE-13', '橡塑保温管', '内径 φ13 × 壁厚 9mm', '米', 'insulation', 300),
  part('INS-COTTON-3', '保温棉', '自粘海绵 3mm × 50mm × 10m', '卷', 'insulation', 1800),
  part('INS-WRAP-80', '包扎带', 'PVC 不粘 80mm × 25m', '卷', 'insulation', 600, { designated: false }),

  // ---- drain ----
  part('DRN-HOSE-16', '排水管', 'φ16 波纹管', '米', 'drain', 180, { warrantyMonths: 0 }),
  part('DRN-HOSE-20', '排水管', 'φ20 波纹管', '米', 'drain', 250, { warrantyMonths: 0 }),
  part('DRN-PUMP-MINI', '排水提升泵', '迷你型 扬程 10m 挂机/柜机', '台', 'drain', 18000, { warrantyMonths: 12 }),
  part('DRN-PUMP-DUCT', '风管机排水泵', 'PSB-7 内置式', '台', 'drain', 15000, {
    warrantyMonths: 12,
    compatibleModels: DUCT,
  }),
  part('DRN-PAN-35', '接水盘', '挂机 1–1.5匹 通用', '个', 'drain', 4500, { compatibleModels: M15P }),
  part('DRN-JOINT-16', '排水管接头', '16mm 直通', '个', 'drain', 150, { designated: false, warrantyMonths: 0 }),

  // ---- filter driers ----
  part('FLT-DRY-635', '干燥过滤器', 'φ6.35 单向 15g', '个', 'filter_drier', 800),
  part('FLT-DRY-952', '干燥过滤器', 'φ9.52 单向 30g', '个', 'filter_drier', 1500),
  part('FLT-DRY-HP', '双向干燥过滤器', 'φ9.52 双向 热泵 R410A/R32', '个', 'filter_drier', 2200),

  // ---- remotes ----
  part('RMT-UNIV', '万能遥控器', '通用型', '个', 'remote', 2500, { designated: false, warrantyMonths: 3 }),
  part('RMT-GR-YB1', '遥控器', '适配格力 YB1FAF 系列', '个', 'remote', 3500, {
    compatibleModels: ['KFR-35GW/(35557)FNhAa-B1'],
  }),
  part('RMT-MD-RN02', '遥控器', '适配美的 RN02S 系列', '个', 'remote', 3500, { compatibleModels: ['KFR-35GW/N8MJA3'] }),
  part('RMT-HE-W08', '遥控器', '适配海尔 YR-W08 系列', '个', 'remote', 3200, {
    compatibleModels: ['KFR-35GW/81@U1-Ge'],
  }),
  part('RMT-WIRED-120', '线控器', '风管机 有线 86 型', '个', 'remote', 9500, {
    warrantyMonths: 12,
    compatibleModels: DUCT,
  }),
  part('RMT-HOLDER', '遥控器座', '壁挂式', '个', 'remote', 300, { designated: false, warrantyMonths: 0 }),

  // ---- consumables (glue, tape, sealant, chemicals: lot-tracked with expiry) ----
  part('CON-TAPE-PVC', '电工胶布', 'PVC 18mm × 10m 黑色', '卷', 'consumable', 250, { ...lot, designated: false }),
  part('CON-GLUE-THREAD', '管道螺纹密封胶', '厌氧型 50ml', '瓶', 'consumable', 1800, lot),
  part('CON-SEALANT', '防水密封胶', '中性硅酮 300ml', '瓶', 'consumable', 1500, lot),
  part('CON-LEAK-SPRAY', '检漏液', '500ml 喷瓶', '瓶', 'consumable', 1200, lot),
  part('CON-CLEANER', '空调清洗剂', '翅片泡沫清洗 500ml', '瓶', 'consumable', 1800, lot),
  part('CON-DEODOR', '杀菌除味剂', '蒸发器专用 300ml', '瓶', 'consumable', 2200, lot),
  part('CON-FLUX', '银焊膏', '铜铜/铜铁 100g', '瓶', 'consumable', 900, lot),
  part('CON-OIL-POE', '冷冻机油', 'POE 68 1L（R410A/R32）', '瓶', 'consumable', 6500, lot),
  part('CON-OIL-MIN', '冷冻机油', '矿物油 3GS 1L（R22）', '瓶', 'consumable', 4500, lot),
  part('CON-FOAM', '发泡胶', '750ml 墙孔封堵', '瓶', 'consumable', 1600, { ...lot, designated: false }),
  part('CON-BRAZE-ROD', '磷铜焊条', '2% 银 1kg 装', '盒', 'consumable', 9000),
  part('CON-CABLE-TIE', '尼龙扎带', '4 × 200mm 100 条', '包', 'consumable', 300, { designated: false }),

  // ---- electrical ----
  part('ELE-FUSE-3A15', '保险管', '3.15A 250V 5×20mm', '个', 'electrical', 50, { designated: false }),
  part('ELE-FUSE-5A', '保险管', '5A 250V 5×20mm', '个', 'electrical', 50, { designated: false }),
  part('ELE-FUSE-15A', '保险管', '15A 250V 陶瓷', '个', 'electrical', 120, { designated: false }),
  part('ELE-TERM-4P', '接线端子排', '4 位 室外机', '个', 'electrical', 600),
  part('ELE-TERM-5P', '接线端子排', '5 位 室内机', '个', 'electrical', 700),
  part('ELE-LUG-OT4', '冷压端子', 'OT-4 100 只', '包', 'electrical', 800, { designated: false, warrantyMonths: 0 }),
  part('ELE-PTC-START', 'PTC 启动器', '定频压缩机用', '个', 'electrical', 1800),
  part('ELE-RELAY-20A', '压缩机继电器', 'DC12V 20A', '个', 'electrical', 900),
  part('ELE-CONTACTOR-25A', '交流接触器', '25A 线圈 AC220V 柜机', '个', 'electrical', 4500, { compatibleModels: M3P }),
  part('ELE-WIRE-COMM', '通讯线', '4 × 1.0mm²', '米', 'electrical', 350),
  part('ELE-WIRE-PWR', '电源连接线', '3 × 2.5mm² 国标', '米', 'electrical', 600),
  part('ELE-PLUG-16A', '空调插头', '16A 三极', '个', 'electrical', 1200),
  part('ELE-REACTOR-PFC', 'PFC 电抗器', '变频 20mH', '个', 'electrical', 4500, { compatibleModels: INV15 }),
  part('ELE-TRANS-12V', '变压器', 'EI-41 AC220V/12V', '个', 'electrical', 2200),

  // ---- brackets, mounts ----
  part('BRK-OUT-15P', '外机支架', '1–1.5匹 镀锌加厚', '副', 'bracket', 6800, { warrantyMonths: 12 }),
  part('BRK-OUT-3P', '外机支架', '2–3匹 不锈钢', '副', 'bracket', 16000, { warrantyMonths: 12 }),
  part('BRK-ANTIVIB', '减震垫', '橡胶 4 只装', '套', 'bracket', 800, { designated: false }),
  part('BRK-WALL-PLATE', '内机挂板', '1–1.5匹 通用', '个', 'bracket', 1500),

  // ---- other ----
  part('OTH-FILTER-MESH', '过滤网', '挂机通用 可裁剪', '个', 'other', 1200),
  part('OTH-FILTER-AG', '抗菌滤网', '银离子 2 片装', '套', 'other', 2500),
  part('OTH-WALL-CAP', '墙孔护口', 'φ70 PVC', '个', 'other', 150, { designated: false }),
  part('OTH-LOUVER-800', '导风板', '挂机 800mm 通用', '个', 'other', 3500),
];
