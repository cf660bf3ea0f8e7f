import type { Part } from '@shared/contracts/parts.contract';
import { useI18n } from '@web/lib/i18n';
import { Flex, Tag } from 'antd';

/** Designated / serial / lot / valuable markers of a part. */
export function PartTrackingTags({
  part,
}: {
  part: Pick<Part, 'designated' | 'serialTracked' | 'lotTracked' | 'valuable'>;
}) {
  const { t } = useI18n();
  return (
    <Flex gap={4} wrap>
      {part.designated ? <Tag color="blue">{t('parts.tag.designated')}</Tag> : null}
      {part.serialTracked ? <Tag color="purple">{t('parts.tag.serial')}</Tag> : null}
      {part.lotTracked ? <Tag color="cyan">{t('parts.tag.lot')}</Tag> : null}
      {part.valuable ? <Tag color="gold">{t('parts.tag.valuable')}</Tag> : null}
    </Flex>
  );
}
