// Runs an example's set-up steps, in order, through the engine client.
import type { RunResult } from '../engine/api';
import type { SetupStep } from '../examples/seeds';
import type { EngineClient } from './engine-client';

export type SetupOutcome =
  | { ok: true; steps: number; alreadyDone: number }
  /** Step `step` (1-based) failed with a Fauna error not listed in its `alreadyDone`. */
  | { ok: false; step: number; steps: number; result: Extract<RunResult, { ok: false }> };

export async function runSetup(client: Pick<EngineClient, 'run'>, steps: readonly SetupStep[]): Promise<SetupOutcome> {
  let alreadyDone = 0;
  for (const [i, step] of steps.entries()) {
    const result = await client.run({ lang: step.lang, source: step.source });
    if (result.ok) continue;
    if (step.alreadyDone.includes(result.error.code)) {
      alreadyDone++;
      continue;
    }
    return { ok: false, step: i + 1, steps: steps.length, result };
  }
  return { ok: true, steps: steps.length, alreadyDone };
}

export function setupNote(outcome: SetupOutcome): string {
  if (!outcome.ok) return `Set-up: step ${outcome.step} of ${outcome.steps} failed`;
  const noun = outcome.steps === 1 ? 'step' : 'steps';
  const already = outcome.alreadyDone > 0 ? ` (${outcome.alreadyDone} already in place)` : '';
  return `Set-up: ${outcome.steps} ${noun} run${already}`;
}
