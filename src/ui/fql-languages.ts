// Monarch grammars (syntax colouring only) for the two query languages, and the editor themes.
// Loaded with Monaco, never in the initial chunk.
import type * as Monaco from 'monaco-editor/editor/editor.api';

type MonacoApi = typeof Monaco;

export const FQL10 = 'fql10';
export const FQL4 = 'fql4';

/** FQL v10: expression language with `let`, `if`/`else`, `match`, `#{}` string interpolation. */
export const fql10Grammar: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.fql10',
  keywords: ['if', 'else', 'let', 'at', 'match', 'case', 'null', 'true', 'false', 'isa'],
  operators: [
    '=', '==', '!=', '<', '<=', '>', '>=', '&&', '||', '!', '+', '-', '*', '/', '%', '**',
    '??', '?.', '=>', '&', '|', '^', '~', '<<', '>>', '?', ':', '!.',
  ],
  symbols: /[=><!~?:&|+\-*/^%.]+/,
  escapes: /\\(?:[\\"'`#0bfnrtv]|u\{[0-9A-Fa-f]+\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2})/,
  tokenizer: {
    root: [{ include: '@code' }],
    code: [
      { include: '@whitespace' },
      [/[A-Z][\w$]*/, { cases: { '@keywords': 'keyword', '@default': 'type.identifier' } }],
      [/[a-z_$][\w$]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
      [/[{}()[\]]/, '@brackets'],
      [/[;,]/, 'delimiter'],
      [/@symbols/, { cases: { '@operators': 'operator', '@default': '' } }],
      [/0[xX][0-9a-fA-F](?:_?[0-9a-fA-F])*/, 'number.hex'],
      [/0[bB][01](?:_?[01])*/, 'number.binary'],
      [/0[oO][0-7](?:_?[0-7])*/, 'number.octal'],
      [/\d(?:_?\d)*(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d+)?/, 'number'],
      [/"/, 'string', '@dstring'],
      [/'/, 'string', '@sstring'],
    ],
    whitespace: [
      [/[ \t\r\n]+/, ''],
      [/\/\*/, 'comment', '@comment'],
      [/\/\/.*$/, 'comment'],
    ],
    comment: [
      [/[^/*]+/, 'comment'],
      [/\/\*/, 'comment', '@push'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
    dstring: [
      [/[^\\"#]+/, 'string'],
      [/#\{/, { token: 'delimiter.interpolation', next: '@interpolation' }],
      [/#/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/"/, 'string', '@pop'],
    ],
    sstring: [
      [/[^\\']+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/'/, 'string', '@pop'],
    ],
    interpolation: [
      [/\{/, 'delimiter.bracket', '@interpolationBlock'],
      [/\}/, { token: 'delimiter.interpolation', next: '@pop' }],
      { include: '@code' },
    ],
    interpolationBlock: [
      [/\{/, 'delimiter.bracket', '@push'],
      [/\}/, 'delimiter.bracket', '@pop'],
      { include: '@code' },
    ],
  },
};

/** FQL v4: JavaScript call syntax; the functions are PascalCase (`Get(Ref(Collection("c"), "1"))`). */
export const fql4Grammar: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  tokenPostfix: '.fql4',
  keywords: ['null', 'true', 'false'],
  symbols: /[=><!~?:&|+\-*/^%.]+/,
  escapes: /\\(?:[\\"'`0bfnrtv]|u\{[0-9A-Fa-f]+\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2})/,
  tokenizer: {
    root: [
      [/[ \t\r\n]+/, ''],
      [/\/\*/, 'comment', '@comment'],
      [/\/\/.*$/, 'comment'],
      // A PascalCase name called as a function is an FQL v4 function.
      [/[A-Z][\w$]*(?=\s*\()/, 'keyword.function'],
      [/[A-Za-z_$][\w$]*(?=\s*:)/, 'key'],
      [/[A-Za-z_$][\w$]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
      [/[{}()[\]]/, '@brackets'],
      [/[;,]/, 'delimiter'],
      [/@symbols/, 'operator'],
      [/0[xX][0-9a-fA-F]+/, 'number.hex'],
      [/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, 'number'],
      [/"/, 'string', '@dstring'],
      [/'/, 'string', '@sstring'],
      [/`/, 'string', '@bstring'],
    ],
    comment: [
      [/[^/*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
    dstring: [
      [/[^\\"]+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/"/, 'string', '@pop'],
    ],
    sstring: [
      [/[^\\']+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/'/, 'string', '@pop'],
    ],
    bstring: [
      [/[^\\`]+/, 'string'],
      [/@escapes/, 'string.escape'],
      [/\\./, 'string.escape.invalid'],
      [/`/, 'string', '@pop'],
    ],
  },
};

const brackets: Monaco.languages.LanguageConfiguration = {
  comments: { lineComment: '//', blockComment: ['/*', '*/'] },
  brackets: [
    ['{', '}'],
    ['[', ']'],
    ['(', ')'],
  ],
  autoClosingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"', notIn: ['string'] },
    { open: "'", close: "'", notIn: ['string', 'comment'] },
    { open: '/*', close: ' */', notIn: ['string'] },
  ],
  surroundingPairs: [
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '(', close: ')' },
    { open: '"', close: '"' },
    { open: "'", close: "'" },
  ],
};

export function registerFqlLanguages(monaco: MonacoApi): void {
  for (const [id, grammar, alias] of [
    [FQL10, fql10Grammar, 'FQL v10'],
    [FQL4, fql4Grammar, 'FQL v4'],
  ] as const) {
    monaco.languages.register({ id, aliases: [alias] });
    monaco.languages.setMonarchTokensProvider(id, grammar);
    monaco.languages.setLanguageConfiguration(id, brackets);
  }

  // One palette, two themes: each token's light and dark colour side by side.
  const palette: Array<[token: string, light: string, dark: string, fontStyle?: string]> = [
    ['keyword', '7c3aed', 'c4b5fd'],
    ['keyword.function', '1d4ed8', '93c5fd'],
    ['type.identifier', '0f766e', '5eead4'],
    ['key', '334155', 'cbd5e1'],
    ['string', 'b45309', 'fcd34d'],
    ['string.escape', '9a3412', 'fdba74'],
    ['delimiter.interpolation', 'be185d', 'f9a8d4'],
    ['number', '15803d', '86efac'],
    ['comment', '64748b', '94a3b8', 'italic'],
    ['operator', '475569', 'cbd5e1'],
  ];
  const rules = (dark: boolean) =>
    palette.map(([token, light, darkColour, fontStyle]) => ({
      token,
      foreground: dark ? darkColour : light,
      ...(fontStyle ? { fontStyle } : {}),
    }));
  monaco.editor.defineTheme('fql-light', {
    base: 'vs',
    inherit: true,
    rules: rules(false),
    colors: { 'editor.background': '#ffffff', 'editorLineNumber.foreground': '#94a3b8' },
  });
  monaco.editor.defineTheme('fql-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: rules(true),
    colors: { 'editor.background': '#161b22', 'editorLineNumber.foreground': '#64748b' },
  });
}
