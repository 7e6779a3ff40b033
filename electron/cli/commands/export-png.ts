// cgm export png: a saved view or one layer as a finished map (title, legend,
// scale bar, north arrow, sources, disclosure note), drawn by the app's own
// print page in headless Chromium. Sizes: screen, a4, a3 (300 dpi) or WxH.
import type { Command } from '../command';
import { CliError, requireOption, stringOption } from '../command';
import { printJson } from '../output';
import { writeExport } from '../../exports/export-file';
import { printMap } from '../../exports/png-export';
import { paramsFrom, PARAM_OPTIONS, requireExtension } from './export-common';
import { withProject } from '../with-project';

export const exportPngCommand: Command = {
  name: 'export png',
  summary: 'a saved view or a layer as a composed PNG map: screen, a4, a3 (300 dpi) or WIDTHxHEIGHT up to a poster',
  options: {
    project: { description: 'project file', required: true },
    view: { description: 'a saved view, by name' },
    layer: { description: 'or one layer: segments, density, need, user-rate, uptake, need-uptake, gap-type, isochrones, transit-isochrones, user-hexbins, indicator:NAME (an area indicator)...' },
    size: { description: 'screen | a4 | a3 | WIDTHxHEIGHT (default a4)' },
    service: { description: 'service an analysis layer is drawn for (default: the project’s first; a view keeps its own)' },
    indicator: PARAM_OPTIONS.indicator,
    mode: PARAM_OPTIONS.mode,
    date: { description: 'transit-isochrones: the day of the imported timetable, YYYY-MM-DD' },
    depart: { description: 'transit-isochrones: the departure window HH:MM-HH:MM (default 08:00-09:00)' },
    title: { description: 'title (default: the view’s or the layer’s)' },
    subtitle: { description: 'line under the title' },
    out: { description: 'output file (.png)', required: true },
    timeout: { description: 'seconds to wait for the map to draw (default 300)' },
  },
  async run(options, io) {
    const out = requireOption(options, 'out');
    requireExtension(out, ['.png']);
    const view = stringOption(options, 'view');
    const layer = stringOption(options, 'layer');
    if (!view === !layer) throw new CliError('name a saved view (--view) or a layer (--layer), not both');
    const timeout = Number(stringOption(options, 'timeout') ?? 300);
    if (!(timeout > 0)) throw new CliError(`--timeout must be a number of seconds, not "${stringOption(options, 'timeout')}"`);
    const { service, indicator, mode, transit } = paramsFrom(options);
    await withProject(requireOption(options, 'project'), async (project) => {
      const printed = await printMap(project, {
        view, layer, service, indicator, mode, transit, size: stringOption(options, 'size'), title: stringOption(options, 'title'), subtitle: stringOption(options, 'subtitle'),
        timeoutMs: timeout * 1000, note: (m) => io.stderr(`${m}\n`),
      });
      const written = writeExport(out, { filename: out, mimeType: 'image/png', bytes: printed.png }, project.path);
      const { report } = printed;
      // Where the map and legend landed, and the composed text: scripts (and tests) check a PNG without OCR.
      printJson(io, {
        written, bytes: printed.png.length, width: printed.size.width, height: printed.size.height, millis: printed.millis,
        layers: report.layers, mapBox: report.mapBox, camera: report.camera, legendBox: report.legendBox, tiles: report.tiles, text: report.text, basemap: report.basemap,
      });
    });
  },
};
