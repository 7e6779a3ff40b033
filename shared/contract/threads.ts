// The services' worker threads (analyses and exports, routing) start once the
// page has drawn its first map, not beside it: loading a thread's code (from
// the sources, tsx compiles it) took seconds of CPU that the first map of a
// national project waited behind on two cores (issue 18).
import { Empty } from './common';

export const threadMethods = {
  /** The page has drawn its first map: start the worker threads now, so the first analysis finds one loaded. Asked again, it does nothing. */
  warmWorkerThreads: { input: Empty, output: Empty },
} as const;
