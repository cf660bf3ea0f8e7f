import { useEffect } from 'react';

/** "<page> · Aircare" in the browser tab, or the app name alone. */
export function useDocumentTitle(title: string | undefined, appName = 'Aircare'): void {
  useEffect(() => {
    document.title = title ? `${title} · ${appName}` : appName;
  }, [title, appName]);
}
