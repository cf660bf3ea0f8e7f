/** The districts of Guangzhou (the demo company's city), for the district picker of a new address. */
export const DEFAULT_CITY = '广州';

export const GUANGZHOU_DISTRICTS = [
  '天河区',
  '越秀区',
  '海珠区',
  '荔湾区',
  '白云区',
  '黄埔区',
  '番禺区',
  '花都区',
  '南沙区',
  '从化区',
  '增城区',
] as const;

/** True when the district picker applies (广州 / 广州市). */
export function isGuangzhou(city: string | undefined): boolean {
  const c = (city ?? '').trim();
  return c === '' || c === '广州' || c === '广州市' || c.toLowerCase() === 'guangzhou';
}
