/**
 * `data-testid` for props objects that do not declare data attributes (okButtonProps, menu labels…).
 * In JSX write the attribute directly; use this only inside object literals.
 */
export function tid(id: string): Record<string, string> {
  return { 'data-testid': id };
}
