import { useI18n } from '@web/lib/i18n';
import { Flex, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

export interface HmWindow {
  /** "HH:MM" wall-clock times of the board's day, in the branch's zone. */
  start: string;
  end: string;
}

function addMinutes(hhmm: string, minutes: number): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  const total = Math.min(23 * 60 + 59, Math.max(0, h * 60 + m + minutes));
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

export function minutesOf(w: HmWindow): number {
  const [sh = 0, sm = 0] = w.start.split(':').map(Number);
  const [eh = 0, em = 0] = w.end.split(':').map(Number);
  return eh * 60 + em - (sh * 60 + sm);
}

/** "HH:MM" ↔ a Dayjs that only carries the wall-clock time (the picker shows it as it is, whatever the zone). */
function toPicker(hhmm: string): Dayjs {
  return dayjs(`2000-01-01T${hhmm}:00`);
}

/**
 * The appointment window as two 24-hour time pickers (15-minute steps; typing "14:30" works too). Changing the
 * start keeps the length.
 */
export function WindowFields({
  value,
  onChange,
  date,
  testId,
}: {
  value: HmWindow;
  onChange: (w: HmWindow) => void;
  date: string;
  testId: string;
}) {
  const { t } = useI18n();
  const length = minutesOf(value);
  return (
    <Flex align="center" gap={8} wrap data-testid={testId}>
      <Typography.Text>{date}</Typography.Text>
      <TimePicker
        format="HH:mm"
        minuteStep={15}
        needConfirm={false}
        allowClear={false}
        showNow={false}
        value={toPicker(value.start)}
        aria-label={t('board.windowStart')}
        data-testid={`${testId}-start`}
        style={{ width: 110 }}
        onChange={(v) => {
          if (!v) return;
          const start = v.format('HH:mm');
          onChange({ start, end: addMinutes(start, length > 0 ? length : 60) });
        }}
      />
      <span>–</span>
      <TimePicker
        format="HH:mm"
        minuteStep={15}
        needConfirm={false}
        allowClear={false}
        showNow={false}
        value={toPicker(value.end)}
        aria-label={t('board.windowEnd')}
        data-testid={`${testId}-end`}
        style={{ width: 110 }}
        onChange={(v) => {
          if (v) onChange({ start: value.start, end: v.format('HH:mm') });
        }}
      />
      <Typography.Text type={length > 0 ? 'secondary' : 'danger'} style={{ fontSize: 12 }}>
        {length > 0 ? t('board.duration', { minutes: length }) : t('board.windowInvalid')}
      </Typography.Text>
    </Flex>
  );
}
