import type { Part, StockLocation } from '@shared/contracts/parts.contract';
import { LOCATION_KIND_LABELS, type LocationKind } from '@shared/domain/parts';
import { useI18n } from '@web/lib/i18n';
import { type RefSelectProps, Select, type SelectProps } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useParts } from '../api/list-parts';
import { useStockLocations } from '../api/list-stock-locations';

/** A part picker searching the catalog on the server (code, name, spec, compatible model). */
export function PartSelect({
  value,
  onChange,
  onPicked,
  testId,
  size,
  placeholder,
  id,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  onPicked?: (part: Part | undefined) => void;
  testId: string;
  size?: SelectProps['size'];
  placeholder?: string;
  id?: string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const parts = useParts({ q: q.trim() || undefined, pageSize: '30', active: 'true' });
  const [picked, setPicked] = useState<Part | undefined>();
  const ref = useRef<RefSelectProps>(null);
  const options = useMemo(() => {
    const items = parts.data?.items ?? [];
    const list = picked && !items.some((p) => p.id === picked.id) ? [picked, ...items] : items;
    return list.map((p) => ({ value: p.id, label: `${p.code} ${p.name}${p.spec ? ` · ${p.spec}` : ''}`, part: p }));
  }, [parts.data, picked]);
  return (
    <Select
      ref={ref}
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      size={size}
      value={value ?? null}
      placeholder={placeholder ?? t('req.field.partSearch')}
      loading={parts.isFetching}
      options={options}
      onChange={(v, option) => {
        const part = (option as { part?: Part } | undefined)?.part;
        setPicked(part);
        onChange?.(v);
        onPicked?.(part);
        // A picker that adds lines (requisitions) clears itself: close the list so the lines show on a phone.
        if (onPicked && part) ref.current?.blur();
      }}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

/** The stock locations the reader may see (central, own branch's stores and vans). */
export function useLocationOptions(kinds?: readonly LocationKind[]) {
  const { lang } = useI18n();
  const locations = useStockLocations({ pageSize: '200' });
  return useMemo(() => {
    const items: StockLocation[] = (locations.data?.items ?? []).filter(
      (l) => l.active && (!kinds || kinds.includes(l.kind)),
    );
    return {
      items,
      loading: locations.isLoading,
      options: items.map((l) => ({
        value: l.id,
        label: `${l.code} ${l.name} (${LOCATION_KIND_LABELS[l.kind][lang]})`,
      })),
    };
  }, [locations.data, locations.isLoading, kinds, lang]);
}

export function LocationSelect({
  value,
  onChange,
  kinds,
  testId,
  allowClear,
  placeholder,
  id,
  style,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  kinds?: readonly LocationKind[];
  testId: string;
  allowClear?: boolean;
  placeholder?: string;
  id?: string;
  style?: React.CSSProperties;
}) {
  const { options, loading } = useLocationOptions(kinds);
  return (
    <Select
      id={id}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      value={value}
      onChange={onChange}
      options={options}
      loading={loading}
      placeholder={placeholder}
      style={{ width: '100%', ...style }}
      data-testid={testId}
    />
  );
}
