import { ClearOutlined } from '@ant-design/icons';
import { useI18n } from '@web/lib/i18n';
import { Button, Flex, Typography } from 'antd';
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';

/** The pad's drawing surface in device pixels (white background): a PNG of a few KB to a few tens of KB. */
export const PAD_WIDTH = 600;
export const PAD_HEIGHT = 240;
/** The server's limit for a signature PNG (SIGNATURE_MAX_BYTES). */
const MAX_BYTES = 200 * 1024;

export interface SignaturePadHandle {
  /** The drawing as PNG base64 without the data: prefix; null when nothing was drawn (an empty pad is refused). */
  toPngBase64(): string | null;
  clear(): void;
  isEmpty(): boolean;
}

interface Point {
  x: number;
  y: number;
}

/**
 * A signature drawn with a finger, a pen or a mouse (pointer events): strokes smoothed with quadratic curves through
 * the midpoints, a clear button, exported as a PNG on a white background (≤ 200 KB).
 */
export const SignaturePad = forwardRef<
  SignaturePadHandle,
  { testId?: string; onChange?: (empty: boolean) => void; label?: string }
>(function SignaturePad({ testId = 'signature-pad', onChange, label }, ref) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const points = useRef<Point[]>([]);
  const drawing = useRef(false);
  const [empty, setEmpty] = useState(true);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  const reset = useCallback(() => {
    const c = canvas.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, c.width, c.height);
    g.strokeStyle = '#111';
    g.lineWidth = 4;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    setEmpty(true);
    onChangeRef.current?.(true);
  }, []);

  useEffect(() => reset(), [reset]);

  useImperativeHandle(
    ref,
    () => ({
      toPngBase64() {
        const c = canvas.current;
        if (!c || empty) return null;
        const data = c.toDataURL('image/png').replace(/^data:[^,]*,/, '');
        // base64 → bytes: 3/4 of the length.
        if ((data.length * 3) / 4 > MAX_BYTES) return null;
        return data;
      },
      clear: reset,
      isEmpty: () => empty,
    }),
    [empty, reset],
  );

  const at = (e: React.PointerEvent<HTMLCanvasElement>): Point => {
    const c = e.currentTarget;
    const r = c.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * c.width, y: ((e.clientY - r.top) / r.height) * c.height };
  };

  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drawing.current = true;
    const p = at(e);
    points.current = [p];
    const g = e.currentTarget.getContext('2d');
    if (!g) return;
    // A dot for a tap.
    g.beginPath();
    g.arc(p.x, p.y, g.lineWidth / 2, 0, Math.PI * 2);
    g.fillStyle = '#111';
    g.fill();
  };

  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    e.preventDefault();
    const g = e.currentTarget.getContext('2d');
    if (!g) return;
    const p = at(e);
    const pts = points.current;
    pts.push(p);
    if (pts.length < 3) {
      const a = pts[0] as Point;
      g.beginPath();
      g.moveTo(a.x, a.y);
      g.lineTo(p.x, p.y);
      g.stroke();
    } else {
      // Smooth: a quadratic curve from the previous midpoint to this midpoint, through the previous point.
      const a = pts[pts.length - 3] as Point;
      const b = pts[pts.length - 2] as Point;
      const m1 = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      const m2 = { x: (b.x + p.x) / 2, y: (b.y + p.y) / 2 };
      g.beginPath();
      g.moveTo(m1.x, m1.y);
      g.quadraticCurveTo(b.x, b.y, m2.x, m2.y);
      g.stroke();
    }
    if (empty) {
      setEmpty(false);
      onChangeRef.current?.(false);
    }
  };

  const up = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    drawing.current = false;
    if (points.current.length === 1 && empty) {
      setEmpty(false);
      onChangeRef.current?.(false);
    }
    e.currentTarget.releasePointerCapture?.(e.pointerId);
  };

  return (
    <div>
      <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
        <Typography.Text type="secondary">{label ?? t('field.sign.here')}</Typography.Text>
        <Button icon={<ClearOutlined />} onClick={reset} data-testid={`${testId}-clear`} style={{ height: 40 }}>
          {t('field.sign.clear')}
        </Button>
      </Flex>
      <canvas
        ref={canvas}
        width={PAD_WIDTH}
        height={PAD_HEIGHT}
        data-testid={testId}
        data-empty={empty ? 'true' : 'false'}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onPointerLeave={up}
        style={{
          width: '100%',
          aspectRatio: `${PAD_WIDTH} / ${PAD_HEIGHT}`,
          border: '2px dashed #bfbfbf',
          borderRadius: 8,
          background: '#fff',
          touchAction: 'none',
          display: 'block',
          cursor: 'crosshair',
        }}
      />
    </div>
  );
});
