// Pixel comparison against approved images kept in the repo (test/e2e/approved).
// Tolerant by design: both images are halved (2×2 means) so a pixel of
// anti-aliasing noise averages out, a pixel counts as changed only past a
// per-channel threshold, and a small share of changed pixels is allowed. A
// moved legend or panel changes far more than that share.
//
// UPDATE_APPROVED=1 writes the current images as the approved ones (npm run
// approve:screens); a missing approved image fails the test and says so.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { ROOT, SCREENSHOT_DIR } from './harness';
import { decodePng } from './pixels';

export const APPROVED_DIR = resolve(ROOT, 'test', 'e2e', 'approved');
export const UPDATING = process.env.UPDATE_APPROVED === '1';
const DIFF_DIR = join(SCREENSHOT_DIR, 'approved-diff');

export interface Tolerance {
  /** A pixel differs when any channel differs by more than this (0–255), after halving. */
  threshold: number;
  /** The largest share of differing pixels that still passes. */
  maxShare: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { threshold: 48, maxShare: 0.006 };

/** Half the width and height, each pixel the mean of a 2×2 block (odd edges dropped). */
export function halve(png: PNG): PNG {
  const out = new PNG({ width: Math.floor(png.width / 2), height: Math.floor(png.height / 2) });
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      for (let c = 0; c < 4; c++) {
        let sum = 0;
        for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) sum += png.data[((2 * y + dy) * png.width + 2 * x + dx) * 4 + c];
        out.data[(y * out.width + x) * 4 + c] = Math.round(sum / 4);
      }
    }
  }
  return out;
}

export interface Comparison {
  share: number;
  /** Red where pixels differ, the approved image faded elsewhere. */
  diff: PNG;
}

/** Share of pixels that differ beyond `threshold`; images of different sizes differ everywhere. */
export function compareImages(approved: PNG, actual: PNG, threshold: number): Comparison {
  const diff = new PNG({ width: approved.width, height: approved.height });
  if (approved.width !== actual.width || approved.height !== actual.height) return { share: 1, diff };
  let changed = 0;
  for (let p = 0; p < approved.width * approved.height; p++) {
    const i = p * 4;
    const d = Math.max(...[0, 1, 2].map((c) => Math.abs(approved.data[i + c] - actual.data[i + c])));
    const grey = Math.round(255 - (255 - (approved.data[i] + approved.data[i + 1] + approved.data[i + 2]) / 3) * 0.3);
    const hit = d > threshold;
    if (hit) changed++;
    diff.data.set(hit ? [220, 30, 30, 255] : [grey, grey, grey, 255], i);
  }
  return { share: changed / (approved.width * approved.height), diff };
}

/**
 * Compares a screenshot with test/e2e/approved/<name> (or, when updating,
 * writes it there). On a mismatch the actual image and a diff are left in
 * test-output/screenshots/approved-diff for a reviewer.
 */
export function matchApproved(name: string, screenshot: Buffer, tolerance: Tolerance = DEFAULT_TOLERANCE): { share: number; message: string } {
  const actual = halve(decodePng(screenshot));
  const file = join(APPROVED_DIR, name);
  if (UPDATING) {
    mkdirSync(APPROVED_DIR, { recursive: true });
    writeFileSync(file, PNG.sync.write(actual, { colorType: 2 }));
    return { share: 0, message: `wrote ${file}` };
  }
  if (!existsSync(file)) return { share: 1, message: `no approved image ${file}: review the screen, then run npm run approve:screens` };
  const { share, diff } = compareImages(decodePng(readFileSync(file)), actual, tolerance.threshold);
  if (share > tolerance.maxShare) {
    mkdirSync(DIFF_DIR, { recursive: true });
    writeFileSync(join(DIFF_DIR, name.replace(/\.png$/, '.actual.png')), PNG.sync.write(actual, { colorType: 2 }));
    writeFileSync(join(DIFF_DIR, name.replace(/\.png$/, '.diff.png')), PNG.sync.write(diff, { colorType: 2 }));
  }
  const where = share > tolerance.maxShare ? `; actual and diff in ${DIFF_DIR}` : '';
  return { share, message: `${(share * 100).toFixed(2)}% of pixels differ from ${file} (allowed ${(tolerance.maxShare * 100).toFixed(2)}%)${where}` };
}
