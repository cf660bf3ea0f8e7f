/** A name as the blind index sees it: Unicode NFKC (full-width → half-width), trimmed, inner spaces collapsed. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ');
}
