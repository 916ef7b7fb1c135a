// The editor's text on first load, per language.
import type { Lang } from '../engine/api';

export const START: Record<Lang, string> = {
  fql10: `// FQL v10: Ctrl+Enter (⌘+Enter) runs the query.
let greeting = "Hello"
{
  message: "#{greeting}, FQL v10!",
  sum: 1 + 2 * 3,
  now: Time.now()
}
`,
  fql4: `// FQL v4: Ctrl+Enter (⌘+Enter) runs the query.
Let(
  { greeting: "Hello, FQL v4!" },
  { message: Var("greeting"), same: Equals(1, 1), now: Now() }
)
`,
};
