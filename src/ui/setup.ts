// Set-up steps: run in order through the engine client, and edited as one text where a line
// holding only `---` separates the steps.
import type { Lang, RunRequest, RunResult } from '../engine/api';
import type { SnippetStep } from '../share/codec';

export type SetupOutcome =
  | { ok: true; steps: number; alreadyDone: number }
  /** Step `step` (1-based) failed with a Fauna error not listed in its `alreadyDone`. */
  | { ok: false; step: number; steps: number; result: Extract<RunResult, { ok: false }> };

export interface Runner {
  run(request: RunRequest): Promise<RunResult>;
}

/** Runs the steps in order; `onStep(i, n)` is called as step i (1-based) of n starts. */
export async function runSetup(
  client: Runner,
  steps: readonly SnippetStep[],
  onStep?: (step: number, steps: number) => void,
): Promise<SetupOutcome> {
  let alreadyDone = 0;
  for (const [i, step] of steps.entries()) {
    onStep?.(i + 1, steps.length);
    const result = await client.run({ lang: step.lang, source: step.source });
    if (result.ok) continue;
    if (step.alreadyDone?.includes(result.error.code)) {
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

/** Error codes that mean "this set-up step already ran" for steps the user typed. */
export const ALREADY_DONE: Record<Lang, string[]> = {
  fql10: ['constraint_failure', 'document_id_exists'],
  fql4: ['instance already exists'],
};

export const STEP_SEPARATOR = '---';

export function setupToText(steps: readonly SnippetStep[]): string {
  return steps.map((s) => s.source.replace(/\n+$/, '')).join(`\n${STEP_SEPARATOR}\n`);
}

/**
 * Steps from the set-up text, in `lang`. A step whose text is unchanged keeps its language and
 * `alreadyDone` codes; a new one gets the usual codes.
 */
export function setupFromText(text: string, lang: Lang, previous: readonly SnippetStep[] = []): SnippetStep[] {
  const sources = text
    .split(/^[ \t]*---[ \t]*$/m)
    .map((s) => s.replace(/^\n+|\s+$/g, ''))
    .filter((s) => s.trim().length > 0);
  return sources.map((source) => {
    const same = previous.find((p) => p.source.replace(/\n+$/, '') === source);
    if (same) return { ...same, source };
    return { lang, source, alreadyDone: [...ALREADY_DONE[lang]] };
  });
}
