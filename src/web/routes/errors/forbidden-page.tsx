import { ForbiddenResult } from '@web/components/status-results';

/** 403: the user may not open this page. */
export function ForbiddenPage() {
  return <ForbiddenResult />;
}
