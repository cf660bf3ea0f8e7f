import { installFieldOffline } from '@web/features/field/offline/install';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { Providers } from './app/providers';
import { queryClient } from './app/query-client';
import { router } from './app/router';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

// The technician app without signal: cached day and visits, the queue of actions (features/field/offline).
installFieldOffline(queryClient);

// The service worker (installable PWA, the app shell offline), only when our server serves the built app: the
// Vite dev server marks its pages with /@vite/client and has no sw.js.
if ('serviceWorker' in navigator && !document.querySelector('script[src^="/@vite/client"]')) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // No service worker (private mode, http on another host): the app works online as before.
    });
  });
}

createRoot(container).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
