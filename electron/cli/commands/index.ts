// Every `cgm` command, one module each; adding a command is one line here.
import type { Command } from '../command';
import { demoCommand } from './demo';
import { gapsCommand } from './gaps';
import { profileCommand } from './profile';
import { strataCommand } from './strata';
import { reviewCommand } from './review';
import { baselineDeleteCommand, baselineListCommand, baselineSaveCommand, baselineTargetCommand } from './baseline';
import { settingsCommand } from './settings';
import { excludeCommand } from './exclude';
import { datasetsCommand } from './datasets';
import { infoCommand } from './info';
import { importBoundariesCommand } from './import-boundaries';
import { importSegmentsCommand } from './import-segments';
import { importAssignmentsCommand } from './import-assignments';
import { importPopulationCommand } from './import-population';
import { importPostcodesCommand } from './import-postcodes';
import { importRatesCommand } from './import-rates';
import { importUsersCommand } from './import-users';
import { importSitesCommand } from './import-sites';
import { importSiteHoursCommand } from './import-site-hours';
import { importSegmentProfileCommand } from './import-segment-profile';
import { importLookupCommand } from './import-lookup';
import { importIndicatorsCommand } from './import-indicators';
import { importComparatorCommand } from './import-comparator';
import { indicatorsCommand } from './indicators';
import { crosstabCommand } from './crosstab';
import { newCommand } from './new';
import { traveltimeCommand } from './traveltime';
import { importRoadsCommand } from './import-roads';
import { importGtfsCommand } from './import-gtfs';
import { isochronesCommand } from './isochrones';
import { bandsCommand } from './bands';
import { suggestCommand } from './suggest';
import { exportGeojsonCommand } from './export-geojson';
import { exportCsvCommand } from './export-csv';
import { exportGpkgCommand } from './export-gpkg';
import { exportReportCommand } from './export-report';
import { exportPngCommand } from './export-png';

export const commands: Command[] = [
  newCommand,
  demoCommand,
  infoCommand,
  profileCommand,
  gapsCommand,
  strataCommand,
  reviewCommand,
  baselineSaveCommand,
  baselineListCommand,
  baselineDeleteCommand,
  baselineTargetCommand,
  settingsCommand,
  excludeCommand,
  datasetsCommand,
  traveltimeCommand,
  importRoadsCommand,
  importGtfsCommand,
  isochronesCommand,
  bandsCommand,
  suggestCommand,
  importBoundariesCommand,
  importSegmentsCommand,
  importAssignmentsCommand,
  importPopulationCommand,
  importPostcodesCommand,
  importRatesCommand,
  importUsersCommand,
  importSitesCommand,
  importSiteHoursCommand,
  importSegmentProfileCommand,
  importLookupCommand,
  importIndicatorsCommand,
  importComparatorCommand,
  indicatorsCommand,
  crosstabCommand,
  exportGeojsonCommand,
  exportCsvCommand,
  exportGpkgCommand,
  exportReportCommand,
  exportPngCommand,
];
