// cgm isochrones: travel-time bands around a service's sites, as GeoJSON polygons.
import { writeFile } from 'node:fs/promises';
import type { Command } from '../command';
import { CliError, requireOption, stringOption } from '../command';
import { printJson } from '../output';
import { isochrones } from '../../routing/isochrones';
import { loadProfile } from '../../routing/network';
import { serviceTimes } from '../../routing/service-access';
import { minutesOption, modeOption, transitOption } from './travel-options';
import { transitIsochrones } from '../../transit/transit-isochrones';
import type { CliIO, ParsedOptions } from '../command';
import { withProject } from '../with-project';

export const isochronesCommand: Command = {
  name: 'isochrones',
  summary: 'travel-time bands around the sites of a service, written as GeoJSON',
  options: {
    project: { description: 'project file (.gpkg)', required: true },
    service: { description: 'service name in service_sites', required: true },
    mode: { description: 'walk, drive or transit (bands of areas by median public-transport journey; needs --date)', required: true },
    date: { description: 'transit: the day whose timetable is used, YYYY-MM-DD' },
    depart: { description: 'transit: departure window HH:MM-HH:MM (default 08:00-09:00), or opening-hours (every minute a site is open that day, to a site open on arrival)' },
    minutes: { description: 'band limits, e.g. 5,10,15', required: true },
    out: { description: 'output .geojson file', required: true },
    profile: { description: 'travel profile JSON (default: built-in)' },
    rings: { description: 'cumulative (default) or incremental' },
    'per-site': { description: 'one catchment per site instead of all sites together', flag: true },
    'include-proposed': { description: 'count what-if (proposed) sites as open', flag: true },
    'cell-metres': { description: 'grid cell size (default 25 walk, 100 drive; coarser over a national extent, stated as cellMetres)' },
    format: { description: 'json (summary on stdout)' },
  },
  async run(options, io) {
    const transit = transitOption(options);
    if (transit) return transitIsochronesRun(options, io, transit);
    const mode = modeOption(options);
    const rings = stringOption(options, 'rings') ?? 'cumulative';
    if (rings !== 'cumulative' && rings !== 'incremental') throw new CliError('--rings must be cumulative or incremental');
    const cell = stringOption(options, 'cell-metres');
    if (cell !== undefined && !(Number(cell) > 0)) throw new CliError('--cell-metres must be a positive number');
    const profile = await loadProfile(mode, stringOption(options, 'profile'));
    await withProject(requireOption(options, 'project'), async (project) => {
      const started = performance.now();
      const access = serviceTimes(project, { service: requireOption(options, 'service'), profile, existingOnly: !options['include-proposed'] });
      const routed = access.sites.filter((s) => s.snap);
      const fc = isochrones(access.graph, access.times, {
        minutes: minutesOption(options, 'minutes'), mode, rings, perSite: Boolean(options['per-site']),
        sites: routed.map((s) => ({ id: s.id, name: s.name })), cellMeters: cell === undefined ? undefined : Number(cell),
      });
      const out = requireOption(options, 'out');
      await writeFile(out, JSON.stringify(fc) + '\n');
      printJson(io, {
        out, features: fc.features.length, sites: access.sites.length, sitesOffNetwork: access.sites.length - routed.length, cellMetres: fc.cellMetres,
        millis: Math.round(performance.now() - started),
      });
    });
  },
};

async function transitIsochronesRun(options: ParsedOptions, io: CliIO, transit: NonNullable<ReturnType<typeof transitOption>>) {
  const rings = stringOption(options, 'rings') ?? 'cumulative';
  if (rings !== 'cumulative' && rings !== 'incremental') throw new CliError('--rings must be cumulative or incremental');
  await withProject(requireOption(options, 'project'), async (project) => {
    const started = performance.now();
    const fc = transitIsochrones(project, {
      ...transit, service: requireOption(options, 'service'), minutes: minutesOption(options, 'minutes'), rings, includeProposed: Boolean(options['include-proposed']),
    });
    const out = requireOption(options, 'out');
    await writeFile(out, JSON.stringify(fc) + '\n');
    printJson(io, { out, features: fc.features.length, mode: 'transit', millis: Math.round(performance.now() - started) });
  });
}
