// Everything Monaco: loaded by Editor.svelte with a dynamic import after first paint, so none of
// this is in the initial chunk. Only the base editor API, a few editing features and the base
// editor worker; no language services.
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/wordOperations/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import type { Lang, Span } from '../engine/api';
import { registerFqlLanguages } from './fql-languages';

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

registerFqlLanguages(monaco);

export interface EditorOptions {
  value: string;
  lang: Lang;
  /** Which text this is (a tab and a language): each key keeps its own model and undo history. */
  key: string;
  ariaLabel: string;
  dark: boolean;
  /** Called with the new text on every edit. */
  onChange(value: string): void;
  /** Ctrl/Cmd+Enter. */
  onRun(): void;
  /** Ctrl/Cmd+S. */
  onShare(): void;
  /** ↑ on the first line, ↓ on the last: true when the history replaced the text. */
  onHistory(direction: 'older' | 'newer'): boolean;
  /** The selected text ('' when nothing is selected) and the offset it starts at. */
  onSelection(text: string, start: number): void;
  /** Cursor offset to start at (carried over from the fallback textarea). */
  cursor?: number;
  focus?: boolean;
}

export interface EditorHandle {
  /** Shows the text under `key` (a tab's language): each key keeps its model, undo and scroll. */
  show(key: string, lang: Lang, value: string): void;
  /** Drops the models of keys no longer in use (closed tabs). */
  retain(keys: ReadonlySet<string>): void;
  setDark(dark: boolean): void;
  /** Highlights a span of UTF-16 offsets in the shown text (a cost row under the pointer); null: none. */
  highlight(span: Span | null): void;
  focus(): void;
  dispose(): void;
}

export function createEditor(container: HTMLElement, opts: EditorOptions): EditorHandle {
  const models = new Map<string, monaco.editor.ITextModel>();
  const viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>();
  let current = opts.key;
  const first = monaco.editor.createModel(opts.value, opts.lang);
  models.set(opts.key, first);

  const editor = monaco.editor.create(container, {
    model: first,
    theme: opts.dark ? 'fql-dark' : 'fql-light',
    ariaLabel: opts.ariaLabel,
    automaticLayout: true,
    minimap: { enabled: false },
    fontFamily: 'ui-monospace, "SFMono-Regular", "JetBrains Mono", Menlo, Consolas, monospace',
    fontSize: 14,
    lineHeight: 21,
    tabSize: 2,
    insertSpaces: true,
    scrollBeyondLastLine: false,
    wordWrap: 'on',
    renderLineHighlight: 'line',
    padding: { top: 12, bottom: 12 },
    fixedOverflowWidgets: true,
    overviewRulerLanes: 0,
    scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
  });

  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => opts.onRun());
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => opts.onShare());
  const changes = editor.onDidChangeModelContent(() => opts.onChange(editor.getValue()));
  const selections = editor.onDidChangeCursorSelection(() => {
    const model = editor.getModel();
    const selection = editor.getSelection();
    const some = model !== null && selection !== null && !selection.isEmpty();
    opts.onSelection(some ? model.getValueInRange(selection) : '', some ? model.getOffsetAt(selection.getStartPosition()) : 0);
  });
  const keys = editor.onKeyDown((e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const up = e.keyCode === monaco.KeyCode.UpArrow;
    const down = e.keyCode === monaco.KeyCode.DownArrow;
    if (!up && !down) return;
    const model = editor.getModel();
    const position = editor.getPosition();
    const selection = editor.getSelection();
    if (!model || !position || (selection && !selection.isEmpty())) return;
    const atEdge = up ? position.lineNumber === 1 : position.lineNumber === model.getLineCount();
    if (atEdge && opts.onHistory(up ? 'older' : 'newer')) {
      e.preventDefault();
      e.stopPropagation();
    }
  });

  const highlights = editor.createDecorationsCollection();

  if (opts.cursor !== undefined) editor.setPosition(first.getPositionAt(opts.cursor));
  if (opts.focus) editor.focus();

  return {
    show(key, lang, value) {
      if (key !== current) {
        viewStates.set(current, editor.saveViewState());
        let model = models.get(key);
        if (!model) {
          model = monaco.editor.createModel(value, lang);
          models.set(key, model);
        }
        current = key;
        editor.setModel(model);
        editor.restoreViewState(viewStates.get(key) ?? null);
      }
      const model = models.get(key);
      if (model && model.getValue() !== value) {
        // Replaced as one undoable edit (an example, a history entry), so Ctrl+Z brings the old text back.
        editor.pushUndoStop();
        editor.executeEdits('playground', [{ range: model.getFullModelRange(), text: value }]);
        editor.pushUndoStop();
        editor.setPosition({ lineNumber: 1, column: 1 });
        editor.setScrollTop(0);
      }
    },
    retain(keep) {
      for (const [key, model] of models) {
        if (key === current || keep.has(key)) continue;
        model.dispose();
        models.delete(key);
        viewStates.delete(key);
      }
    },
    setDark(dark) {
      monaco.editor.setTheme(dark ? 'fql-dark' : 'fql-light');
    },
    highlight(span) {
      const model = editor.getModel();
      if (!span || !model) {
        highlights.clear();
        return;
      }
      const length = model.getValueLength();
      const start = model.getPositionAt(Math.min(Math.max(0, span.start), length));
      const end = model.getPositionAt(Math.min(Math.max(span.start, span.end), length));
      const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
      highlights.set([{ range, options: { className: 'cost-highlight', inlineClassName: 'cost-highlight-text', stickiness: 1 } }]);
      editor.revealRangeInCenterIfOutsideViewport(range);
    },
    focus() {
      editor.focus();
    },
    dispose() {
      highlights.clear();
      changes.dispose();
      selections.dispose();
      keys.dispose();
      editor.dispose();
      for (const model of models.values()) model.dispose();
    },
  };
}
