// Entry point of the engine for every host: the worker, the Node server and tests.
export type { Lang, RunRequest, RunResult, QueryError, V10Stats, V4Metrics, Metrics, Span } from './api';
export { openEngine, type Engine, type EngineOptions } from './engine';
