import { useSearchParams } from 'react-router';

/**
 * A list page's filters, tab and page kept in the URL, so "back" from a detail returns to the same list.
 * `update` sets or removes (empty / undefined) keys and resets the page unless `keepPage`.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const update = (patch: Record<string, string | undefined>, keepPage = false) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, v);
        }
        if (!keepPage) next.delete('page');
        return next;
      },
      { replace: true },
    );
  const clear = () => setParams({}, { replace: true });
  return { params, get, update, clear };
}
