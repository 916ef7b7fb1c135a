// Reads the corpus files (*.fql-cases): the format is described in README.md next to this file.

export interface CorpusCase {
  name: string;
  file: string;
  /** 1-based line of the `===` header, for failure messages. */
  line: number;
  setup: string[];
  query: string;
  /** The decorated result, or the error summary when `errorCode` is set. */
  expect: string;
  errorCode?: string;
  logs?: string;
}

const SECTION = /^--- (setup|query|output|error|logs)(?: (\S+))?\s*$/;

/** Drops trailing blank lines: a section's text ends at its last non-blank line. */
function body(lines: string[]): string {
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === '') end--;
  return lines.slice(0, end).join('\n');
}

export function parseCorpus(file: string, text: string): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const lines = text.split(/\r?\n/);
  let current: { name: string; line: number; sections: Array<{ kind: string; arg?: string; lines: string[] }> } | undefined;

  const finish = () => {
    if (!current) return;
    const where = `${file}:${current.line} (${current.name})`;
    const c: CorpusCase = { name: current.name, file, line: current.line, setup: [], query: '', expect: '' };
    let answers = 0;
    let queries = 0;
    for (const s of current.sections) {
      const text = body(s.lines);
      if (s.kind === 'setup') c.setup.push(text);
      else if (s.kind === 'query') {
        c.query = text;
        queries++;
      }
      else if (s.kind === 'logs') c.logs = text;
      else {
        answers++;
        c.expect = text;
        if (s.kind === 'error') {
          if (!s.arg) throw new Error(`${where}: '--- error' needs the error code`);
          c.errorCode = s.arg;
        }
      }
    }
    if (queries !== 1) throw new Error(`${where}: needs exactly one '--- query' section`);
    if (answers !== 1) throw new Error(`${where}: needs exactly one '--- output' or '--- error <code>' section`);
    cases.push(c);
    current = undefined;
  };

  lines.forEach((line, i) => {
    if (line.startsWith('=== ')) {
      finish();
      current = { name: line.slice(4).trim(), line: i + 1, sections: [] };
      return;
    }
    const m = SECTION.exec(line);
    if (m && current) {
      current.sections.push({ kind: m[1]!, arg: m[2], lines: [] });
      return;
    }
    const open = current?.sections.at(-1);
    // Outside a section only comments and blank lines are allowed.
    if (!open) {
      if (line.trim() === '' || line.startsWith('#')) return;
      throw new Error(`${file}:${i + 1}: text outside a section: ${line}`);
    }
    open.lines.push(line);
  });
  finish();
  return cases;
}

const PLACEHOLDERS: Record<string, string> = {
  '{{id}}': '\\d+',
  '{{ts}}': '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z',
  '{{cursor}}': '[A-Za-z0-9+/=_-]+',
  '{{any}}': '[^\\n]*?',
};

/** True when `actual` equals `expected` with each placeholder standing for what it masks. */
export function matches(expected: string, actual: string): boolean {
  if (!expected.includes('{{')) return expected === actual;
  const pattern = expected
    .split(/(\{\{(?:id|ts|cursor|any)\}\})/)
    .map((part) => PLACEHOLDERS[part] ?? part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('');
  return new RegExp(`^${pattern}$`).test(actual);
}
