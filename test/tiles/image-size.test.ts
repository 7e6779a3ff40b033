// Tile pixel sizes read from image headers, on genuine encoded files: PNGs from
// pngjs, and JPEG / WebP files made by GDAL (libjpeg, libwebp) kept as small
// fixtures (see fixtures/README.md). Tile files are untrusted input, so every
// truncation of each fixture and assorted garbage must give null, never throw.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { imageSize, rasterTileSize, saneTileSize } from '../../electron/tiles/image-size';
import { solidPng } from './fixtures';

const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, 'fixtures', name)));

function png(width: number, height: number): Buffer {
  const p = new PNG({ width, height });
  p.data.fill(200);
  return PNG.sync.write(p);
}

const GENUINE: [string, Uint8Array, number, number][] = [
  ['PNG 256', solidPng([1, 2, 3], 256), 256, 256],
  ['PNG 512', solidPng([1, 2, 3], 512), 512, 512],
  ['PNG 300 × 200', png(300, 200), 300, 200],
  ['baseline JPEG (SOF0) 512', fixture('jpeg-baseline-512.jpg'), 512, 512],
  ['progressive JPEG (SOF2) 320 × 200', fixture('jpeg-progressive-320x200.jpg'), 320, 200],
  ['lossy WebP (VP8) 512', fixture('webp-lossy-512.webp'), 512, 512],
  ['lossless WebP (VP8L) 320 × 200', fixture('webp-lossless-320x200.webp'), 320, 200],
  ['WebP with alpha (VP8X) 384', fixture('webp-alpha-384.webp'), 384, 384],
];

/** Deterministic bytes, so a failure can be reproduced. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe('imageSize', () => {
  it.each(GENUINE)('reads %s', (_name, bytes, width, height) => {
    expect(imageSize(bytes)).toEqual({ width, height });
  });

  it('gives null, never throws, for every truncation of every genuine file', () => {
    for (const [name, bytes, width, height] of GENUINE) {
      for (let n = 0; n < Math.min(bytes.length, 2048); n++) {
        const got = imageSize(bytes.subarray(0, n));
        // A prefix long enough to hold the header may answer; it must then answer correctly.
        if (got !== null) expect(got, `${name} cut to ${n} bytes`).toEqual({ width, height });
      }
    }
  });

  it('gives null for garbage, empty input and bare signatures', () => {
    for (let seed = 1; seed <= 200; seed++) expect(imageSize(noise(seed * 3, seed))).toBeNull();
    expect(imageSize(new Uint8Array())).toBeNull();
    expect(imageSize(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).toBeNull();
    expect(imageSize(Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toBeNull();
    expect(imageSize(Buffer.from('RIFF\0\0\0\0WEBPVP8 \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0', 'latin1'))).toBeNull();
    expect(imageSize(Buffer.from('\x1a\x05roads', 'latin1'))).toBeNull();
  });

  it('survives hostile JPEG segment lengths and corrupted genuine files', () => {
    // A segment claiming to run past the end, one claiming length 0 (would loop), and scan data before any frame.
    expect(imageSize(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 0, 0]))).toBeNull();
    expect(imageSize(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x00, 0xff, 0xc0, 0, 11, 8, 2, 0, 2, 0, 3, 1, 0x11, 0]))).toBeNull();
    expect(imageSize(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 2, 3, 4, 5, 6]))).toBeNull();
    // Every single byte of the first 200 of each fixture flipped: some other answer is fine, an exception is not.
    for (const [, bytes] of GENUINE) {
      for (let i = 0; i < Math.min(bytes.length, 200); i++) {
        const copy = bytes.slice();
        copy[i] ^= 0xff;
        expect(() => imageSize(copy)).not.toThrow();
      }
    }
  });

  it('skips JPEG segments it does not need, including fill bytes and 0xFF inside them', () => {
    const jpeg = fixture('jpeg-baseline-512.jpg');
    // SOI, an APP1 whose payload is full of 0xFF, two fill bytes, then the genuine file's segments.
    const app1 = [0xff, 0xe1, 0x00, 0x08, 0xff, 0xff, 0xd9, 0xda, 0xff, 0xc0];
    const spliced = Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.from(app1), Buffer.from([0xff, 0xff]), jpeg.subarray(2)]);
    expect(imageSize(spliced)).toEqual({ width: 512, height: 512 });
  });
});

describe('rasterTileSize', () => {
  it('takes the size of a square power-of-two tile', () => {
    expect(rasterTileSize(solidPng([0, 0, 0], 256))).toBe(256);
    expect(rasterTileSize(solidPng([0, 0, 0], 512))).toBe(512);
    expect(rasterTileSize(fixture('webp-lossy-512.webp'))).toBe(512);
    expect(rasterTileSize(png(128, 128))).toBe(128);
  });

  it('believes the tile over the metadata when they disagree', () => {
    expect(rasterTileSize(solidPng([0, 0, 0], 512), '256')).toBe(512);
    expect(rasterTileSize(solidPng([0, 0, 0], 256), 512)).toBe(256);
  });

  it('uses a sane metadata value only when no tile can be measured', () => {
    expect(rasterTileSize(null, '512')).toBe(512);
    expect(rasterTileSize(noise(100, 7), 512)).toBe(512);
    expect(rasterTileSize(solidPng([0, 0, 0], 512).subarray(0, 20), 1024)).toBe(1024);
    for (const bad of ['511', 'big', '', 4096, 32, -512, 512.5, null, undefined, {}]) expect(rasterTileSize(null, bad)).toBe(256);
  });

  it('falls back to 256 for tiles that are not square powers of two, or absurdly sized', () => {
    expect(rasterTileSize(png(512, 256))).toBe(256);
    expect(rasterTileSize(png(300, 300))).toBe(256);
    expect(rasterTileSize(png(32, 32))).toBe(256);
    expect(rasterTileSize(fixture('jpeg-progressive-320x200.jpg'), '512')).toBe(512);
    expect(rasterTileSize(null)).toBe(256);
  });

  it('accepts only powers of two from 64 to 2048 as tile sizes', () => {
    expect([64, 128, 256, 512, 1024, 2048, '512', ' 256 '].map(saneTileSize)).toEqual([64, 128, 256, 512, 1024, 2048, 512, 256]);
    expect([0, 1, 2, 48, 96, 384, 4096, 2 ** 31, NaN, Infinity, '0x200', true].map(saneTileSize)).toEqual(Array(12).fill(null));
  });
});
