import { Typography } from 'antd';

/** Pretty-printed JSON in a scrollable block (audit before/after). */
export function JsonView({ value, empty }: { value: unknown; empty: string }) {
  if (value === null || value === undefined) {
    return (
      <div style={{ marginTop: 4 }}>
        <Typography.Text type="secondary">{empty}</Typography.Text>
      </div>
    );
  }
  return (
    <pre
      style={{
        margin: '4px 0 0',
        padding: 8,
        maxHeight: 320,
        overflow: 'auto',
        background: 'rgba(0,0,0,0.03)',
        border: '1px solid rgba(0,0,0,0.06)',
        borderRadius: 6,
        fontSize: 12,
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
      }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
