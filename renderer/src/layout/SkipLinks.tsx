// Skip links: the first stops of the Tab order, shown only when focused, so a
// keyboard user reaches the map, the layer list or the analysis dock in a few
// presses instead of tabbing through every header and sidebar control.
import type { MouseEvent } from 'react';
import './layout.css';

interface Target {
  label: string;
  /** The element focused: the first that exists of these selectors. */
  selectors: string[];
}

const TARGETS: Target[] = [
  { label: 'Skip to the map', selectors: ['.map-canvas canvas.maplibregl-canvas'] },
  { label: 'Skip to the layers', selectors: ['.layer-panel .layer-list input', '#layers-heading'] },
  { label: 'Skip to the analysis dock', selectors: ['.dock-tabs [role="tab"][tabindex="0"]', '.dock-toggle'] },
];

function focusFirst(selectors: string[]): boolean {
  for (const s of selectors) {
    const el = document.querySelector<HTMLElement>(s);
    if (!el) continue;
    if (el.tabIndex < 0 && !el.matches('input, button, select, textarea, [href]')) el.tabIndex = -1;
    el.focus();
    el.scrollIntoView({ block: 'nearest' });
    return true;
  }
  return false;
}

export function SkipLinks() {
  const go = (e: MouseEvent, target: Target) => {
    if (focusFirst(target.selectors)) e.preventDefault();
  };
  return (
    <nav className="skip-links" aria-label="Skip links">
      {TARGETS.map((t) => (
        <a key={t.label} className="skip-link" href="#root" onClick={(e) => go(e, t)}>
          {t.label}
        </a>
      ))}
    </nav>
  );
}
