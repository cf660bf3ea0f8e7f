import { describe, expect, it } from 'vitest';
import {
  buildServiceRecordData,
  formatDateTime,
  formatYuan,
  maskMobilesInText,
  type RecordVisit,
  type ServiceRecordFacts,
} from './service-record';

const png = (n: number) => Buffer.from([0x89, 0x50, 0x4e, 0x47, n]);

function visit(overrides: Partial<RecordVisit> = {}): RecordVisit {
  return {
    workOrderNumber: 'WO-20260715-0001',
    visitNo: 1,
    status: 'completed',
    workDone: '更换压缩机启动电容',
    advice: ['室外机支架锈蚀，建议一年内更换', '定期清洗过滤网'],
    tests: {
      mode: 'cooling',
      readings: [
        { name: 'inletTemp', value: 27, unit: '°C' },
        { name: 'currentA', value: 5.1, unit: 'A' },
      ],
    },
    arrivedAt: '2026-07-15T01:15:00.000Z',
    lateMinutes: 0,
    finishedAt: '2026-07-15T03:05:00.000Z',
    technician: { id: '00000000-0000-4000-8000-000000000001', name: '张工', staffNo: 'TH-101' },
    diagnosis: { faultCategory: 'no_cooling', faultCode: 'E1', cause: '压缩机启动电容失效' },
    quote: { totalFen: 35160, warrantyFen: 2160, customerPaysFen: 33000 },
    consent: { method: 'signature' },
    parts: [
      {
        partCode: 'CAP-01',
        partName: '压缩机启动电容',
        quantity: 2,
        serials: [],
        warrantyMonths: 12,
        covered: false,
        unitPriceFen: 1080,
      },
      {
        partCode: 'PCB-01',
        partName: '变频主控板',
        quantity: 1,
        serials: ['SN-A', 'SN-B'],
        warrantyMonths: 6,
        covered: true,
        unitPriceFen: 54000,
      },
    ],
    workOrder: {
      faultCategory: 'no_cooling',
      customerName: '王**',
      phoneMasked: '138****2222',
      district: '天河区',
      unit: { brand: '格力', model: 'KFR-35GW', type: 'split_wall', serial: 'G123', inWarranty: false },
    },
    ...overrides,
  };
}

function facts(overrides: Partial<ServiceRecordFacts> = {}): ServiceRecordFacts {
  return {
    locale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    companyName: '广州天河服务网点',
    visit: visit(),
    categories: [{ code: 'no_cooling', nameZh: '不制冷', nameEn: 'Not cooling' }],
    signatures: [
      { purpose: 'consent', signerNameMasked: '王**', signedAt: new Date('2026-07-15T01:40:00Z'), png: png(1) },
      { purpose: 'completion', signerNameMasked: '王**', signedAt: new Date('2026-07-15T03:00:00Z'), png: png(2) },
    ],
    now: new Date('2026-07-20T08:00:00Z'),
    ...overrides,
  };
}

const row = (rows: { label: string; value: string }[], label: string) => rows.find((r) => r.label === label)?.value;

describe('formatYuan', () => {
  it('formats integer fen exactly as ¥x.xx', () => {
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(5)).toBe('¥0.05');
    expect(formatYuan(2160)).toBe('¥21.60');
    expect(formatYuan(35160)).toBe('¥351.60');
    expect(formatYuan(123456789)).toBe('¥1234567.89');
    expect(formatYuan(-250)).toBe('-¥2.50');
    // No floating point drift where fen / 100 would round badly.
    expect(formatYuan(1005)).toBe('¥10.05');
    expect(formatYuan(Number.MAX_SAFE_INTEGER)).toBe('¥90071992547409.91');
  });
  it('refuses anything but integer fen', () => {
    expect(() => formatYuan(12.5)).toThrow(RangeError);
    expect(() => formatYuan(Number.NaN)).toThrow(RangeError);
  });
});

describe('formatDateTime', () => {
  it("shows the moment in the branch's zone, to the minute", () => {
    expect(formatDateTime('2026-07-15T16:30:00Z', 'Asia/Shanghai', 'zh-CN')).toBe('2026/07/16 00:30');
    expect(formatDateTime('2026-07-15T16:30:00Z', 'Asia/Urumqi', 'zh-CN')).toBe('2026/07/15 22:30');
    expect(formatDateTime(new Date('2026-07-15T16:30:00Z'), 'Asia/Shanghai', 'en-US')).toBe('07/16/2026, 00:30');
    expect(formatDateTime(null, 'Asia/Shanghai', 'zh-CN')).toBe('—');
  });
});

describe('maskMobilesInText', () => {
  it('masks full mobile numbers typed into free text, not other numbers', () => {
    expect(maskMobilesInText('客户电话13811112222，备用 13911113333')).toBe('客户电话138****2222，备用 139****3333');
    expect(maskMobilesInText('座机 020-38881234，订单 WO-20260715-0001，SN 13811112222X')).toBe(
      '座机 020-38881234，订单 WO-20260715-0001，SN 13811112222X',
    );
  });
});

