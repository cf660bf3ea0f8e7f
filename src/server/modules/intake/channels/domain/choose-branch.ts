// Which branch handles a request from the public pages. Pure.

export interface BranchChoice {
  id: string;
  code: string;
  name: string;
  active: boolean;
}

/**
 * The districts of Guangzhou and the branch (by code) that serves each: 天河 (GZ-TH) the north and east,
 * 海珠 (GZ-HZ) the south and west. A district not listed goes to a branch named after it, else the default.
 */
export const DISTRICT_BRANCH_CODES: Readonly<Record<string, string>> = {
  天河区: 'GZ-TH',
  越秀区: 'GZ-TH',
  白云区: 'GZ-TH',
  黄埔区: 'GZ-TH',
  花都区: 'GZ-TH',
  从化区: 'GZ-TH',
  增城区: 'GZ-TH',
  海珠区: 'GZ-HZ',
  荔湾区: 'GZ-HZ',
  番禺区: 'GZ-HZ',
  南沙区: 'GZ-HZ',
};

/** "天河区" → "天河" (the name a branch carries: 广州天河服务网点). */
function districtStem(district: string): string {
  const d = district.trim();
  return d.length > 2 ? d.replace(/[区县市]$/, '') : d;
}

/**
 * The branch for a district: the mapped branch when it is active; else an active branch whose name contains the
 * district's name; else the first active branch (the list's order). Null when no branch is active.
 */
export function chooseBranch(
  district: string,
  branches: readonly BranchChoice[],
  mapping: Readonly<Record<string, string>> = DISTRICT_BRANCH_CODES,
): string | null {
  const active = branches.filter((b) => b.active);
  const code = mapping[district.trim()];
  const mapped = code ? active.find((b) => b.code === code) : undefined;
  if (mapped) return mapped.id;
  const stem = districtStem(district);
  const named = stem ? active.find((b) => b.name.includes(stem)) : undefined;
  if (named) return named.id;
  return active[0]?.id ?? null;
}
