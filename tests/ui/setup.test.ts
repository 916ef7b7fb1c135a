import { describe, expect, it } from 'vitest';
import type { Metrics, RunRequest, RunResult } from '../../src/engine/api';
import type { SetupStep } from '../../src/examples/seeds';
import { examples } from '../../src/examples/seeds';
import { runSetup, setupNote } from '../../src/ui/setup';

const metrics: Metrics = {
  lang: 'fql10',
  stats: {
    compute_ops: 1,
    read_ops: 0,
    write_ops: 0,
    query_time_ms: 0,
    contention_retries: 0,
    storage_bytes_read: 0,
    storage_bytes_write: 0,
    rate_limits_hit: [],
  },
};

function ok(req: RunRequest): RunResult {
  return { ok: true, lang: req.lang, text: 'ok', json: {}, txnTs: '1', metrics } as RunResult;
}

function fail(req: RunRequest, code: string): RunResult {
  return {
    ok: false,
    lang: req.lang,
    txnTs: '1',
    metrics,
    error: { code, message: code, summary: `error: ${code}`, httpStatus: 400 },
  } as RunResult;
}

/** A client answering each request from a script, recording what it was asked. */
function scripted(answers: ((req: RunRequest) => RunResult)[]) {
  const asked: RunRequest[] = [];
  return {
    asked,
    client: {
      async run(req: RunRequest) {
        const answer = answers[asked.length];
        asked.push(req);
        if (!answer) throw new Error('unexpected request');
        return answer(req);
      },
    },
  };
}

const steps: SetupStep[] = [
  { lang: 'fql10', source: 'Collection.create({ name: "A" })', alreadyDone: ['constraint_failure'] },
  { lang: 'fql4', source: 'CreateCollection({ name: "b" })', alreadyDone: ['instance already exists'] },
];

describe('runSetup', () => {
  it('runs every step in order, in its own language', async () => {
    const { client, asked } = scripted([ok, ok]);
    const outcome = await runSetup(client, steps);
    expect(outcome).toEqual({ ok: true, steps: 2, alreadyDone: 0 });
    expect(asked).toEqual(steps.map((s) => ({ lang: s.lang, source: s.source })));
    expect(setupNote(outcome)).toBe('Set-up: 2 steps run');
  });

  it('counts a step failing with an alreadyDone code as done', async () => {
    const { client, asked } = scripted([(r) => fail(r, 'constraint_failure'), ok]);
    const outcome = await runSetup(client, steps);
    expect(outcome).toEqual({ ok: true, steps: 2, alreadyDone: 1 });
    expect(asked).toHaveLength(2);
    expect(setupNote(outcome)).toBe('Set-up: 2 steps run (1 already in place)');
  });

  it('stops at the first other error and returns it', async () => {
    const { client, asked } = scripted([(r) => fail(r, 'invalid_query'), ok]);
    const outcome = await runSetup(client, steps);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.step).toBe(1);
    expect(outcome.result.error.code).toBe('invalid_query');
    expect(asked).toHaveLength(1);
    expect(setupNote(outcome)).toBe('Set-up: step 1 of 2 failed');
  });

  it('does not accept another step’s alreadyDone code', async () => {
    const { client } = scripted([ok, (r) => fail(r, 'constraint_failure')]);
    const outcome = await runSetup(client, steps);
    expect(outcome).toMatchObject({ ok: false, step: 2, steps: 2 });
  });

  it('says "1 step" for a single step', async () => {
    const { client } = scripted([ok]);
    expect(setupNote(await runSetup(client, steps.slice(0, 1)))).toBe('Set-up: 1 step run');
  });
});

describe('examples menu content', () => {
  it('has unique ids and set-up steps with a language and source', () => {
    const ids = examples.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const example of examples) {
      expect(['fql10', 'fql4']).toContain(example.lang);
      for (const step of example.setup) expect(step.source.trim()).not.toBe('');
    }
  });
});
