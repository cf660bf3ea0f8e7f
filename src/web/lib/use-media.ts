import { useSyncExternalStore } from 'react';

/** True while the media query matches; re-renders on change. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const mql = window.matchMedia(query);
      mql.addEventListener('change', onChange);
      return () => mql.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Phone-sized screens (below antd's `md` breakpoint, 768px). */
export function useIsMobile(): boolean {
  return useMediaQuery('(max-width: 767.98px)');
}
