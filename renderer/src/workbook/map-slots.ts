// A fixed number of places for live mini-maps (each a WebGL context). A map
// that asks while all are held waits, first come first served, and is told
// when one is let go.

export class MapSlots {
  private readonly holders = new Set<symbol>();
  private readonly queue: { key: symbol; granted: () => void }[] = [];

  constructor(readonly size: number) {}

  /** Calls `granted` now or once a place is free; returns the release (also a way to stop waiting). */
  request(granted: () => void): () => void {
    const key = Symbol('slot');
    if (this.holders.size < this.size) {
      this.holders.add(key);
      granted();
    } else {
      this.queue.push({ key, granted });
    }
    return () => this.release(key);
  }

  get held(): number {
    return this.holders.size;
  }

  private release(key: symbol): void {
    const i = this.queue.findIndex((w) => w.key === key);
    if (i >= 0) this.queue.splice(i, 1);
    if (!this.holders.delete(key)) return;
    const next = this.queue.shift();
    if (next) {
      this.holders.add(next.key);
      next.granted();
    }
  }
}
