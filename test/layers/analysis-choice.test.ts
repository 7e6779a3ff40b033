// Issue 16.3: after an import the map's analysis choice is one the project
// has, or none; and deck layers are slotted only under base-map layers the
// map's style really holds (else maplibre refuses them: "Cannot add layer
// ... before non-existing layer", and sites fell under the fills).
import { describe, expect, it } from 'vitest';
import { validChoice } from '../../renderer/src/map/analysis-choice';
import { deckBeforeIds } from '../../renderer/src/map/layer-order';
import type { LayerDef } from '../../renderer/src/layers/types';

describe('validChoice', () => {
  it('is null while the project lacks a service; a service alone is an access-only choice', () => {
    expect(validChoice(null, { services: ['GP'], indicators: [] })).toEqual({ service: 'GP', mode: 'walk' });
    expect(validChoice({ service: 'GP', indicator: 'Gone', mode: 'drive' }, { services: ['GP'], indicators: [] })).toEqual({ service: 'GP', mode: 'drive' });
    expect(validChoice({ service: 'GP', indicator: 'Smoking', mode: 'drive' }, { services: [], indicators: ['Smoking'] })).toBeNull();
  });

  it('keeps the analyst\'s choice while it is still in the project, and falls back to the first of each when not', () => {
    const mine = { service: 'Pharmacy', indicator: 'Falls', mode: 'drive' as const, base: 'persons' as const };
    expect(validChoice(mine, { services: ['GP', 'Pharmacy'], indicators: ['Falls', 'Smoking'] })).toBe(mine);
    expect(validChoice(mine, { services: ['GP'], indicators: ['Falls', 'Smoking'] })).toEqual({ service: 'GP', indicator: 'Falls', mode: 'drive', base: 'persons' });
    expect(validChoice({ service: '', indicator: '', mode: 'walk' }, { services: ['GP'], indicators: ['Smoking'] })).toEqual({ service: 'GP', indicator: 'Smoking', mode: 'walk' });
  });
});

describe('deckBeforeIds', () => {
  const outline = (id: string): LayerDef => ({
    id, title: id, source: { method: 'getAreaLayer', input: { level: id } }, drawnBy: 'basemap', visible: true, opacity: 1, interactive: false,
    style: { type: 'outline', colour: '#000', width: 1, label: id },
  }) as LayerDef;
  const deck = (id: string): LayerDef => ({ ...outline(id), drawnBy: 'deck' }) as LayerDef;
  // Bottom to top: fills, OA outline, LSOA outline, sites.
  const defs = [deck('segments'), outline('boundaries-OA'), outline('boundaries-LSOA'), deck('sites')];

  it('slots each deck layer under the first base-map layer above it', () => {
    expect(deckBeforeIds(defs)).toEqual(new Map([['sites', undefined], ['segments', 'boundaries-OA:line']]));
  });

  it('skips a base-map layer the style does not hold and slots under the next one that it does', () => {
    const inStyle = (id: string) => id === 'boundaries-LSOA:line';
    expect(deckBeforeIds(defs, inStyle).get('segments')).toBe('boundaries-LSOA:line');
    expect(deckBeforeIds(defs, () => false).get('segments')).toBeUndefined();
  });
});
