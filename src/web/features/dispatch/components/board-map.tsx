import type { BoardQueueItem, DispatchBoard } from '@shared/contracts/dispatch.contract';
import { useI18n } from '@web/lib/i18n';
import { Empty, Flex, Typography, theme } from 'antd';
import { useMemo } from 'react';
import { BLOCK_COLORS, blockKind, LATE_COLOR } from '../appearance';
import { formatHm, formatWindow } from '../time';

const W = 480;
const H = 360;
const PAD = 28;
const TILE = 256;
const MIN_ZOOM = 3;
const MAX_ZOOM = 16;
const SINGLE_POINT_ZOOM = 14;

interface LatLng {
  lat: number;
  lng: number;
}

/** Web Mercator: a point → world pixels at zoom 0 (0–256). */
function project(p: LatLng): { x: number; y: number } {
  const lat = Math.max(-85.05112878, Math.min(85.05112878, p.lat));
  const s = Math.sin((lat * Math.PI) / 180);
  return {
    x: ((p.lng + 180) / 360) * TILE,
    y: (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * TILE,
  };
}

/** A round distance (m) that is at most `maxPx` long at this resolution, for the scale bar. */
function niceScale(metersPerPx: number, maxPx: number): { meters: number; px: number } {
  const steps = [50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000];
  let best = steps[0] ?? 100;
  for (const m of steps) if (m / metersPerPx <= maxPx) best = m;
  return { meters: best, px: best / metersPerPx };
}

export function tileHref(template: string, z: number, x: number, y: number): string {
  const n = 2 ** z;
  const wx = ((x % n) + n) % n;
  return template
    .replaceAll('{z}', String(z))
    .replaceAll('{x}', String(wx))
    .replaceAll('{y}', String(y))
    .replaceAll('{s}', ['a', 'b', 'c'][(wx + y) % 3] ?? 'a');
}

type Marker =
  | { kind: 'job'; key: string; p: LatLng; title: string; color: string; late: boolean; workOrderId: string }
  | { kind: 'queue'; key: string; p: LatLng; title: string; breached: boolean; item: BoardQueueItem }
  | { kind: 'tech'; key: string; p: LatLng; title: string }
  | { kind: 'home'; key: string; p: LatLng; title: string };

/**
 * 地图: the day's jobs, the queue and the technicians' last known positions and home bases on a plain SVG
 * (Web-Mercator projection fitted to the points); raster tiles underneath when a tile URL is configured.
 */
export function BoardMap({
  board,
  highlightId,
  onOpenQueueItem,
  onOpenOrder,
}: {
  board: DispatchBoard;
  highlightId: string | undefined;
  onOpenQueueItem: (item: BoardQueueItem) => void;
  onOpenOrder: (workOrderId: string) => void;
}) {
  const { t } = useI18n();
  const { token } = theme.useToken();

  const markers = useMemo<Marker[]>(() => {
    const out: Marker[] = [];
    for (const tech of board.technicians) {
      out.push({
        kind: 'home',
        key: `home-${tech.id}`,
        p: tech.home,
        title: t('board.map.home', { name: tech.name }),
      });
      if (tech.lastPosition) {
        out.push({
          kind: 'tech',
          key: `pos-${tech.id}`,
          p: tech.lastPosition,
          title: t('board.map.position', { name: tech.name, at: formatHm(tech.lastPosition.at, board.timeZone) }),
        });
      }
      for (const a of tech.appointments) {
        if (!a.point) continue;
        out.push({
          kind: 'job',
          key: `job-${a.assignmentId}`,
          p: a.point,
          title: `${a.workOrderNumber} · ${tech.name} · ${formatWindow(a.window, board.timeZone)}`,
          color: BLOCK_COLORS[blockKind(a)].border,
          late: a.late,
          workOrderId: a.workOrderId,
        });
      }
    }
    for (const q of board.queue) {
      if (!q.point) continue;
      out.push({
        kind: 'queue',
        key: `queue-${q.workOrderId}`,
        p: q.point,
        title: `${q.workOrderNumber} · ${q.district}`,
        breached: q.breached,
        item: q,
      });
    }
    return out;
  }, [board, t]);

  const view = useMemo(() => {
    if (markers.length === 0) return undefined;
    const pts = markers.map((m) => project(m.p));
    const minX = Math.min(...pts.map((p) => p.x));
    const maxX = Math.max(...pts.map((p) => p.x));
    const minY = Math.min(...pts.map((p) => p.y));
    const maxY = Math.max(...pts.map((p) => p.y));
    const dx = maxX - minX;
    const dy = maxY - minY;
    let z = SINGLE_POINT_ZOOM;
    if (dx > 0 || dy > 0) {
      const fit = Math.min(
        dx > 0 ? (W - 2 * PAD) / dx : Number.POSITIVE_INFINITY,
        dy > 0 ? (H - 2 * PAD) / dy : Number.POSITIVE_INFINITY,
      );
      z = Math.floor(Math.log2(fit));
    }
    z = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    const scale = 2 ** z;
    const cx = ((minX + maxX) / 2) * scale;
    const cy = ((minY + maxY) / 2) * scale;
    const ox = cx - W / 2;
    const oy = cy - H / 2;
    const centreLat = markers.reduce((s, m) => s + m.p.lat, 0) / markers.length;
    const metersPerPx = (156_543.033_92 * Math.cos((centreLat * Math.PI) / 180)) / scale;
    return { z, scale, ox, oy, metersPerPx };
  }, [markers]);

  if (!view) {
    return (
      <div data-testid="board-map">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.map.empty')} />
      </div>
    );
  }

  const at = (p: LatLng) => {
    const w = project(p);
    return { x: w.x * view.scale - view.ox, y: w.y * view.scale - view.oy };
  };

  const tiles: { key: string; href: string; x: number; y: number }[] = [];
  if (board.tileUrl) {
    const n = 2 ** view.z;
    const x0 = Math.floor(view.ox / TILE);
    const x1 = Math.floor((view.ox + W) / TILE);
    const y0 = Math.max(0, Math.floor(view.oy / TILE));
    const y1 = Math.min(n - 1, Math.floor((view.oy + H) / TILE));
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        tiles.push({
          key: `${view.z}/${x}/${y}`,
          href: tileHref(board.tileUrl, view.z, x, y),
          x: x * TILE - view.ox,
          y: y * TILE - view.oy,
        });
      }
    }
  }
  const scaleBar = niceScale(view.metersPerPx, 110);
  const order: Record<Marker['kind'], number> = { home: 0, job: 1, tech: 2, queue: 3 };
  const sorted = [...markers].sort((a, b) => order[a.kind] - order[b.kind]);

  return (
    <div data-testid="board-map" data-zoom={view.z} data-tiles={tiles.length}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={t('board.map.title')}
        style={{
          width: '100%',
          height: 'auto',
          display: 'block',
          background: '#eef2f5',
          borderRadius: 6,
          border: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        <defs>
          <pattern id="board-map-grid" width="40" height="40" patternUnits="userSpaceOnUse">
            <path d="M 40 0 L 0 0 0 40" fill="none" stroke="#dde3e8" strokeWidth="1" />
          </pattern>
        </defs>
        <rect width={W} height={H} fill="url(#board-map-grid)" />
        {tiles.length > 0 ? (
          <g data-testid="board-map-tiles">
            {tiles.map((tile) => (
              <image
                key={tile.key}
                href={tile.href}
                x={tile.x}
                y={tile.y}
                width={TILE}
                height={TILE}
                preserveAspectRatio="none"
              />
            ))}
          </g>
        ) : null}
        {sorted.map((m) => {
          const { x, y } = at(m.p);
          if (m.kind === 'home') {
            return (
              <rect
                key={m.key}
                data-testid="board-map-point"
                data-kind="home"
                x={x - 3}
                y={y - 3}
                width={6}
                height={6}
                fill="#fff"
                stroke="#8c8c8c"
                strokeWidth={1.5}
              >
                <title>{m.title}</title>
              </rect>
            );
          }
          if (m.kind === 'tech') {
            return (
              <circle
                key={m.key}
                data-testid="board-map-point"
                data-kind="technician"
                cx={x}
                cy={y}
                r={5}
                fill="#1677ff"
                stroke="#fff"
                strokeWidth={2}
              >
                <title>{m.title}</title>
              </circle>
            );
          }
          if (m.kind === 'job') {
            return (
              // biome-ignore lint/a11y/useSemanticElements: an SVG marker; the same order is reachable from its block
              <circle
                key={m.key}
                data-testid="board-map-point"
                data-kind="job"
                role="button"
                tabIndex={-1}
                cx={x}
                cy={y}
                r={6}
                fill={m.color}
                stroke={m.late ? LATE_COLOR : '#fff'}
                strokeWidth={m.late ? 3 : 1.5}
                style={{ cursor: 'pointer' }}
                onClick={() => onOpenOrder(m.workOrderId)}
                onKeyDown={() => undefined}
              >
                <title>{m.title}</title>
              </circle>
            );
          }
          const big = highlightId === m.item.workOrderId;
          const r = big ? 10 : 7;
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG marker; the same order is reachable from the queue
            <path
              key={m.key}
              data-testid="board-map-point"
              data-kind="queue"
              role="button"
              tabIndex={-1}
              d={`M ${x} ${y - r} L ${x + r} ${y} L ${x} ${y + r} L ${x - r} ${y} Z`}
              fill={m.breached ? '#ff4d4f' : '#fa8c16'}
              stroke={big ? '#000' : '#fff'}
              strokeWidth={big ? 2 : 1.5}
              style={{ cursor: 'pointer' }}
              onClick={() => onOpenQueueItem(m.item)}
              onKeyDown={() => undefined}
            >
              <title>{m.title}</title>
            </path>
          );
        })}
        <g transform={`translate(${W - scaleBar.px - 14}, ${H - 14})`} data-testid="board-map-scale">
          <rect x={-6} y={-18} width={scaleBar.px + 12} height={24} fill="rgba(255,255,255,0.8)" rx={3} />
          <path d={`M 0 -4 L 0 0 L ${scaleBar.px} 0 L ${scaleBar.px} -4`} fill="none" stroke="#333" strokeWidth={1.5} />
          <text x={scaleBar.px / 2} y={-6} textAnchor="middle" fontSize={10} fill="#333">
            {scaleBar.meters >= 1000 ? `${scaleBar.meters / 1000} km` : `${scaleBar.meters} m`}
          </text>
        </g>
      </svg>
      <Flex wrap gap={12} style={{ marginTop: 6, fontSize: 12 }}>
        <Legend color="#fa8c16" shape="diamond" label={t('board.map.legendQueue')} />
        <Legend color={BLOCK_COLORS.accepted.border} shape="circle" label={t('board.map.legendJob')} />
        <Legend color="#1677ff" shape="circle" label={t('board.map.legendTech')} />
        <Legend color="#8c8c8c" shape="square" label={t('board.map.legendHome')} />
        {board.tileUrl ? null : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('board.map.noTiles')}
          </Typography.Text>
        )}
      </Flex>
    </div>
  );
}

function Legend({ color, shape, label }: { color: string; shape: 'circle' | 'square' | 'diamond'; label: string }) {
  return (
    <Flex align="center" gap={4}>
      <svg width={12} height={12} aria-hidden>
        {shape === 'circle' ? <circle cx={6} cy={6} r={5} fill={color} /> : null}
        {shape === 'square' ? (
          <rect x={2} y={2} width={8} height={8} fill="#fff" stroke={color} strokeWidth={1.5} />
        ) : null}
        {shape === 'diamond' ? <path d="M 6 0 L 12 6 L 6 12 L 0 6 Z" fill={color} /> : null}
      </svg>
      <span>{label}</span>
    </Flex>
  );
}
