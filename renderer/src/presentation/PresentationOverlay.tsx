// The presenter's frame: a large title and the legend in one column on the
// left (so they can never overlap), which view this is, and quiet controls.
// Each view is fitted into the map to the right of that column.
import { useEffect, useRef, type ReactNode } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Presentation } from './use-presentation';
import { clearPadding, fitView } from './fit-view';

interface Props {
  presentation: Presentation;
  title: string;
  legend: ReactNode;
  map: MapLibreMap | null;
}

export function PresentationOverlay({ presentation, title, legend, map }: Props) {
  const view = presentation.views[presentation.index];
  const frame = useRef<HTMLDivElement>(null);
  const side = useRef<HTMLDivElement>(null);
  const controls = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!map || !view) return;
    const fit = (animate: boolean) => {
      // The map's box has just grown to the whole window: let it know before measuring against it.
      map.resize();
      const box = frame.current?.getBoundingClientRect();
      if (!box) return;
      fitView(map, view, clearPadding(box, { side: side.current?.getBoundingClientRect(), controls: controls.current?.getBoundingClientRect() }), animate);
    };
    fit(true);
    // Going full screen (or any resize) changes the room: fit the same view again, at once.
    const onResize = () => fit(false);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [map, view]);

  return (
    <div ref={frame} className="presentation">
      <div ref={side} className="presentation__side">
        <div className="presentation__title">
          <h1>{title}</h1>
          {view && <p>{view.title}</p>}
        </div>
        <div className="presentation__legend">{legend}</div>
      </div>
      <div ref={controls} className="presentation__controls" role="toolbar" aria-label="Presentation">
        <button type="button" onClick={presentation.previous} disabled={presentation.index === 0} aria-label="Previous view">
          ‹
        </button>
        <span aria-live="polite">
          {presentation.index + 1} / {Math.max(1, presentation.views.length)}
        </span>
        <button type="button" onClick={presentation.next} disabled={presentation.index >= presentation.views.length - 1} aria-label="Next view">
          ›
        </button>
        <button type="button" onClick={presentation.stop}>
          Leave (Esc)
        </button>
      </div>
    </div>
  );
}
