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
import type { Lang } from '../engine/api';
import { registerFqlLanguages } from './fql-languages';

self.MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

registerFqlLanguages(monaco);

export interface EditorOptions {
  value: string;
  lang: Lang;
  ariaLabel: string;
  /** Called with the new text on every edit. */
  onChange(value: string): void;
  /** Ctrl/Cmd+Enter. */
  onRun(): void;
  /** Cursor offset to start at (carried over from the fallback textarea). */
  cursor?: number;
  focus?: boolean;
}

export interface EditorHandle {
  /** Shows `lang`'s text (each language keeps its own model, undo history and scroll position). */
  show(lang: Lang, value: string): void;
  dispose(): void;
}

const darkScheme = window.matchMedia('(prefers-color-scheme: dark)');
const themeName = (): string => (darkScheme.matches ? 'fql-dark' : 'fql-light');

export function createEditor(container: HTMLElement, opts: EditorOptions): EditorHandle {
  const models = new Map<Lang, monaco.editor.ITextModel>();
  const viewStates = new Map<Lang, monaco.editor.ICodeEditorViewState | null>();
  let current = opts.lang;
  const first = monaco.editor.createModel(opts.value, opts.lang);
  models.set(opts.lang, first);

  const editor = monaco.editor.create(container, {
    model: first,
    theme: themeName(),
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
  const changes = editor.onDidChangeModelContent(() => opts.onChange(editor.getValue()));

  if (opts.cursor !== undefined) editor.setPosition(first.getPositionAt(opts.cursor));
  if (opts.focus) editor.focus();

  const followScheme = (): void => monaco.editor.setTheme(themeName());
  darkScheme.addEventListener('change', followScheme);

  return {
    show(lang, value) {
      if (lang !== current) {
        viewStates.set(current, editor.saveViewState());
        let model = models.get(lang);
        if (!model) {
          model = monaco.editor.createModel(value, lang);
          models.set(lang, model);
        }
        current = lang;
        editor.setModel(model);
        editor.restoreViewState(viewStates.get(lang) ?? null);
      }
      const model = models.get(lang);
      if (model && model.getValue() !== value) {
        // Replaced as one undoable edit (choosing an example), so Ctrl+Z brings the old text back.
        editor.pushUndoStop();
        editor.executeEdits('playground', [{ range: model.getFullModelRange(), text: value }]);
        editor.pushUndoStop();
        editor.setPosition({ lineNumber: 1, column: 1 });
        editor.setScrollTop(0);
      }
    },
    dispose() {
      darkScheme.removeEventListener('change', followScheme);
      changes.dispose();
      editor.dispose();
      for (const model of models.values()) model.dispose();
    },
  };
}
