// The analysis layer's public surface, for the CLI, the main process and the renderer.
export * from './rounding';
export * from './distributions';
export * from './intervals';
export * from './uptake';
export * from './funnel';
export * from './hierarchy';
export * from './need';
export * from './profile';
export * from './unmet-need';
export * from './opening-hours';
export * from './gaps';
export * from './strata';
export * from './review';
export * from './disclosure';
