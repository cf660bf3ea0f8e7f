import { useI18n } from '@web/lib/i18n';
import { Alert, Flex, Tag } from 'antd';
import { Link } from 'react-router';

/**
 * The appointments an approved leave or day off hits (order numbers from the server): dispatch must reassign them.
 * Each links to the work-order list searched by its number.
 */
export function ConflictsNotice({ numbers, name, day }: { numbers: readonly string[]; name: string; day: string }) {
  const { t } = useI18n();
  if (numbers.length === 0) {
    return <Alert type="success" showIcon title={t('avail.conflicts.none')} data-testid="avail-conflicts-none" />;
  }
  return (
    <Alert
      type="warning"
      showIcon
      title={t('avail.conflicts.title')}
      data-testid="avail-conflicts"
      description={
        <>
          <div style={{ marginBottom: 8 }}>{t('avail.conflicts.desc', { name, day, count: numbers.length })}</div>
          <Flex wrap gap={6}>
            {numbers.map((n) => (
              <Link key={n} to={`/work-orders?q=${encodeURIComponent(n)}`} data-testid={`avail-conflict-${n}`}>
                <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                  {n}
                </Tag>
              </Link>
            ))}
          </Flex>
        </>
      }
    />
  );
}
