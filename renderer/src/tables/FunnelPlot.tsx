// Funnel plot of uptake ratios against expected users, with the 95% and
// 99.8% control limits: areas outside the funnel differ from 1 by more than
// chance. One focus stop: arrow keys walk the points, Enter selects, so the
// plot is usable without a mouse; the gap table holds the same figures.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { FunnelPlotResult } from '../../../shared/contract';
import { selectAreas, useSelection } from '../selection/selection-store';
import { fmtExpected, fmtRatio } from './format';
import { WhatIfNote } from './WhatIfNote';

type Point = FunnelPlotResult['points'][number];

export const POINT_COLOURS = { low998: '#b42318', low95: '#f08c3a', high998: '#1d4f91', high95: '#5b9bd5', none: '#98a2ad' };

function pointClass(p: Point): keyof typeof POINT_COLOURS {
  if (p.significance998 === 'low') return 'low998';
  if (p.significance95 === 'low') return 'low95';
  if (p.significance998 === 'high') return 'high998';
  if (p.significance95 === 'high') return 'high95';
  return 'none';
}

const LEGEND: [keyof typeof POINT_COLOURS, string][] = [
  ['low998', 'Low (99.8%)'], ['low95', 'Low (95%)'], ['none', 'Not significant'], ['high95', 'High (95%)'], ['high998', 'High (99.8%)'],
];

function niceMax(v: number): number {
  const step = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / step) * step;
}

/** The plot area's size in CSS pixels, so text stays readable whatever the dock's height. */
function useSize(fixed?: { width?: number; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: fixed?.width ?? 760, height: fixed?.height ?? 300 });
  useEffect(() => {
    const el = ref.current;
    if (!el || (fixed?.width && fixed?.height)) return;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setSize({ width: fixed?.width ?? Math.max(320, Math.round(width)), height: fixed?.height ?? Math.max(180, Math.round(height)) });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [fixed?.width, fixed?.height]);
  return { ref, ...size };
}