describe('buildServiceRecordData', () => {
  it('builds every part of the record in Chinese, times in the branch zone, money from fen', () => {
    const d = buildServiceRecordData(facts());
    expect(d).toMatchObject({
      locale: 'zh-CN',
      title: '维修服务记录',
      company: '广州天河服务网点',
      orderLine: '工单号 WO-20260715-0001 · 第1 次上门',
      statusBanner: null,
      filenameBase: 'service-record-WO-20260715-0001-1',
    });
    expect(row(d.customer.content, '客户')).toBe('王** 138****2222 · 天河区');
    expect(row(d.customer.content, '空调')).toBe('格力 KFR-35GW · 壁挂式 · SN G123 · 保修期外或未知');
    expect(row(d.fault.content, '故障')).toBe('不制冷 · E1');
    expect(row(d.fault.content, '原因')).toBe('压缩机启动电容失效');
    expect(row(d.fault.content, '建议')).toBe('室外机支架锈蚀，建议一年内更换；定期清洗过滤网');
    expect(d.parts.content.columns).toEqual(['编码', '名称', '数量', '序列号', '质保', '金额']);
    expect(d.parts.content.rows).toEqual([
      ['CAP-01', '压缩机启动电容', '2', '—', '12 个月', '¥21.60'],
      ['PCB-01', '变频主控板', '1', 'SN-A, SN-B', '6 个月', '保修'],
    ]);
    expect(d.tests.heading).toBe('测试 (制冷)');
    expect(d.tests.content).toEqual([
      { label: '进风温度', value: '27 °C' },
      { label: '运行电流', value: '5.1 A' },
    ]);
    expect(d.amounts.content.map((r) => r.value)).toEqual(['¥351.60', '¥21.60', '¥330.00']);
    expect(row(d.times.content, '到达')).toBe('2026/07/15 09:15');
    expect(row(d.times.content, '完成')).toBe('2026/07/15 11:05');
    expect(row(d.times.content, '工程师')).toBe('张工 · 工号 TH-101');
    expect(d.signatures.content.map((s) => [s.label, s.caption, s.image?.[4]])).toEqual([
      ['客户确认维修方案', '王** · 2026/07/15 09:40', 1],
      ['客户确认完工', '王** · 2026/07/15 11:00', 2],
    ]);
    expect(d.meta).toEqual({
      title: '维修服务记录 WO-20260715-0001',
      author: '广州天河服务网点',
      subject: '工单号 WO-20260715-0001 · 第1 次上门',
      createdAt: new Date('2026-07-15T03:05:00.000Z'),
    });
  });

  it('in English', () => {
    const d = buildServiceRecordData(facts({ locale: 'en-US' }));
    expect(d.title).toBe('Service record');
    expect(d.orderLine).toBe('Order WO-20260715-0001 · visit 1');
    expect(row(d.fault.content, 'Fault')).toBe('Not cooling · E1');
    expect(d.parts.content.rows[0]?.[4]).toBe('12 months');
    expect(d.parts.content.rows[1]?.[5]).toBe('Warranty');
    expect(row(d.times.content, 'Finished')).toBe('07/15/2026, 11:05');
    expect(d.tests.heading).toBe('Tests (cooling)');
    expect(d.tests.content[0]).toEqual({ label: 'Air in', value: '27 °C' });
  });

  it('a visit not completed: its status as a banner, no finish, created now; missing parts shown as empty', () => {
    const d = buildServiceRecordData(
      facts({
        visit: visit({
          status: 'open',
          finishedAt: null,
          quote: null,
          tests: null,
          parts: [],
          workDone: '',
          advice: [],
          consent: null,
          lateMinutes: 25,
        }),
        signatures: [],
      }),
    );
    expect(d.statusBanner).toBe('进行中');
    expect(d.meta.createdAt).toEqual(new Date('2026-07-20T08:00:00Z'));
    expect(row(d.times.content, '完成')).toBe('—');
    expect(row(d.times.content, '到达')).toBe('2026/07/15 09:15 (迟到 25 分钟)');
    expect(row(d.fault.content, '维修内容')).toBe('—');
    expect(row(d.fault.content, '建议')).toBe('—');
    expect(d.parts.content.rows).toEqual([]);
    expect(d.parts.emptyText).toBe('无');
    expect(d.tests.heading).toBe('测试');
    expect(d.amounts.content).toEqual([]);
    expect(d.signatures.content.map((s) => [s.image, s.absentText])).toEqual([
      [null, '无'],
      [null, '无'],
    ]);
    expect(buildServiceRecordData(facts({ visit: visit({ status: 'waiting_parts' }) })).statusBanner).toBe('待配件');
  });

  it('consent by SMS link: said so instead of a signature; the latest signature of each kind', () => {
    const d = buildServiceRecordData(
      facts({
        visit: visit({ consent: { method: 'link' } }),
        signatures: [
          { purpose: 'completion', signerNameMasked: '王**', signedAt: new Date('2026-07-15T02:00:00Z'), png: png(3) },
          { purpose: 'completion', signerNameMasked: '李**', signedAt: new Date('2026-07-15T03:00:00Z'), png: png(4) },
        ],
      }),
    );
    expect(d.signatures.content[0]).toMatchObject({ image: null, absentText: '客户已通过短信链接确认' });
    expect(d.signatures.content[1]).toMatchObject({ caption: '李** · 2026/07/15 11:00' });
    expect(d.signatures.content[1]?.image?.[4]).toBe(4);
  });

  it('masks mobile numbers typed into the cause, work done and advice; an unknown category shows its code', () => {
    const d = buildServiceRecordData(
      facts({
        companyName: null,
        categories: [],
        visit: visit({
          diagnosis: { faultCategory: 'no_cooling', faultCode: null, cause: '客户13811112222反映不制冷' },
          workDone: '已电话13811112222确认',
          advice: ['如再故障请拨13811112222'],
        }),
      }),
    );
    const text = JSON.stringify(d);
    expect(text).not.toContain('13811112222');
    expect(row(d.fault.content, '原因')).toBe('客户138****2222反映不制冷');
    expect(row(d.fault.content, '维修内容')).toBe('已电话138****2222确认');
    expect(row(d.fault.content, '建议')).toBe('如再故障请拨138****2222');
    expect(row(d.fault.content, '故障')).toBe('no_cooling');
    expect(d.company).toBe('Aircare');
    expect(d.meta.author).toBe('Aircare');
  });
});
