/** Per test run, so two runs on one server never drop each other's databases. */
export const RUN_PREFIX = 'aircare_t_';
export const TEMPLATE_DB = 'aircare_test_template';

/** The same server URL with another database name. */
export function adminUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
