import { describe, expect, it } from 'vitest';
import { driveAllowed, walkAllowed, waySpeedKmh, wayDirection } from '../../electron/routing/way-access';
import { DEFAULT_DRIVE_PROFILE, DEFAULT_WALK_PROFILE } from '../../shared/travel/profiles';

const walk = DEFAULT_WALK_PROFILE;
const drive = DEFAULT_DRIVE_PROFILE;

describe('walk access', () => {
  it('excludes access=no|private and foot=no|private', () => {
    for (const v of ['no', 'private']) {
      expect(walkAllowed({ highway: 'footway', access: v })).toBe(false);
      expect(walkAllowed({ highway: 'footway', foot: v })).toBe(false);
    }
  });
  it('foot=yes|designated|permissive overrides a denying access', () => {
    for (const v of ['yes', 'designated', 'permissive']) expect(walkAllowed({ access: 'private', foot: v })).toBe(true);
  });
  it('values not listed neither exclude nor override', () => {
    expect(walkAllowed({ access: 'destination' })).toBe(true);
    expect(walkAllowed({ access: 'customers' })).toBe(true);
    expect(walkAllowed({ access: 'no', foot: 'use_sidepath' })).toBe(false);
    expect(walkAllowed({ access: 'no', foot: 'official' })).toBe(false);
  });
  it('tag values match case-sensitively', () => {
    expect(walkAllowed({ access: 'No' })).toBe(true);
    expect(walkAllowed({ access: 'no', foot: 'YES' })).toBe(false);
  });
});

describe('drive access', () => {
  it('excludes access, vehicle, motor_vehicle or motorcar = no|private', () => {
    for (const key of ['access', 'vehicle', 'motor_vehicle', 'motorcar']) {
      for (const v of ['no', 'private']) expect(driveAllowed({ [key]: v })).toBe(false);
    }
  });
  it('a yes on motorcar or motor_vehicle overrides a no on any, with no hierarchy between them', () => {
    for (const v of ['yes', 'designated', 'permissive']) {
      expect(driveAllowed({ motor_vehicle: 'no', motorcar: v })).toBe(true);
      expect(driveAllowed({ motorcar: 'no', motor_vehicle: v })).toBe(true);
      expect(driveAllowed({ access: 'private', vehicle: 'no', motorcar: v })).toBe(true);
    }
  });
  it('vehicle=yes does not override, access=destination does not exclude', () => {
    expect(driveAllowed({ access: 'no', vehicle: 'yes' })).toBe(false);
    expect(driveAllowed({ access: 'destination' })).toBe(true);
    expect(driveAllowed({ motorcar: 'No' })).toBe(true);
  });
  it('foot tags do not matter for driving, car tags do not matter for walking', () => {
    expect(driveAllowed({ foot: 'no' })).toBe(true);
    expect(walkAllowed({ motorcar: 'no', access: 'yes' })).toBe(true);
  });
});

describe('speed and inclusion', () => {
  it('a highway value absent from the profile is not in the graph', () => {
    expect(waySpeedKmh({ highway: 'footway' }, drive)).toBeNull();
    expect(waySpeedKmh({ highway: 'motorway' }, walk)).toBeNull();
    expect(waySpeedKmh({ highway: 'Residential' }, drive)).toBeNull();
    expect(waySpeedKmh({ building: 'yes' }, walk)).toBeNull();
  });
  it('uses the profile speed for included ways', () => {
    expect(waySpeedKmh({ highway: 'motorway' }, drive)).toBe(96);
    expect(waySpeedKmh({ highway: 'trunk_link', access: 'destination' }, walk)).toBe(4.8);
    expect(waySpeedKmh({ highway: 'residential', access: 'private' }, drive)).toBeNull();
  });
});

describe('one-way', () => {
  it('walking ignores every one-way tag', () => {
    expect(wayDirection({ highway: 'residential', oneway: 'yes' }, walk)).toBe('both');
    expect(wayDirection({ highway: 'primary', junction: 'roundabout' }, walk)).toBe('both');
  });
  it('oneway=yes|true|1 forward, -1|reverse backward, no|false|0 both', () => {
    for (const v of ['yes', 'true', '1']) expect(wayDirection({ highway: 'primary', oneway: v }, drive)).toBe('forward');
    for (const v of ['-1', 'reverse']) expect(wayDirection({ highway: 'primary', oneway: v }, drive)).toBe('backward');
    for (const v of ['no', 'false', '0']) expect(wayDirection({ highway: 'primary', oneway: v }, drive)).toBe('both');
  });
  it('roundabouts, circular junctions and motorways are implied one-way', () => {
    expect(wayDirection({ highway: 'primary', junction: 'roundabout' }, drive)).toBe('forward');
    expect(wayDirection({ highway: 'primary', junction: 'circular' }, drive)).toBe('forward');
    expect(wayDirection({ highway: 'motorway' }, drive)).toBe('forward');
    expect(wayDirection({ highway: 'motorway_link' }, drive)).toBe('forward');
    expect(wayDirection({ highway: 'trunk' }, drive)).toBe('both');
  });
  it('an explicit oneway value wins over an implied one', () => {
    expect(wayDirection({ highway: 'primary', junction: 'roundabout', oneway: '-1' }, drive)).toBe('backward');
    expect(wayDirection({ highway: 'motorway', oneway: 'no' }, drive)).toBe('both');
    expect(wayDirection({ highway: 'motorway_link', oneway: 'false' }, drive)).toBe('both');
    expect(wayDirection({ highway: 'primary', junction: 'roundabout', oneway: '0' }, drive)).toBe('both');
  });
  it('any other oneway value counts as untagged', () => {
    expect(wayDirection({ highway: 'residential', oneway: 'alternating' }, drive)).toBe('both');
    expect(wayDirection({ highway: 'residential', oneway: 'Yes' }, drive)).toBe('both');
    expect(wayDirection({ highway: 'primary', junction: 'roundabout', oneway: 'reversible' }, drive)).toBe('forward');
    expect(wayDirection({ highway: 'motorway', oneway: 'yes;no' }, drive)).toBe('forward');
  });
  it('a drive profile with respectOneway=false ignores one-way tags', () => {
    expect(wayDirection({ highway: 'motorway', oneway: 'yes' }, { ...drive, respectOneway: false })).toBe('both');
  });
});
