import { Select, type SelectProps } from 'antd';
import { useSuppliers } from '../api/list-suppliers';

/** The active suppliers (up to 200, by code); the server checks the contract behind a choice. */
export function SupplierSelect({
  value,
  onChange,
  testId,
  allowClear,
  placeholder,
  size,
  style,
}: {
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  testId: string;
  allowClear?: boolean;
  placeholder?: string;
  size?: SelectProps['size'];
  style?: React.CSSProperties;
}) {
  const suppliers = useSuppliers({ pageSize: '200', active: 'true' });
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      size={size}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      placeholder={placeholder}
      loading={suppliers.isLoading}
      options={(suppliers.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
      style={{ width: '100%', ...style }}
      data-testid={testId}
    />
  );
}
