// The "Export…" header button and what the dialog needs from the workspace:
// the analysis panel's choice, the map (to save the view as it is now), the
// layers the app shows, and from the services the exportable layers and the
// disclosure note they attach.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { api } from '../api/client';
import type { LayerDef } from '../layers/types';
import type { AnalysisChoice } from '../map/use-analysis';
import type { LoadedProject } from '../project/types';
import { saveCurrentView, useSavedViews } from '../workbook/saved-views';
import { useReadiness } from '../start/use-readiness';
import type { ExportLayerOption } from './DataForms';
import { ExportDialog } from './ExportDialog';
import { activeTransit, useTransitChoice } from '../transit/transit-choice';
import type { ExportChoice } from './export-request';
import '../import/import.css';
import './export.css';

interface Props {
  project: LoadedProject;
  map: MapLibreMap | null;
  layers: LayerDef[];
  choice: AnalysisChoice | null;
  /** Proposed sites on the map now (counted as open there), so the files can match it. */
  proposedSites?: number;
}

const isAreaFill = (l: LayerDef) => l.style.type.endsWith('-fill');

/** The area fill on top of the map now (the app holds layers bottom to top). */
function currentLayerId(layers: LayerDef[]): string {
  const top = [...layers].reverse();
  return (top.find((l) => l.visible && isAreaFill(l)) ?? top.find((l) => l.visible) ?? top[0])?.id ?? '';
}

export function ExportController({ project, map, layers, choice, proposedSites = 0 }: Props) {
  const [open, setOpen] = useState(false);
  const [exportLayers, setExportLayers] = useState<ExportLayerOption[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const views = useSavedViews();
  const readiness = useReadiness(open ? project : null);

  // Asked afresh on each opening: an import or a new analysis may have added layers.
  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    api.call('listExportLayers', {}).then((l) => !cancelled && setExportLayers(l), () => !cancelled && setExportLayers([]));
    api.call('getMapCredits', { sources: [] }).then((c) => !cancelled && setNote(c.disclosureNote), () => {});
    return () => {
      cancelled = true;
    };
  }, [open]);

  // The day and window the dock's public-transport columns show: the bands file and report carry the same.
  const transitChoice = useTransitChoice();
  const transit = useMemo(() => activeTransit(transitChoice), [transitChoice]);
  const exportChoice: ExportChoice = useMemo(
    () => ({
      service: choice?.service, indicator: choice?.indicator, mode: choice?.mode, ...(choice?.base ? { base: choice.base } : {}),
      ...(choice?.period ? { period: choice.period } : {}), scheme: project.scheme ?? undefined, level: project.level,
      ...(project.segmentLevel ? { segmentLevel: project.segmentLevel } : {}),
      ...(transit && project.info.transit ? { transit } : {}),
    }),
    [choice, project.scheme, project.level, project.segmentLevel, transit, project.info.transit],
  );

  const onSaveView = useCallback(
    (name: string) => {
      if (!map) return Promise.resolve();
      const visible = Object.fromEntries(layers.map((l) => [l.id, l.visible]));
      // The print page reads the analysis choice from the view, so the image matches the analysis panel.
      return saveCurrentView(map, name, visible, choice ? { service: choice.service, indicator: choice.indicator, mode: choice.mode } : {});
    },
    [map, layers, choice],
  );

  const close = useCallback(() => setOpen(false), []);

  return (
    <>
      <button type="button" className="header-button" onClick={() => setOpen(true)} title="Export a map image, tables, layers or the report (with disclosure control)">
        Export…
      </button>
      {open && (
        <ExportDialog
          choice={exportChoice}
          disclosureNote={note}
          views={views}
          pngLayers={[...layers].reverse().map((l) => ({ id: l.id, title: l.title }))}
          currentLayer={currentLayerId(layers)}
          exportLayers={exportLayers}
          readiness={readiness}
          onSaveView={map ? onSaveView : null}
          onClose={close}
          proposedSites={proposedSites}
        />
      )}
    </>
  );
}
