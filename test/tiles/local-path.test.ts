// Base-map files on a network share are refused from the path text alone: on
// Windows, stat-ing \\host\share\x sends an SMB request (with the user's
// credentials) to that host, so no file system call may come first.
import { describe, expect, it } from 'vitest';
import { networkPathReason } from '../../electron/tiles/local-path';

describe('networkPathReason', () => {
  it.each([
    String.raw`\\fileserver\maps\zoomstack.pmtiles`,
    '//fileserver/maps/zoomstack.pmtiles',
    String.raw`\/fileserver/maps/zoomstack.pmtiles`,
    String.raw`/\fileserver\maps\zoomstack.pmtiles`,
    String.raw`\\?\UNC\fileserver\maps\zoomstack.pmtiles`,
    String.raw`\\.\pipe\x`,
    String.raw`\\192.168.1.20@SSL@443\maps\x.mbtiles`,
    String.raw`  \\fileserver\maps\zoomstack.pmtiles`,
  ])('refuses the network or device path %s', (path) => {
    expect(networkPathReason(path)).toMatch(/is on a network share; copy the tile file to this computer/);
  });

  it.each([String.raw`C:\Maps\zoomstack.pmtiles`, 'C:/Maps/zoomstack.pmtiles', String.raw`D:\base maps\leeds.mbtiles`, '/home/analyst/maps/zoomstack.pmtiles', '/srv//maps/x.pmtiles'])(
    'accepts the local path %s',
    (path) => {
      expect(networkPathReason(path)).toBeNull();
    },
  );
});
