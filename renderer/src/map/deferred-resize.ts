// The map follows its container's size one frame late (issue 18). maplibre's
// own observer resizes the canvas in the frame that changed the layout: when
// a click opens the docked area panel, the canvas's new drawing buffer (a
// wait on the GPU process: 0.2-0.9 s in the page under load, software WebGL)
// and the whole map drawn again at the new size came before the panel was
// shown, ~0.8 s at country zoom. Here the frame that changed the layout is
// shown first (the map's old image, clipped by its container, for that
// frame), then the map is resized and redrawn. Map created with trackResize: false.
// When the panel closes, the same old image is narrower than its container
// until the redraw is presented: the strip beside it shows the map area's
// background (the base map's own colour). Filling it sooner would mean the
// whole map drawn at the new size before the close is shown (the wait above),
// or a canvas kept drawn under the panel all the time.
import type { Map as MapLibreMap } from 'maplibre-gl';

/** Resizes `map` to its container after the frame in which the container changed size; returns a stop. */
export function followContainerSizeAfterFrame(map: MapLibreMap): () => void {
  let frame = 0;
  let task: ReturnType<typeof setTimeout> | undefined;
  const resize = () => {
    task = undefined;
    map.resize();
    map.redraw();
  };
  // Observer callbacks run before the frame is painted; the next animation frame comes once it was
  // handed on, and a task after that leaves that frame's own work (the page's commit) to go first.
  // The first callback reports the size the map was made at: the same as its canvas, so nothing to do.
  const observer = new ResizeObserver(() => {
    const container = map.getContainer();
    const canvas = map.getCanvas();
    if (frame || task || (container.clientWidth === canvas.clientWidth && container.clientHeight === canvas.clientHeight)) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      task = setTimeout(resize, 0);
    });
  });
  observer.observe(map.getContainer());
  return () => {
    observer.disconnect();
    cancelAnimationFrame(frame);
    clearTimeout(task);
  };
}
