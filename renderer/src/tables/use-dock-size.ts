// The dock's height: dragged with the pointer or moved with the arrow keys on
// the separator, kept between sessions, and never so tall the map vanishes.
import { useCallback, useEffect, useState } from 'react';

const KEY = 'cgm-dock-height';
export const MIN_HEIGHT = 180;

function maxHeight(): number {
  // Leave the map at least 200px under the 48px header and beside the 26px status bar.
  return Math.max(MIN_HEIGHT, window.innerHeight - 48 - 26 - 200);
}

/**
 * The first height, before the analyst drags it: 42% of the window, but never
 * more than 40% of the room between header and status bar, so a 1366×768
 * screen keeps a map of about 1066×416 px (was 370 px high).
 */
export function defaultHeight(windowHeight: number): number {
  return Math.round(Math.min(windowHeight * 0.42, (windowHeight - 48 - 26) * 0.4));
}

function clamp(h: number): number {
  return Math.round(Math.min(maxHeight(), Math.max(MIN_HEIGHT, h)));
}

export function useDockSize() {
  const [height, setHeightRaw] = useState(() => clamp(Number(localStorage.getItem(KEY)) || defaultHeight(window.innerHeight)));
  const setHeight = useCallback((h: number) => setHeightRaw(clamp(h)), []);

  useEffect(() => localStorage.setItem(KEY, String(height)), [height]);
  useEffect(() => {
    const onResize = () => setHeightRaw((h) => clamp(h));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const onPointerDown = useCallback(
    (e: React.PointerEvent<HTMLElement>) => {
      e.preventDefault();
      const startY = e.clientY;
      const start = height;
      const target = e.currentTarget;
      target.setPointerCapture(e.pointerId);
      const move = (ev: PointerEvent) => setHeight(start + (startY - ev.clientY));
      const up = () => {
        target.removeEventListener('pointermove', move);
        target.removeEventListener('pointerup', up);
      };
      target.addEventListener('pointermove', move);
      target.addEventListener('pointerup', up);
    },
    [height, setHeight],
  );

  const onKeyDown = useCallback(
    (e: React.KeyboardEvent) => {
      const step = e.shiftKey ? 80 : 20;
      if (e.key === 'ArrowUp') setHeight(height + step);
      else if (e.key === 'ArrowDown') setHeight(height - step);
      else if (e.key === 'Home') setHeight(maxHeight());
      else if (e.key === 'End') setHeight(MIN_HEIGHT);
      else return;
      e.preventDefault();
    },
    [height, setHeight],
  );

  return { height, setHeight, maxHeight, onPointerDown, onKeyDown };
}
