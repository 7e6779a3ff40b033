// A yes/no the analyst sets once and expects to find again (legend folded,
// dock open): kept in localStorage under `key`, read once at mount.
import { useEffect, useState } from 'react';

export function useStoredFlag(key: string, initial: boolean): [boolean, (next: boolean | ((was: boolean) => boolean)) => void] {
  const [value, setValue] = useState(() => {
    const stored = localStorage.getItem(key);
    return stored === null ? initial : stored === '1';
  });
  useEffect(() => localStorage.setItem(key, value ? '1' : '0'), [key, value]);
  return [value, setValue];
}
