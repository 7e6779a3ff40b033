// A GeoPackage layer's spatial index (SQLite's rtree module) built in one go,
// as GDAL's bulk loader does: the tree is packed in memory by Sort-Tile-Recursive
// (Leutenegger et al., 1997) and its nodes written straight into the rtree's
// shadow tables (<rtree>_node, _rowid, _parent). Inserting 190k boxes through
// the virtual table, even in space-filling-curve order, was ~1 s of CPU in a
// national boundary import (a ChooseLeaf, node reads and writes and R*-tree
// splits per box); packing and writing the same entries takes a fraction of it.
// The entries hold exactly what SQLite would store for each box (float32,
// rounded outwards as rtree.c's rtreeValueDown/Up round), so queries, the
// insert/update/delete triggers and rtreecheck() all see an ordinary R-tree.
import type Database from 'better-sqlite3';
import { quoteId as q } from './gpkg';

/** R-tree entries (id, minX, maxX, minY, maxY) gathered while a layer is written. */
export class SpatialBoxes {
  data = new Float64Array(5 * 1024);
  length = 0;

  push(id: number, minX: number, maxX: number, minY: number, maxY: number): void {
    if ((this.length + 1) * 5 > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const o = this.length++ * 5;
    this.data[o] = id;
    this.data[o + 1] = minX;
    this.data[o + 2] = maxX;
    this.data[o + 3] = minY;
    this.data[o + 4] = maxY;
  }
}

// rtree.c: a coordinate that float32 cannot hold exactly is nudged outwards, so a
// stored box always contains the real one.
const RND_TOWARDS = 1 - 1 / 8388608;
const RND_AWAY = 1 + 1 / 8388608;

export function rtreeValueDown(d: number): number {
  const f = Math.fround(d);
  return f > d ? Math.fround(d * (d < 0 ? RND_AWAY : RND_TOWARDS)) : f;
}

export function rtreeValueUp(d: number): number {
  const f = Math.fround(d);
  return f < d ? Math.fround(d * (d < 0 ? RND_TOWARDS : RND_AWAY)) : f;
}

/** id plus minX, maxX, minY, maxY as big-endian float32s: one cell of a 2-D rtree node. */
const CELL_BYTES = 24;
const ROWS_PER_INSERT = 400;


/**
 * Rebuilds the 2-D R-tree `rtree` (created by CREATE VIRTUAL TABLE ... USING
 * rtree(id, minx, maxx, miny, maxy)) to hold the entries it has plus `added`,
 * an id in both taking its box from `added`.
 * Call inside the caller's transaction, with no statement on the R-tree open.
 */
export function packRtree(db: Database.Database, rtree: string, added: SpatialBoxes): void {
  // The feature table is the truth: an entry left behind under one of the new ids (a tool that
  // deleted rows past the delete trigger) is replaced, as the trigger's INSERT OR REPLACE would.
  const addedIds = new Set<number>();
  for (let j = 0; j < added.length; j++) addedIds.add(added.data[5 * j]);
  const existing = (db.prepare(`SELECT id, minx, maxx, miny, maxy FROM ${q(rtree)}`).raw().all() as number[][]).filter((e) => !addedIds.has(e[0]));
  const n = existing.length + added.length;
  if (n === 0) return;
  const ids = new Float64Array(n);
  const boxes = new Float32Array(4 * n);
  existing.forEach((e, i) => {
    ids[i] = e[0];
    for (let k = 0; k < 4; k++) boxes[4 * i + k] = e[k + 1];
  });
  for (let j = 0, i = existing.length; j < added.length; j++, i++) {
    const d = added.data;
    ids[i] = d[5 * j];
    boxes[4 * i] = rtreeValueDown(d[5 * j + 1]);
    boxes[4 * i + 1] = rtreeValueUp(d[5 * j + 2]);
    boxes[4 * i + 2] = rtreeValueDown(d[5 * j + 3]);
    boxes[4 * i + 3] = rtreeValueUp(d[5 * j + 4]);
  }
  const nodeSize = db.prepare(`SELECT length(data) FROM ${q(`${rtree}_node`)} WHERE nodeno = 1`).pluck().get() as number;
  const capacity = Math.floor((nodeSize - 4) / CELL_BYTES);
  const tree = packLevels(boxes, capacity);
  writeTree(db, rtree, nodeSize, ids, boxes, tree);
}

/** One level of the packed tree: node k holds children members[start[k]..start[k+1]) and has box boxes[4k..4k+4). */
interface Level {
  start: Uint32Array;
  members: Uint32Array;
  boxes: Float32Array;
}

/** Levels from the leaves up to a single root; children are entry indexes at level 0, node indexes of the level below above it. */
function packLevels(entryBoxes: Float32Array, capacity: number): Level[] {
  const levels: Level[] = [];
  let boxes = entryBoxes;
  do {
    const level = strPack(boxes, capacity);
    levels.push(level);
    boxes = level.boxes;
  } while (boxes.length > 4);
  return levels;
}

/** Sort-Tile-Recursive: vertical slabs by centre x, each sorted by centre y and cut into full nodes. */
function strPack(boxes: Float32Array, capacity: number): Level {
  const m = boxes.length / 4;
  const nodes = Math.ceil(m / capacity);
  const slab = Math.ceil(Math.sqrt(nodes)) * capacity;
  const cx = (i: number) => boxes[4 * i] + boxes[4 * i + 1];
  const cy = (i: number) => boxes[4 * i + 2] + boxes[4 * i + 3];
  const members = new Uint32Array(m);
  for (let i = 0; i < m; i++) members[i] = i;
  members.sort((a, b) => cx(a) - cx(b) || a - b);
  for (let s = 0; s < m; s += slab) members.subarray(s, Math.min(m, s + slab)).sort((a, b) => cy(a) - cy(b) || a - b);
  const start = new Uint32Array(nodes + 1);
  const out = new Float32Array(4 * nodes);
  let k = 0;
  for (let s = 0; s < m; s += slab) {
    const slabEnd = Math.min(m, s + slab);
    for (let c = s; c < slabEnd; c += capacity) {
      const end = Math.min(slabEnd, c + capacity);
      start[k] = c;
      let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
      for (let j = c; j < end; j++) {
        const b = 4 * members[j];
        if (boxes[b] < minX) minX = boxes[b];
        if (boxes[b + 1] > maxX) maxX = boxes[b + 1];
        if (boxes[b + 2] < minY) minY = boxes[b + 2];
        if (boxes[b + 3] > maxY) maxY = boxes[b + 3];
      }
      out.set([minX, maxX, minY, maxY], 4 * k);
      k++;
    }
  }
  start[k] = m;
  return { start: start.subarray(0, k + 1), members, boxes: out.subarray(0, 4 * k) };
}

/**
 * Node numbers: the root is 1 (rtree.c's fixed root), the rest from 2 upwards,
 * level by level from the top. Every node blob is the tree's full node size,
 * as rtree.c reads it; the root's first two bytes hold the depth.
 */
function writeTree(db: Database.Database, rtree: string, nodeSize: number, ids: Float64Array, entryBoxes: Float32Array, levels: Level[]): void {
  const depth = levels.length - 1;
  // First node number of each level: the top level is the root alone.
  const first: number[] = new Array(levels.length);
  let next = 1;
  for (let l = depth; l >= 0; l--) {
    first[l] = next;
    next += levels[l].start.length - 1;
  }
  const nodes: [number, Uint8Array][] = [];
  const parents: [number, number][] = [];
  const leafOf = new Uint32Array(ids.length);
  for (let l = depth; l >= 0; l--) {
    const { start, members } = levels[l];
    const childBoxes = l === 0 ? entryBoxes : levels[l - 1].boxes;
    for (let k = 0; k + 1 < start.length; k++) {
      const nodeno = first[l] + k;
      const blob = new Uint8Array(nodeSize);
      const view = new DataView(blob.buffer);
      if (nodeno === 1) view.setUint16(0, depth);
      view.setUint16(2, start[k + 1] - start[k]);
      for (let j = start[k], o = 4; j < start[k + 1]; j++, o += CELL_BYTES) {
        const child = members[j];
        const id = l === 0 ? ids[child] : first[l - 1] + child;
        if (l === 0) leafOf[child] = nodeno;
        else parents.push([id, nodeno]);
        const hi = Math.floor(id / 2 ** 32);
        view.setInt32(o, hi);
        view.setUint32(o + 4, id - hi * 2 ** 32);
        for (let c = 0; c < 4; c++) view.setFloat32(o + 8 + 4 * c, childBoxes[4 * child + c]);
      }
      nodes.push([nodeno, blob]);
    }
  }
  const shadow = (suffix: string) => q(`${rtree}_${suffix}`);
  // The rtree's shadow tables are read-only to SQL in defensive mode (better-sqlite3's default).
  db.unsafeMode(true);
  try {
    for (const suffix of ['node', 'rowid', 'parent']) db.exec(`DELETE FROM ${shadow(suffix)}`);
    insertPairs(db, shadow('node'), 'nodeno, data', nodes.length, (k) => nodes[k][0], (k) => nodes[k][1]);
    insertPairs(db, shadow('parent'), 'nodeno, parentnode', parents.length, (k) => parents[k][0], (k) => parents[k][1]);
    // Row ids in ascending order, so the _rowid B-tree grows at its end.
    const byId = new Uint32Array(ids.length);
    for (let i = 0; i < byId.length; i++) byId[i] = i;
    if (!ids.every((id, i) => i === 0 || ids[i - 1] < id)) byId.sort((a, b) => ids[a] - ids[b]);
    insertPairs(db, shadow('rowid'), 'rowid, nodeno', byId.length, (k) => ids[byId[k]], (k) => leafOf[byId[k]]);
  } finally {
    db.unsafeMode(false);
  }
}

/** Rows (first(k), second(k)) for k < count, ROWS_PER_INSERT to a statement, its parameters filled in place (190k row ids nationally). */
function insertPairs(
  db: Database.Database, table: string, columns: string, count: number,
  first: (k: number) => number, second: (k: number) => number | Uint8Array,
): void {
  const sql = (k: number) => `INSERT INTO ${table} (${columns}) VALUES ${new Array(k).fill('(?, ?)').join(', ')}`;
  const full = db.prepare(sql(ROWS_PER_INSERT));
  const params: (number | Uint8Array)[] = new Array(2 * ROWS_PER_INSERT);
  for (let at = 0; at < count; at += ROWS_PER_INSERT) {
    const k = Math.min(ROWS_PER_INSERT, count - at);
    for (let j = 0; j < k; j++) {
      params[2 * j] = first(at + j);
      params[2 * j + 1] = second(at + j);
    }
    if (k === ROWS_PER_INSERT) full.run(params);
    else db.prepare(sql(k)).run(params.slice(0, 2 * k));
  }
}
