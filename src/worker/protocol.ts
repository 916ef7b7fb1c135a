// The one message union spoken between the UI and the engine worker. Every request carries a
// numeric id; the worker answers each request exactly once with a reply carrying the same id.
import type { RunRequest, RunResult } from '../engine/api';

export type WorkerMessage =
  /** UI → worker: run one query. */
  | { type: 'run'; id: number; request: RunRequest }
  /** UI → worker: empty the database. */
  | { type: 'reset'; id: number }
  /** worker → UI: the query ran (a Fauna error is still a result: `result.ok === false`). */
  | { type: 'result'; id: number; result: RunResult }
  /** worker → UI: the reset is done. */
  | { type: 'reset-done'; id: number }
  /** worker → UI: the request could not be served (engine failed to open, or threw). */
  | { type: 'failure'; id: number; message: string };

export type WorkerRequest = Extract<WorkerMessage, { type: 'run' | 'reset' }>;
export type WorkerReply = Exclude<WorkerMessage, WorkerRequest>;

export function isWorkerReply(value: unknown): value is WorkerReply {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as { type?: unknown; id?: unknown };
  return (
    typeof m.id === 'number' && (m.type === 'result' || m.type === 'reset-done' || m.type === 'failure')
  );
}

export function isWorkerRequest(value: unknown): value is WorkerRequest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as { type?: unknown; id?: unknown };
  return typeof m.id === 'number' && (m.type === 'run' || m.type === 'reset');
}

/** A readable message for anything thrown. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
