// Renderer entry: styles, the map library's worker, then the app, held on one
// project at a time by the project root (a switch remounts the workspace).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles/app.css';
import './map/maplibre-worker';
import { App } from './App';
import { ProjectRoot } from './project/ProjectRoot';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <ProjectRoot>{(generation) => <App key={generation} />}</ProjectRoot>
  </StrictMode>,
);
