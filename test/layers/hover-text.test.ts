// The hover card's words: a proposed site says "proposed" once; an area's
// segment comes from the segments layer whichever layer is hovered (the gap
// type layer used to say "No segment assigned" for every area).
import { describe, expect, it } from 'vitest';
import { layerDetail, segmentText, siteMeta } from '../../renderer/src/components/hover-text';
import { GAP_CATEGORIES } from '../../renderer/src/layers/analysis-catalogue';
import type { LayerDef } from '../../renderer/src/layers/types';

const fill = (id: string, field: string, categories: { value: string; label: string }[]): LayerDef => ({
  id, title: id, subtitle: '', source: { method: 'getAreaLayer', input: { level: 'OA' } }, drawnBy: 'deck', visible: true, opacity: 1, interactive: true,
  style: { type: 'categorical-fill', field, categories: categories.map((c) => ({ ...c, colour: '#000', count: 1 })), otherColour: '#eee', otherCount: 0 },
});
const segments = fill('segments', 'segment', [{ value: '4a', label: 'Multicultural Living' }, { value: '2b', label: 'Cosmopolitan Student Neighbourhoods' }]);
const gapType = fill('gap-type', 'gap_type', GAP_CATEGORIES);
const layers = [segments, gapType];

describe('hover card text', () => {
  it('names a proposed site once, and a real site by its type', () => {
    expect(siteMeta({ type: 'proposed', service: 'GP', proposed: true })).toBe('Proposed site (what-if) · GP');
    expect(siteMeta({ type: 'gp', service: 'GP', proposed: false })).toBe('GP · GP');
    expect(siteMeta({ type: 'health_centre', service: 'GP', proposed: true })).toBe('Proposed site (what-if) · Health centre · GP');
  });

  it('gives the area’s segment while the gap-type layer is hovered, and the gap type it shows', () => {
    const area = { code: 'E00000001', segment: '2b', gap_type: 'accessibility' };
    expect(segmentText(layers, area)).toBe('Cosmopolitan Student Neighbourhoods');
    expect(layerDetail(gapType, area)).toBe('Accessibility (too far)');
    expect(layerDetail(gapType, { ...area, gap_type: null })).toBe('No gap classified');
    // Only an area with no segment says so; the segments layer's own line is the segment.
    expect(segmentText(layers, { code: 'E00000002', segment: null, gap_type: null })).toBe('No segment assigned');
    expect(layerDetail(segments, area)).toBe('');
    expect(segmentText([gapType], area)).toBeNull();
  });
});
