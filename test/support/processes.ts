// The processes under this one (Linux /proc), for tests that a browser an
// export launched is really gone afterwards, not just disconnected.
import { readdirSync, readFileSync } from 'node:fs';

function children(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) out.push(...text.split(' ').map(Number));
    }
  } catch {
    /* ended meanwhile */
  }
  return out;
}

/** Command lines of every live (not zombie) process under this one whose command names `name`. */
export function processesUnderUs(name: string): string[] {
  const found: string[] = [];
  const walk = (pid: number) => {
    for (const child of children(pid)) {
      try {
        const stat = readFileSync(`/proc/${child}/stat`, 'utf8');
        const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
        const cmd = readFileSync(`/proc/${child}/cmdline`, 'utf8').replace(/\0/g, ' ');
        if (state !== 'Z' && cmd.includes(name)) found.push(`${child}: ${cmd.slice(0, 120)}`);
      } catch {
        /* ended meanwhile */
      }
      walk(child);
    }
  };
  walk(process.pid);
  return found;
}