export function FunnelPlot({ funnel, width: fixedWidth, height: fixedHeight }: { funnel: FunnelPlotResult; width?: number; height?: number }) {
  const selection = useSelection();
  const [hover, setHover] = useState<Point | null>(null);
  const [cursor, setCursor] = useState(-1);
  const { ref: plotRef, width, height } = useSize({ width: fixedWidth, height: fixedHeight });
  const clipId = useId();
  const m = { top: 12, right: 18, bottom: 38, left: 48 };
  const points = useMemo(() => [...funnel.points].sort((a, b) => a.expected - b.expected), [funnel.points]);
  const xMax = niceMax(Math.max(1, ...points.map((p) => p.expected)) * 1.05);
  const yMax = Math.max(2, Math.ceil(Math.max(...points.map((p) => p.ratio), 0) * 1.1 * 2) / 2);
  const x = (v: number) => m.left + (v / xMax) * (width - m.left - m.right);
  const y = (v: number) => height - m.bottom - (v / yMax) * (height - m.top - m.bottom);

  const line = (pts: { expected: number; ratio: number }[]) =>
    pts
      .filter((p) => p.expected > 0 && p.expected <= xMax * 1.05 && Number.isFinite(p.ratio) && p.ratio < yMax * 3)
      .sort((a, b) => a.expected - b.expected)
      .map((p, i) => `${i ? 'L' : 'M'}${x(p.expected).toFixed(1)},${y(p.ratio).toFixed(1)}`)
      .join('');
  const xTicks = Array.from({ length: 6 }, (_, i) => (xMax * i) / 5);
  const yTicks = Array.from({ length: Math.floor(yMax / 0.5) + 1 }, (_, i) => i * 0.5);
  const selected = new Set(selection.codes);
  const shown = hover ?? (cursor >= 0 ? points[cursor] : null);

  const onKey = (e: React.KeyboardEvent) => {
    if (!points.length) return;
    if (e.key === 'ArrowRight' || e.key === 'ArrowUp') setCursor((c) => Math.min(points.length - 1, c + 1));
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') setCursor((c) => Math.max(0, c - 1));
    else if ((e.key === 'Enter' || e.key === ' ') && cursor >= 0) selectAreas([points[cursor].code], 'table', points[cursor].name ?? points[cursor].code);
    else return;
    e.preventDefault();
  };

  return (
    <figure className="funnel">
      <WhatIfNote proposedSites={funnel.proposedSites} className="funnel__whatif" />
      <div className="funnel__plot" ref={plotRef}>
        <svg
          className="funnel__svg"
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          role="img"
          tabIndex={0}
          aria-label={`Funnel plot of ${points.length} areas: uptake ratio against expected users. Use the arrow keys to move between areas and Enter to select one.`}
          onKeyDown={onKey}
          onMouseLeave={() => setHover(null)}
        >
          {yTicks.map((t) => (
            <g key={`y${t}`}>
              <line x1={m.left} x2={width - m.right} y1={y(t)} y2={y(t)} className="funnel__grid" />
              <text x={m.left - 6} y={y(t) + 4} className="funnel__tick" textAnchor="end">{t.toFixed(1)}</text>
            </g>
          ))}
          {xTicks.map((t) => (
            <text key={`x${t}`} x={x(t)} y={height - m.bottom + 16} className="funnel__tick" textAnchor="middle">{Math.round(t)}</text>
          ))}
          <text x={(m.left + width - m.right) / 2} y={height - 4} className="funnel__axis" textAnchor="middle">Expected users (from need)</text>
          <text x={12} y={(m.top + height - m.bottom) / 2} className="funnel__axis" textAnchor="middle" transform={`rotate(-90 12 ${(m.top + height - m.bottom) / 2})`}>Uptake ratio</text>
          <clipPath id={clipId}>
            <rect x={m.left} y={m.top} width={width - m.left - m.right} height={height - m.top - m.bottom} />
          </clipPath>
          <g clipPath={`url(#${clipId})`}>
            <path d={line(funnel.limits.upper998)} className="funnel__limit funnel__limit--998" />
            <path d={line(funnel.limits.lower998)} className="funnel__limit funnel__limit--998" />
            <path d={line(funnel.limits.upper95)} className="funnel__limit funnel__limit--95" />
            <path d={line(funnel.limits.lower95)} className="funnel__limit funnel__limit--95" />
          </g>
          <line x1={m.left} x2={width - m.right} y1={y(1)} y2={y(1)} className="funnel__target" />
          {points.map((p, i) => (
            <circle
              key={p.code}
              data-code={p.code}
              className={`funnel__point${selected.has(p.code) ? ' is-selected' : ''}${i === cursor ? ' is-cursor' : ''}`}
              cx={x(p.expected)}
              cy={y(Math.min(p.ratio, yMax))}
              r={selected.has(p.code) ? 6 : 4}
              fill={POINT_COLOURS[pointClass(p)]}
              onMouseEnter={() => setHover(p)}
              onClick={() => selectAreas([p.code], 'table', p.name ?? p.code)}
            />
          ))}
        </svg>
        {shown && (
          <div className={`funnel__tooltip${x(shown.expected) > width - 240 ? ' funnel__tooltip--left' : ''}`} role="status" style={{ left: x(shown.expected), top: y(Math.min(shown.ratio, yMax)) }}>
            <strong>{shown.name ?? shown.code}</strong>
            <span>Uptake ratio {fmtRatio(shown.ratio)} · expected {fmtExpected(shown.expected)}</span>
            <span>{pointClass(shown) === 'none' ? 'Within the 95% limits' : LEGEND.find(([k]) => k === pointClass(shown))![1]}</span>
          </div>
        )}
      </div>
      <figcaption className="funnel__legend">
        {LEGEND.map(([k, label]) => (
          <span key={k} className="funnel__key"><span className="funnel__dot" style={{ background: POINT_COLOURS[k] }} />{label}</span>
        ))}
        <span className="funnel__key"><span className="funnel__dash funnel__dash--95" />95% limits</span>
        <span className="funnel__key"><span className="funnel__dash funnel__dash--998" />99.8% limits</span>
        {funnel.omitted > 0 && <span className="funnel__key dock-muted">{funnel.omitted} areas not plotted (no expected users or suppressed)</span>}
      </figcaption>
    </figure>
  );
}
