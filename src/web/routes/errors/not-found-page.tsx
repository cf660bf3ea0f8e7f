import { NotFoundResult } from '@web/components/status-results';

/** 404: no such page. */
export function NotFoundPage() {
  return <NotFoundResult />;
}
