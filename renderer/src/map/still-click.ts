// A click that does not move the map draws no map frame (issue 18). maplibre's
// mouse pan counts as active from the press, so its release "ends" a pan that
// never moved, and maplibre draws a whole frame for it: every polygon of a
// national level again, ~1.8 s of the GPU process's CPU at zoom 13 (software
// WebGL), and the clicked area's panel reached the screen only with that frame.
// Made active by the first move past the click tolerance instead, a drag pans
// as before (and stops a flight under way from its first move, not its press).
import type { Map as MapLibreMap } from 'maplibre-gl';

interface MousePan {
  _activateOnStart?: boolean;
}

/** Leaves the map's mouse pan inactive until the pointer moves; false when this maplibre has no such switch. */
export function noFrameForStillClicks(map: MapLibreMap): boolean {
  const pan = (map.dragPan as unknown as { _mousePan?: MousePan })._mousePan;
  if (typeof pan?._activateOnStart !== 'boolean') return false;
  pan._activateOnStart = false;
  return true;
}
