// A segment as the tables show it: its map colour, code and name.
import type { LoadedProject } from '../project/types';
import { segmentColour } from './segment-areas';

export function SegmentCell({ project, code, name }: { project: LoadedProject; code: string | null; name: string | null }) {
  return (
    <span className="segment-cell">
      <span className="segment-cell__swatch" style={{ background: segmentColour(project, code) ?? '#c3c8cd' }} aria-hidden="true" />
      <span className="segment-cell__code">{code}</span>
      <span className="segment-cell__name">{name}</span>
    </span>
  );
}
