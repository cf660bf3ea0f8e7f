import { SKILL_LEVEL_LABELS, SKILL_LEVELS, type TechnicianDetail } from '@shared/contracts/dispatch.contract';
import { SKILL_CODES, SKILL_LABELS, type SkillCode } from '@shared/contracts/intake.contract';
import { useQueryClient } from '@tanstack/react-query';
import { VersionConflictAlert } from '@web/features/work-orders/components/version-conflict';
import { errorMessage, isVersionConflict } from '@web/lib/errors';
import { useI18n } from '@web/lib/i18n';
import { tid } from '@web/lib/test-id';
import { Alert, App, Checkbox, Flex, Modal, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { techniciansKeys } from '../api/keys';
import { useSetTechnicianSkills } from '../api/set-technician-skills';

type Level = 1 | 2 | 3;

/** Tick the skills a technician holds and choose each level; saving replaces them all (with the profile version). */
export function SkillsModal({
  technician,
  onClose,
}: {
  technician: TechnicianDetail | undefined;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useSetTechnicianSkills();
  const [levels, setLevels] = useState<Partial<Record<SkillCode, Level>>>({});
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState(false);

  useEffect(() => {
    if (!technician) return;
    setError(undefined);
    setConflict(false);
    setLevels(Object.fromEntries(technician.skills.map((s) => [s.skill, s.level])));
  }, [technician]);

  const onOk = () => {
    if (!technician) return;
    const skills = SKILL_CODES.filter((s) => levels[s] !== undefined).map((skill) => ({
      skill,
      level: levels[skill] as Level,
    }));
    save.mutate(
      { technicianId: technician.id, body: { version: technician.version, skills } },
      {
        onSuccess: () => {
          void message.success(t('common.saved'));
          onClose();
        },
        onError: (e) => (isVersionConflict(e) ? setConflict(true) : setError(errorMessage(e))),
      },
    );
  };

  return (
    <Modal
      open={Boolean(technician)}
      title={technician ? t('tech.skills.title', { name: technician.name }) : null}
      onCancel={onClose}
      onOk={onOk}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ ...tid('skills-submit'), disabled: conflict }}
      destroyOnHidden
    >
      {conflict ? (
        <VersionConflictAlert
          onReloaded={() => {
            void queryClient.invalidateQueries({ queryKey: techniciansKeys.all });
            onClose();
          }}
        />
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Typography.Paragraph type="secondary">{t('tech.skills.hint')}</Typography.Paragraph>
      <Flex vertical gap={10} data-testid="skills-form">
        {SKILL_CODES.map((skill) => {
          const level = levels[skill];
          return (
            <Flex key={skill} align="center" justify="space-between" wrap gap={8} data-testid={`skills-row-${skill}`}>
              <Checkbox
                checked={level !== undefined}
                onChange={(e) =>
                  setLevels((prev) => {
                    const next = { ...prev };
                    if (e.target.checked) next[skill] = 1;
                    else delete next[skill];
                    return next;
                  })
                }
                data-testid={`skills-has-${skill}`}
              >
                {SKILL_LABELS[skill][lang]}
              </Checkbox>
              <Radio.Group
                size="small"
                optionType="button"
                disabled={level === undefined}
                value={level}
                onChange={(e) => setLevels((prev) => ({ ...prev, [skill]: e.target.value as Level }))}
                options={SKILL_LEVELS.map((l) => ({ value: l, label: SKILL_LEVEL_LABELS[l][lang] }))}
                data-testid={`skills-level-${skill}`}
              />
            </Flex>
          );
        })}
      </Flex>
    </Modal>
  );
}
