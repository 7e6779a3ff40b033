// The one contract between the renderer and the main-process services.
// Every request is declared once, with zod schemas for input and output, in
// the files of shared/contract/ by subject; this file puts them together.
// Electron (IPC) and browser mode (loopback HTTP) carry exactly these methods;
// the handlers behind them are the same functions.

import { z } from 'zod';
import { accessMethods } from './contract/access';
import { analysisMethods } from './contract/analysis';
import { areaColumnsMethods } from './contract/area-columns';
import { areaGeometryMethods } from './contract/area-geometry';
import { basemapMethods } from './contract/basemap';
import { exportMethods } from './contract/exports';
import { findMethods } from './contract/find';
import { importMethods } from './contract/import';
import { mapMethods } from './contract/map';
import { projectMethods, type ProgressEvent } from './contract/project';
import { projectFileMethods } from './contract/projects';
import { viewMethods } from './contract/view';
import { reviewMethods } from './contract/review';
import { contextMethods } from './contract/context';
import { workbookMethods } from './contract/workbook';
import { datasetMethods } from './contract/datasets';
import { transitMethods } from './contract/transit';
import { threadMethods } from './contract/threads';

export * from './contract/access';
export * from './contract/analysis';
export * from './contract/area-columns';
export * from './contract/area-geometry';
export * from './contract/basemap';
export * from './contract/exports';
export * from './contract/find';
export * from './contract/import';
export * from './contract/map';
export * from './contract/drag-bands';
export * from './contract/project';
export * from './contract/projects';
export * from './contract/view';
export * from './contract/review';
export * from './contract/context';
export * from './contract/workbook';
export * from './contract/datasets';
export * from './contract/transit';
export * from './contract/threads';

export const contract = {
  ...projectMethods,
  ...areaGeometryMethods,
  ...areaColumnsMethods,
  ...analysisMethods,
  ...accessMethods,
  ...transitMethods,
  ...importMethods,
  ...mapMethods,
  ...workbookMethods,
  ...exportMethods,
  ...basemapMethods,
  ...projectFileMethods,
  ...viewMethods,
  ...findMethods,
  ...reviewMethods,
  ...datasetMethods,
  ...contextMethods,
  ...threadMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** What a handler may use besides its input: progress reporting and cancellation. */
export interface CallContext {
  progress(message: string, fraction: number | null): void;
  signal: AbortSignal;
}

export type Handlers = {
  [M in MethodName]: (input: z.output<Contract[M]['input']>, ctx: CallContext) => Promise<MethodOutput<M>>;
};

/** The renderer's view of the transport; it never knows whether it is IPC or HTTP. */
export interface CgmApi {
  /** `signal` cancels the call: the handler's ctx.signal aborts and the promise rejects with CancelledError. */
  call<M extends MethodName>(method: M, input: MethodInput<M>, options?: { signal?: AbortSignal }): Promise<MethodOutput<M>>;
  onProgress(listener: (event: ProgressEvent) => void): () => void;
}

/** Errors cross the boundary as this shape, so the renderer can show file/row/field. */
export const ApiErrorSchema = z.object({ error: z.string(), code: z.string().optional() });
