import { AimOutlined, CheckOutlined, IdcardOutlined, PhoneOutlined, SendOutlined } from '@ant-design/icons';
import type { MyFieldJob, Visit } from '@shared/contracts/field.contract';
import { formatHm, formatWindow } from '@web/features/dispatch/time';
import { DISPLAY_TIME_ZONE } from '@web/lib/format';
import { useI18n } from '@web/lib/i18n';
import { Alert, Button, Flex, Input, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useFieldAction } from '../api/use-field-action';
import { GeneralErrors, StepErrorsProvider } from './field-errors';
import { RevealedContact, useCallCustomer } from './job-card';
import { BigButton, CheckRow, Chips, currentPosition, type Position, positionIfGranted } from './ui';

const TZ = DISPLAY_TIME_ZONE;

export interface StepProps {
  visit: Visit;
  job: MyFieldJob | undefined;
}

export function AcceptStep({ visit }: StepProps) {
  const { t } = useI18n();
  const action = useFieldAction(visit.id);
  return (
    <StepErrorsProvider error={action.error} paths={[]}>
      <Typography.Paragraph style={{ fontSize: 16 }}>{t('field.accept.hint')}</Typography.Paragraph>
      <GeneralErrors />
      <BigButton
        icon={<CheckOutlined />}
        loading={action.isPending}
        data-testid="step-submit"
        onClick={() => action.step(visit, { step: 'accept' })}
      >
        {t('myJobs.accept')}
      </BigButton>
    </StepErrorsProvider>
  );
}

export function ContactedStep({ visit, job }: StepProps) {
  const { t } = useI18n();
  const action = useFieldAction(visit.id);
  const [address, setAddress] = useState(false);
  const [time, setTime] = useState(false);
  const [note, setNote] = useState('');
  const caller = useCallCustomer({ callUrl: job?.callUrl ?? null, assignmentId: visit.assignmentId });
  return (
    <StepErrorsProvider error={action.error} paths={[]}>
      {job?.callUrl || visit.contactRevealable ? (
        <Button
          icon={<PhoneOutlined />}
          block
          size="large"
          style={{ height: 52, fontSize: 17, marginBottom: 10 }}
          loading={caller.pending}
          onClick={caller.call}
          data-testid="visit-call"
        >
          {t('field.callCustomer')}
        </Button>
      ) : null}
      {caller.contact ? <RevealedContact contact={caller.contact} /> : null}
      <Flex vertical gap={8} style={{ marginTop: 8 }}>
        <CheckRow checked={address} onChange={setAddress} testId="contacted-address">
          {t('myJobs.addressConfirmed')}
        </CheckRow>
        <CheckRow checked={time} onChange={setTime} testId="contacted-time">
          {visit.window
            ? t('myJobs.timeConfirmed', { window: formatWindow(visit.window, TZ) })
            : t('myJobs.timeConfirmedPlain')}
        </CheckRow>
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={300}
          autoSize={{ minRows: 1, maxRows: 3 }}
          placeholder={t('myJobs.contactNote')}
          data-testid="contacted-note"
        />
      </Flex>
      <GeneralErrors />
      <BigButton
        disabled={!address || !time}
        loading={action.isPending}
        data-testid="step-submit"
        onClick={() =>
          action.step(visit, {
            step: 'contacted',
            addressConfirmed: true,
            timeConfirmed: true,
            ...(note.trim() ? { note: note.trim() } : {}),
          })
        }
      >
        {t('field.contacted.submit')}
      </BigButton>
    </StepErrorsProvider>
  );
}

const ETA_CHOICES = [15, 30, 45, 60] as const;

