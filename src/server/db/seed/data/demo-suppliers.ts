import type { PartCategory } from '@shared/domain/parts';
import type { SupplierSeed } from '../../../modules/parts';
import type { DemoPart } from './demo-parts';

// The demo company's six suppliers (fictional companies; names, credit codes and numbers are made up) and their
// purchase contracts, dated relative to the seed's "now": every supplier has a current contract; 鸿翼微电机 also has
// the contract that expired three months ago (the older orders were placed under it, at its prices).

const DAY = 86_400_000;

/** The 18-character unified social credit code (统一社会信用代码, GB 32100-2015) with both check characters. */
export function creditCode(region: string, org8: string): string {
  const orgChars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...org8].reduce((s, c, i) => s + orgChars.indexOf(c) * (orgWeights[i] as number), 0);
  const c9 = 11 - (sum % 11);
  const org9 = `${org8}${c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9)}`;
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const body = `91${region}${org9}`;
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const total = [...body].reduce((s, c, i) => s + chars.indexOf(c) * (weights[i] as number), 0);
  const check = (31 - (total % 31)) % 31;
  return `${body}${chars[check]}`;
}

/** A deterministic factor in [1 − spread, 1 + spread] for a part at a supplier (prices differ per part). */
function jitter(key: string, spread: number): number {
  let h = 2166136261;
  for (const ch of key) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return 1 - spread + ((h % 10_000) / 10_000) * 2 * spread;
}

function price(costFen: number, factor: number): number {
  const raw = costFen * factor;
  return raw >= 1000 ? Math.round(raw / 10) * 10 : Math.max(1, Math.round(raw));
}

interface Coverage {
  categories: PartCategory[];
  factor: number;
  /** Only these parts of the categories (default: all). */
  only?: (p: DemoPart) => boolean;
}

function pricesFor(
  parts: DemoPart[],
  supplier: string,
  coverage: Coverage[],
  extra = 1,
): { partCode: string; unitPriceFen: number }[] {
  const out: { partCode: string; unitPriceFen: number }[] = [];
  for (const p of parts) {
    const c = coverage.find((x) => x.categories.includes(p.category) && (x.only?.(p) ?? true));
    if (!c) continue;
    out.push({
      partCode: p.code,
      unitPriceFen: price(p.standardCostFen, c.factor * extra * jitter(`${supplier}:${p.code}`, 0.03)),
    });
  }
  return out;
}

function monthStart(at: Date): string {
  return `${at.toISOString().slice(0, 7)}-01`;
}
function addYears(day: string, years: number, minusDays = 1): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return new Date(d.getTime() - minusDays * DAY).toISOString().slice(0, 10);
}

const WARRANTY_STD =
  '质保期按配件目录保修月数计算；到货 7 天内发现来料不良包退包换，质保期内故障件免费更换并承担往返运费。';
const WARRANTY_CMP =
  '压缩机整机保修 36 个月、变频压缩机保修 36 个月；到货 15 天内卡缸、不启动等来料不良包换新机；质保期内凭旧机及序列号换新。';
const WARRANTY_REF = '冷媒纯度≥99.9%，每批附质检报告；钢瓶在检验有效期内，瓶阀漏气包换。';

/**
 * The six suppliers with their contracts and prices. Every part of the catalog is covered by one to three
 * suppliers at different prices (the distributor 南粤 covers most parts at a premium, and is the cheapest for a few
 * categories).
 */
