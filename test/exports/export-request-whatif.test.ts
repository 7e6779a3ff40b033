// The export dialog's request carries the what-if on screen to every data
// export (tables, layers, GeoPackage, report) and the print page reads whether
// a map counts the proposed sites; the map image itself always draws the map.
import { describe, expect, it } from 'vitest';
import { buildExportRequest, emptyForm, type ExportTab } from '../../renderer/src/export/export-request';
import { readPrintParams } from '../../renderer/src/print/params';
import { ExportPngSchema, exportMethods } from '../../shared/contract/exports';

const form = { ...emptyForm(), layer: 'gaps', gpkgLayers: ['gaps'], png: { ...emptyForm().png, layer: 'gap-type' } };
const choice = { service: 'GP', indicator: 'Need', mode: 'walk' as const, includeProposed: true };

describe('the what-if in export requests', () => {
  it('goes with tables, layers, GeoPackage and report, and passes the contract', () => {
    for (const tab of ['table', 'layer', 'gpkg', 'report'] as ExportTab[]) {
      const built = buildExportRequest(tab, form, choice);
      if (!built.ok) throw new Error(built.problem);
      expect(built.request.input).toMatchObject({ includeProposed: true });
      expect(exportMethods[built.request.method as 'exportTable'].input.parse(built.request.input)).toMatchObject({ includeProposed: true });
    }
    const baseline = buildExportRequest('table', form, { ...choice, includeProposed: undefined });
    expect(baseline.ok && 'includeProposed' in baseline.request.input).toBe(false);
  });

  it('is not sent with a map image, which draws what the map shows', () => {
    const built = buildExportRequest('png', form, choice);
    expect(built.ok && built.request.input).not.toHaveProperty('includeProposed');
    expect(() => ExportPngSchema.parse({ layer: 'gap-type', includeProposed: true })).toThrow();
  });

  it('the print page counts proposed sites unless told proposed=0', () => {
    expect(readPrintParams('?layer=gap-type&w=800&h=600&s=1').includeProposed).toBe(true);
    expect(readPrintParams('?layer=gap-type&w=800&h=600&s=1&proposed=0').includeProposed).toBe(false);
  });
});
