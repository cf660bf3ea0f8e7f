import {
  CALENDAR_KIND_LABELS,
  type CalendarEntry,
  CERTIFICATE_LABELS,
  type CertificateType,
  SKILL_LEVEL_LABELS,
  type TechnicianSummary,
} from '@shared/contracts/dispatch.contract';
import { SKILL_CODES, SKILL_LABELS } from '@shared/contracts/intake.contract';
import { useI18n } from '@web/lib/i18n';
import { Flex, Tag, Tooltip, Typography } from 'antd';
import { CALENDAR_STATUS_COLORS, CERT_STATE_COLORS, type CertificateState, daysLeftText } from '../labels';

/** 有效 / 即将到期 / 已过期 (or 无证书), coloured; `data-state` carries the code. */
export function CertificateStateTag({ state, daysLeft }: { state: CertificateState | null; daysLeft?: number }) {
  const { t } = useI18n();
  if (!state) {
    return (
      <Tag data-testid="cert-state" data-state="none">
        {t('tech.cert.none')}
      </Tag>
    );
  }
  return (
    <Tag color={CERT_STATE_COLORS[state]} data-testid="cert-state" data-state={state} style={{ marginInlineEnd: 0 }}>
      {t(`tech.cert.${state}`)}
      {daysLeft !== undefined && state !== 'valid' ? ` · ${daysLeftText(t, daysLeft)}` : ''}
    </Tag>
  );
}

/** Skills as tags, "壁挂机 · 高级", seniors highlighted. */
export function SkillTags({ skills }: { skills: TechnicianSummary['skills'] }) {
  const { t, lang } = useI18n();
  if (skills.length === 0) return <Typography.Text type="secondary">{t('tech.noSkills')}</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {[...skills]
        .sort((a, b) => SKILL_CODES.indexOf(a.skill) - SKILL_CODES.indexOf(b.skill))
        .map((s) => (
          <Tag
            key={s.skill}
            color={s.level === 3 ? 'geekblue' : s.level === 2 ? 'blue' : 'default'}
            style={{ marginInlineEnd: 0 }}
            data-testid={`skill-${s.skill}`}
          >
            {SKILL_LABELS[s.skill][lang]} · {SKILL_LEVEL_LABELS[s.level][lang]}
          </Tag>
        ))}
    </Flex>
  );
}

/** The current certificates of a list row: one small tag per type with its state, the expiry in the tooltip. */
export function CertificateChips({ certificates }: { certificates: TechnicianSummary['certificates'] }) {
  const { t, lang } = useI18n();
  if (certificates.length === 0) return <Typography.Text type="secondary">{t('tech.cert.none')}</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {certificates.map((c) => (
        <Tooltip key={c.type} title={`${CERTIFICATE_LABELS[c.type as CertificateType][lang]} · ${c.expiresOn}`}>
          <Tag color={CERT_STATE_COLORS[c.state]} style={{ marginInlineEnd: 0 }}>
            {CERTIFICATE_LABELS[c.type as CertificateType][lang].slice(0, lang === 'zh-CN' ? 2 : 12)}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}

export function CalendarStatusTag({ status }: { status: CalendarEntry['status'] }) {
  const { t } = useI18n();
  return (
    <Tag color={CALENDAR_STATUS_COLORS[status]} data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`avail.status.${status}`)}
    </Tag>
  );
}

export function CalendarKindTag({ kind }: { kind: CalendarEntry['kind'] }) {
  const { lang } = useI18n();
  const color = kind === 'extra_shift' ? 'purple' : kind === 'leave' ? 'orange' : 'cyan';
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {CALENDAR_KIND_LABELS[kind][lang]}
    </Tag>
  );
}
