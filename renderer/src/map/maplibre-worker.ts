// Vite rewrites maplibre's own worker URL into a path that does not exist,
// leaving a blank map; point maplibre at the bundled worker file instead.
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);
