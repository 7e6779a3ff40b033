// The k nearest of many fixed points by Euclidean distance, from a uniform grid
// of about two points a cell. Snapping ~190,000 area points to a 5M-node road
// network asks this 190,000 times; a grid is built by one counting sort and
// answers from the few cells round the query, where an R-tree (Flatbush) took
// a second to sort the nodes by Hilbert value and as long again to answer.
// Distances are the same sums of squares an R-tree of point boxes computes, so
// the same k points come back in the same ascending order (ties aside).

export interface NearestGrid {
  /**
   * Writes the indexes (into the points given at build) of the `k` points nearest (x, y) into
   * `found`, nearest first, their squared distances into `squared`; returns how many (< k only
   * when the grid holds fewer points).
   */
  nearest(x: number, y: number, k: number, found: Int32Array, squared: Float64Array): number;
}

/** Points per cell on average: a query then reads ~3x3 to 5x5 cells for 8 neighbours. */
const PER_CELL = 2;

export function buildNearestGrid(xs: Float64Array, ys: Float64Array): NearestGrid {
  const count = xs.length;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = xs[i], y = ys[i];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const cellsWanted = Math.max(1, count / PER_CELL);
  const w = maxX - minX, h = maxY - minY;
  // Square cells; the second term keeps a thin strip of points from making a huge, empty grid.
  const cell = Math.max(Math.sqrt((w * h) / cellsWanted), Math.max(w, h) / cellsWanted, 1e-12);
  const cols = Math.floor(w / cell) + 1, rows = Math.floor(h / cell) + 1;
  const column = (x: number) => Math.min(cols - 1, Math.max(0, Math.floor((x - minX) / cell)));
  const row = (y: number) => Math.min(rows - 1, Math.max(0, Math.floor((y - minY) / cell)));

  // Counting sort by cell: the points of cell c are order[start[c]..start[c + 1]), their coordinates
  // copied beside them so a query reads memory in runs.
  const start = new Int32Array(cols * rows + 1);
  const cellOf = new Int32Array(count);
  for (let i = 0; i < count; i++) start[(cellOf[i] = row(ys[i]) * cols + column(xs[i])) + 1]++;
  for (let c = 0; c < cols * rows; c++) start[c + 1] += start[c];
  const fill = start.slice(0, cols * rows);
  const order = new Int32Array(count), cx = new Float64Array(count), cy = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = fill[cellOf[i]]++;
    order[at] = i;
    cx[at] = xs[i];
    cy[at] = ys[i];
  }

  return {
    nearest(x, y, k, found, squared) {
      let n = 0;
      const visit = (c: number) => {
        for (let p = start[c], end = start[c + 1]; p < end; p++) {
          const dx = cx[p] - x, dy = cy[p] - y;
          const d = dx * dx + dy * dy;
          if (n === k && d >= squared[k - 1]) continue;
          // Insertion into the sorted few; an equal distance goes after those already kept.
          let j = n < k ? n++ : k - 1;
          while (j > 0 && squared[j - 1] > d) {
            squared[j] = squared[j - 1];
            found[j] = found[j - 1];
            j--;
          }
          squared[j] = d;
          found[j] = order[p];
        }
      };
      const qc = column(x), qr = row(y);
      for (let r = 0; ; r++) {
        const left = qc - r, right = qc + r, bottom = qr - r, top = qr + r;
        if (r === 0) visit(qr * cols + qc);
        else {
          for (let c = Math.max(0, left); c <= Math.min(cols - 1, right); c++) {
            if (bottom >= 0) visit(bottom * cols + c);
            if (top < rows) visit(top * cols + c);
          }
          for (let q = Math.max(0, bottom + 1); q <= Math.min(rows - 1, top - 1); q++) {
            if (left >= 0) visit(q * cols + left);
            if (right < cols) visit(q * cols + right);
          }
        }
        // Cells not yet read lie beyond the block's sides; the nearest of them is at least this far.
        let bound = Infinity;
        if (left > 0) bound = Math.min(bound, x - (minX + left * cell));
        if (right < cols - 1) bound = Math.min(bound, minX + (right + 1) * cell - x);
        if (bottom > 0) bound = Math.min(bound, y - (minY + bottom * cell));
        if (top < rows - 1) bound = Math.min(bound, minY + (top + 1) * cell - y);
        if (bound === Infinity) return n;
        // Less a sliver, as a point's cell came from a division and the bound from a product.
        bound = Math.max(0, bound - cell * 1e-9);
        if (n === k && squared[k - 1] <= bound * bound) return n;
      }
    },
  };
}