export function demoSuppliers(now: Date, parts: DemoPart[]): SupplierSeed[] {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const start = (days: number) => monthStart(ago(days));
  const nonSerial = (p: DemoPart) => !p.serialTracked;
  const year = (day: string) => day.slice(0, 4);

  const sA = start(300);
  const sBold = start(470);
  const sB = start(92);
  const endBold = new Date(Date.parse(`${sB}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
  const sC = start(200);
  const sD = start(390);
  const sE = start(250);
  const sF = start(190);

  const coverB: Coverage[] = [{ categories: ['fan_motor', 'fan_blade', 'capacitor'], factor: 0.95 }];

  return [
    {
      code: 'SUP-SUILING',
      name: '广州穗凌制冷配件有限公司',
      contactName: '冯国栋',
      contactPhone: '020-86681235',
      email: 'order@suiling-parts.cn',
      address: '广州市白云区太和镇广从七路 88 号穗凌工业园 3 栋',
      creditCode: creditCode('440111', 'MA59K3T7'),
      note: '压缩机、四通阀、膨胀阀等制冷系统件主供；格力、美的系压缩机授权分销',
      contracts: [
        {
          number: `HT-${year(sA)}-011`,
          startsOn: sA,
          endsOn: addYears(sA, 1),
          deliveryDays: 5,
          warrantyTerms: WARRANTY_CMP,
          paymentTerms: '月结 30 天，开具 13% 增值税专用发票',
          prices: pricesFor(parts, 'A', [
            {
              categories: ['compressor', 'four_way_valve', 'expansion_valve', 'valve', 'filter_drier'],
              factor: 0.96,
            },
            {
              categories: ['refrigerant_r22', 'refrigerant_r410a', 'refrigerant_r32', 'refrigerant_r290'],
              factor: 1.05,
            },
          ]),
        },
      ],
    },
    {
      code: 'SUP-HONGYI',
      name: '佛山市顺德区鸿翼微电机有限公司',
      contactName: '梁嘉欣',
      contactPhone: '0757-22381236',
      email: 'sales@hongyi-motor.cn',
      address: '佛山市顺德区北滘镇工业园林港路 16 号',
      creditCode: creditCode('440606', 'MA4W8P2C'),
      note: '风机电机、风叶、电容厂家直供',
      contracts: [
        {
          number: `HT-${year(sBold)}-004`,
          startsOn: sBold,
          endsOn: endBold,
          deliveryDays: 4,
          warrantyTerms: WARRANTY_STD,
          paymentTerms: '月结 30 天',
          note: '已到期，续签为新合同',
          prices: pricesFor(parts, 'B', coverB, 0.97),
        },
        {
          number: `HT-${year(sB)}-027`,
          startsOn: sB,
          endsOn: addYears(sB, 1),
          deliveryDays: 4,
          warrantyTerms: WARRANTY_STD,
          paymentTerms: '月结 45 天，开具 13% 增值税专用发票',
          prices: pricesFor(parts, 'B', coverB),
        },
      ],
    },
    {
      code: 'SUP-KERUIDE',
      name: '深圳市科瑞德电子科技有限公司',
      contactName: '邓志远',
      contactPhone: '0755-26731237',
      email: 'service@kerdtech.cn',
      address: '深圳市宝安区西乡街道航城大道 172 号科瑞德大厦 5 楼',
      creditCode: creditCode('440306', 'MA5DR61X'),
      note: '变频板、主板、显示板维修替换件；传感器、遥控器、电气件',
      contracts: [
        {
          number: `HT-${year(sC)}-019`,
          startsOn: sC,
          endsOn: addYears(sC, 1),
          deliveryDays: 7,
          warrantyTerms: '电控板保修 12 个月，凭序列号更换；人为烧毁、进水不在保修范围。到货 7 天内来料不良包换。',
          paymentTerms: '预付 30%，到货验收后 30 天内付清',
          prices: pricesFor(parts, 'C', [
            { categories: ['pcb', 'sensor', 'remote', 'electrical'], factor: 0.97 },
            { categories: ['capacitor'], factor: 1.03 },
          ]),
        },
      ],
    },
    {
      code: 'SUP-BINGFENG',
      name: '广州市冰峰制冷剂贸易有限公司',
      contactName: '黄伟强',
      contactPhone: '020-81931238',
      email: 'bf-order@bingfeng-gas.cn',
      address: '广州市荔湾区芳村大道西 301 号冰峰仓储中心',
      creditCode: creditCode('440103', '58567843'),
      note: '冷媒（R22/R410A/R32/R290）及化学耗材；危化品运输资质',
      contracts: [
        {
          number: `HT-${year(sD)}-002`,
          startsOn: sD,
          endsOn: addYears(sD, 2),
          deliveryDays: 2,
          warrantyTerms: WARRANTY_REF,
          paymentTerms: '货到付款（现结），月采购额超 3 万元享 2% 返点',
          prices: pricesFor(parts, 'D', [
            {
              categories: ['refrigerant_r22', 'refrigerant_r410a', 'refrigerant_r32', 'refrigerant_r290', 'consumable'],
              factor: 0.95,
            },
          ]),
        },
      ],
    },
    {
      code: 'SUP-TONGSHENG',
      name: '东莞市铜盛管业有限公司',
      contactName: '叶振华',
      contactPhone: '0769-85331239',
      email: 'ts-sales@tongsheng-pipe.cn',
      address: '东莞市长安镇振安中路 233 号',
      creditCode: creditCode('441900', 'MA51H9Q4'),
      note: '铜管、保温材料、排水件、支架',
      contracts: [
        {
          number: `HT-${year(sE)}-015`,
          startsOn: sE,
          endsOn: addYears(sE, 1),
          deliveryDays: 3,
          warrantyTerms: '铜管壁厚、外径符合 GB/T 17791；来料不符包退换。排水泵保修 12 个月。',
          paymentTerms: '月结 30 天',
          prices: pricesFor(parts, 'E', [
            { categories: ['copper_pipe', 'insulation', 'drain', 'bracket', 'other'], factor: 0.96 },
          ]),
        },
      ],
    },
    {
      code: 'SUP-NANYUE',
      name: '广州南粤空调设备配件供应有限公司',
      contactName: '陈少聪',
      contactPhone: '020-87651240',
      email: 'ny-parts@nanyue-ac.cn',
      address: '广州市天河区元岗路 310 号南粤配件城 A 区 12 号',
      creditCode: creditCode('440106', 'MA9UPX38'),
      note: '综合配件经销商，品类全、价格略高；遥控器、电气件、支架等价格有优势',
      contracts: [
        {
          number: `HT-${year(sF)}-021`,
          startsOn: sF,
          endsOn: addYears(sF, 1),
          deliveryDays: 6,
          warrantyTerms: WARRANTY_STD,
          paymentTerms: '月结 60 天',
          prices: pricesFor(parts, 'F', [
            { categories: ['remote', 'bracket', 'other', 'electrical'], factor: 0.93 },
            {
              categories: [
                'capacitor',
                'fan_motor',
                'fan_blade',
                'sensor',
                'four_way_valve',
                'expansion_valve',
                'valve',
                'filter_drier',
                'refrigerant_r22',
                'refrigerant_r410a',
                'refrigerant_r32',
                'copper_pipe',
                'insulation',
                'drain',
                'consumable',
                'pcb',
              ],
              factor: 1.07,
              only: nonSerial,
            },
          ]),
        },
      ],
    },
  ];
}
