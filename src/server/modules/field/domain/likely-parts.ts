/**
 * Whether a part in the van is one of the fault's likely parts (the catalog names them in words: "压缩机电容",
 * "冷媒"): every character of the likely name, spaces aside, appears in the part's name ("压缩机启动电容",
 * "R32 冷媒"). Case-insensitive for Latin letters.
 */
export function vanHolds(likelyName: string, partName: string): boolean {
  const wanted = [...likelyName.toLowerCase().replace(/\s+/g, '')];
  if (!wanted.length) return false;
  const have = partName.toLowerCase();
  return wanted.every((ch) => have.includes(ch));
}
