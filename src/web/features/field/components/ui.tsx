import { Button, type ButtonProps, Checkbox, Flex, Tag } from 'antd';
import type { ReactNode } from 'react';

/** The step's main action: full width, 56 px high (one thumb on a ladder). */
export function BigButton(props: ButtonProps & { 'data-testid'?: string }) {
  return (
    <Button
      type="primary"
      block
      size="large"
      {...props}
      style={{ height: 56, fontSize: 18, marginTop: 12, ...props.style }}
    />
  );
}

/** A checklist line: the whole row is the target (≥ 48 px). */
export function CheckRow({
  checked,
  onChange,
  testId,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Checkbox
      checked={checked}
      onChange={(e) => onChange(e.target.checked)}
      data-testid={testId}
      style={{
        display: 'flex',
        alignItems: 'center',
        minHeight: 48,
        fontSize: 16,
        padding: '4px 8px',
        marginInlineStart: 0,
        border: '1px solid #f0f0f0',
        borderRadius: 8,
        background: checked ? '#f6ffed' : '#fff',
      }}
    >
      {children}
    </Checkbox>
  );
}

/** Tappable choices (one of them), each ≥ 44 px. */
export function Chips<T extends string | number>({
  options,
  value,
  onChange,
  testId,
}: {
  options: { value: T; label: ReactNode }[];
  value: T | undefined;
  onChange: (v: T) => void;
  testId: string;
}) {
  return (
    <Flex wrap gap={8}>
      {options.map((o) => (
        <Tag.CheckableTag
          key={String(o.value)}
          checked={value === o.value}
          onChange={() => onChange(o.value)}
          data-testid={`${testId}-${o.value}`}
          style={{
            padding: '10px 14px',
            fontSize: 16,
            border: '1px solid #d9d9d9',
            marginInlineEnd: 0,
            borderRadius: 8,
          }}
        >
          {o.label}
        </Tag.CheckableTag>
      ))}
    </Flex>
  );
}

export interface Position {
  lat: number;
  lng: number;
  accuracyM?: number;
}

/** The phone's position (browser geolocation); rejects with `denied`, `unavailable` or `timeout`. */
export function currentPosition(timeoutMs = 15_000): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new Error('unavailable'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          lat: Math.round(p.coords.latitude * 1e6) / 1e6,
          lng: Math.round(p.coords.longitude * 1e6) / 1e6,
          accuracyM: Math.min(100_000, Math.round(p.coords.accuracy)),
        }),
      (e) =>
        reject(new Error(e.code === e.PERMISSION_DENIED ? 'denied' : e.code === e.TIMEOUT ? 'timeout' : 'unavailable')),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

/** The position when the user already allowed it (never prompts); undefined otherwise. */
export async function positionIfGranted(): Promise<Position | undefined> {
  try {
    const state = await navigator.permissions?.query({ name: 'geolocation' as PermissionName });
    if (state?.state !== 'granted') return undefined;
    return await currentPosition(8_000);
  } catch {
    return undefined;
  }
}

/** A value typed as text (the phone's numeric keyboard) → a number, or undefined. */
export function parseNumber(text: string): number | undefined {
  const s = text.trim().replace(',', '.');
  if (!s || !/^-?\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}
