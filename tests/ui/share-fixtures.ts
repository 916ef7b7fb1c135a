// Links made by every released share-link format, kept forever: a link pasted in a doc page or a
// chat years ago must still open (tests/ui/share-codec.test.ts). When a new format version is
// released, add its fixtures here; never edit or remove an existing one.
import type { Snippet } from '../../src/share/codec';

export interface Fixture {
  version: number;
  name: string;
  hash: string;
  snippet: Snippet;
}

export const FIXTURES: Fixture[] = [
  {
    version: 1,
    name: 'v10 with two set-up steps (one with alreadyDone codes), a title and the JSON view',
    hash: '#v1/N4IgNiBcIGYI5gIwAYQBoRyuApgFwAIAnHADwIF4CAFfAOgCMBPASQBMAKAHRER4EoAhFwB2wAiICGAWxyRiZOlNloCAawCWItvJKk6m7QQC+o9CADOUANrXYCFOYDCAezBgcAYzwaXIup4kkng4HOLKcgQ8tHg8Jvzodp5+FnhEklp4APowGWAAriQgALrFaHbwSKgYMQFBIWEEGjpRvDyqEfI8AEpk7epaLTxsLgDmccYJpRgAbtgWGtIADh7meNi95HgAFjgEI6MgxkA',
    snippet: {
      lang: 'fql10',
      query: 'let rex = Pet.byId("1")!\n{ name: rex.name, kind: rex.kind }\n',
      setup: [
        { lang: 'fql10', source: 'Collection.create({ name: "Pet" })', alreadyDone: ['constraint_failure'] },
        { lang: 'fql10', source: 'Pet.create({ id: "1", name: "Rex", kind: "dog" })' },
      ],
      view: 'simple',
      title: 'Rex the dog',
    },
  },
  {
    version: 1,
    name: 'v4 with two set-up steps and the wire view',
    hash: '#v1/N4IgNiBcIGYI5gCwgDQjlEBlApmHAxgC4AUA2gDogAmAhkbVSgARUB2tAtjlQLosBxHKQBKOGCQDCAezD5iAS2lsSVAA7CAzlQCULKgEZdOnahCaoZMrATI0kgE456OGXMJElK4Mw7dIrCAaRNogzAC+pvzW8Ehmjs5EOCRiEm7ynsqqQVq6+iBGIHrMPnQMAT5+OAFUYgAeVBERUfwgAG6YAO4KTiDhQA',
    snippet: {
      lang: 'fql4',
      query: 'Select(["data", "name"], Get(Ref(Collection("pets"), "1")))',
      setup: [
        { lang: 'fql4', source: 'CreateCollection({ name: "pets" })' },
        { lang: 'fql4', source: 'Create(Ref(Collection("pets"), "1"), { data: { name: "Rex" } })' },
      ],
      view: 'wire',
    },
  },
  {
    version: 1,
    name: 'non-ASCII text, tabs and CRLF kept exactly, no set-up, the tree view',
    hash: '#v1/N4IgNiBcIGYI5gIwAYQBoRyiAOiAPwHYD3AxgB8AmAlwASDI5LYHwbgUbu044CuwiAYgGzJkAXzw5CAegm0ALgEMARjhkALAKYAnNTg3i1hSuhABnKAG0AuhgBu2GVrUhhQA',
    snippet: {
      lang: 'fql10',
      query: '"ünïcødé ✓ 🦊 \\u{1F600}"\n// tab\there\r\nend',
      setup: [],
      view: 'tree',
    },
  },
];