export function DepartStep({ visit, job }: StepProps) {
  const { t } = useI18n();
  const action = useFieldAction(visit.id);
  const [minutes, setMinutes] = useState<number>(30);
  const [position, setPosition] = useState<Position>();
  useEffect(() => {
    let live = true;
    void positionIfGranted().then((p) => {
      if (live && p) setPosition(p);
    });
    return () => {
      live = false;
    };
  }, []);
  const etaAt = useMemo(() => Date.now() + minutes * 60_000, [minutes]);
  return (
    <StepErrorsProvider error={action.error} paths={['etaAt']}>
      <Typography.Text strong style={{ fontSize: 16 }}>
        {t('field.depart.eta')}
      </Typography.Text>
      <div style={{ margin: '8px 0' }}>
        <Chips
          testId="depart-eta"
          value={minutes}
          onChange={setMinutes}
          options={ETA_CHOICES.map((m) => ({ value: m, label: t('field.depart.minutes', { n: m }) }))}
        />
      </div>
      <Typography.Text type="secondary" data-testid="depart-eta-at">
        {t('field.depart.arriveAt', { at: formatHm(etaAt, TZ) })}
      </Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginTop: 6 }}>
        {position ? t('field.depart.withPosition') : t('field.depart.noPosition')} {t('field.depart.sms')}
      </Typography.Paragraph>
      {job?.navigationUrl ? (
        <a href={job.navigationUrl} target="_blank" rel="noreferrer" data-testid="visit-navigate">
          <Button block size="large" icon={<AimOutlined />} style={{ height: 48 }}>
            {t('field.navigate')}
          </Button>
        </a>
      ) : null}
      <GeneralErrors />
      <BigButton
        icon={<SendOutlined />}
        loading={action.isPending}
        data-testid="step-submit"
        onClick={() =>
          action.step(visit, {
            step: 'depart',
            etaAt: new Date(Date.now() + minutes * 60_000).toISOString(),
            ...(position ? { position: { lat: position.lat, lng: position.lng } } : {}),
          })
        }
      >
        {t('field.depart.submit')}
      </BigButton>
    </StepErrorsProvider>
  );
}

export function ArriveStep({ visit }: StepProps) {
  const { t } = useI18n();
  const action = useFieldAction(visit.id);
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<'denied' | 'unavailable' | 'timeout'>();
  const checkIn = async () => {
    setGeoError(undefined);
    setLocating(true);
    let p: Position;
    try {
      p = await currentPosition();
    } catch (e) {
      const code = e instanceof Error ? e.message : 'unavailable';
      setGeoError(code === 'denied' || code === 'timeout' ? code : 'unavailable');
      return;
    } finally {
      setLocating(false);
    }
    action.step(visit, { step: 'arrive', position: p });
  };
  return (
    <StepErrorsProvider error={action.error} paths={['position']}>
      <Typography.Paragraph style={{ fontSize: 16 }}>{t('field.arrive.hint')}</Typography.Paragraph>
      {geoError ? (
        <Alert
          type="warning"
          showIcon
          data-testid="arrive-geo-error"
          data-reason={geoError}
          title={t(`field.arrive.geo.${geoError}`)}
          description={t('field.arrive.geoHelp')}
        />
      ) : null}
      <GeneralErrors />
      <BigButton
        icon={<AimOutlined />}
        loading={locating || action.isPending}
        data-testid="step-submit"
        onClick={() => void checkIn()}
      >
        {geoError ? t('field.arrive.retry') : t('field.arrive.submit')}
      </BigButton>
    </StepErrorsProvider>
  );
}

export function ShowIdStep({ visit }: StepProps) {
  const { t } = useI18n();
  const action = useFieldAction(visit.id);
  return (
    <StepErrorsProvider error={action.error} paths={[]}>
      <div
        style={{
          textAlign: 'center',
          padding: '16px 8px',
          border: '2px solid #1677ff',
          borderRadius: 12,
          background: '#f0f5ff',
        }}
        data-testid="show-id-card"
      >
        <IdcardOutlined style={{ fontSize: 36, color: '#1677ff' }} />
        <div style={{ fontSize: 22, marginTop: 4 }}>{visit.technician.name}</div>
        <div style={{ fontSize: 13, color: '#8c8c8c' }}>{t('field.showId.staffNo')}</div>
        <div style={{ fontSize: 40, fontWeight: 700, letterSpacing: 2 }} data-testid="show-id-staff-no">
          {visit.technician.staffNo}
        </div>
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('field.showId.hint')}
      </Typography.Paragraph>
      <GeneralErrors />
      <BigButton
        icon={<CheckOutlined />}
        loading={action.isPending}
        data-testid="step-submit"
        onClick={() => action.step(visit, { step: 'show_id' })}
      >
        {t('field.showId.submit')}
      </BigButton>
    </StepErrorsProvider>
  );
}
