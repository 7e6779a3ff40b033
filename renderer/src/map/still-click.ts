// A click that does not move the map draws no map frame (issue 18). maplibre's
// mouse pan counts as active from the press, so its release "ends" a pan that
// never moved, and maplibre draws a whole frame for it: every polygon of a
// national level again, ~1.8 s of the GPU process's CPU at zoom 13 (software
// WebGL), and the clicked area's panel reached the screen only with that frame.
// Made active by the first move past the click tolerance instead, a drag pans
// as before. An active handler is also what stopped the map's motion (a
// fling's glide, a camera flight) at a press: that is done here instead, on a
// press while the map moves, so a still map's still click still draws nothing.
import type { Map as MapLibreMap } from 'maplibre-gl';

interface MousePan {
  _activateOnStart?: boolean;
}

/** maplibre's mouse pan takes the main button only (handler/mouse.ts). */
const MAIN_BUTTON = 0;

/**
 * Leaves the map's mouse pan inactive until the pointer moves, and stops the map at a press of the button it
 * pans with while it moves; false (and nothing changed) when this maplibre has no such switch.
 */
export function noFrameForStillClicks(map: MapLibreMap): boolean {
  const pan = (map.dragPan as unknown as { _mousePan?: MousePan })._mousePan;
  if (typeof pan?._activateOnStart !== 'boolean') return false;
  pan._activateOnStart = false;
  // Captured on the canvas's container, so it comes before maplibre's handlers take the press (they listen there
  // as it bubbles): the map is stopped first, as it was when the pan went active at the press.
  map.getCanvasContainer().addEventListener(
    'mousedown',
    (e) => {
      if (e.button === MAIN_BUTTON && !e.ctrlKey && map.isMoving()) map.stop();
    },
    { capture: true },
  );
  return true;
}
