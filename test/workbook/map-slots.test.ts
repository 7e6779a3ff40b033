// Live mini-maps share a few WebGL places: the fifth waits for one to be let go.
import { describe, expect, it } from 'vitest';
import { MapSlots } from '../../renderer/src/workbook/map-slots';

describe('MapSlots', () => {
  it('grants up to its size at once, then queues in order and hands a freed place on', () => {
    const slots = new MapSlots(2);
    const granted: string[] = [];
    const a = slots.request(() => granted.push('a'));
    slots.request(() => granted.push('b'));
    const c = slots.request(() => granted.push('c'));
    slots.request(() => granted.push('d'));
    expect(granted).toEqual(['a', 'b']);
    expect(slots.held).toBe(2);
    a();
    expect(granted).toEqual(['a', 'b', 'c']);
    // Releasing twice frees one place only.
    a();
    expect(granted).toEqual(['a', 'b', 'c']);
    c();
    expect(granted).toEqual(['a', 'b', 'c', 'd']);
    expect(slots.held).toBe(2);
  });

  it('lets a waiting map stop waiting without taking or freeing a place', () => {
    const slots = new MapSlots(1);
    const granted: string[] = [];
    const a = slots.request(() => granted.push('a'));
    const b = slots.request(() => granted.push('b'));
    slots.request(() => granted.push('c'));
    b();
    expect(slots.held).toBe(1);
    a();
    expect(granted).toEqual(['a', 'c']);
  });
});
