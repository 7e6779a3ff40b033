// The presenter's frame: a large title, which view this is, and quiet controls.
import type { Presentation } from './use-presentation';

export function PresentationOverlay({ presentation, title }: { presentation: Presentation; title: string }) {
  const view = presentation.views[presentation.index];
  return (
    <div className="presentation">
      <div className="presentation__title">
        <h1>{title}</h1>
        {view && <p>{view.title}</p>}
      </div>
      <div className="presentation__controls" role="toolbar" aria-label="Presentation">
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
