// v4 source → the request body faunadb-js 4.x sends. The expected JSON strings were produced by
// the real driver (its query functions evaluated, then `JSON.stringify(query.wrap(expr))`), so
// these pin key order, object wrapping, varargs and the dropped/kept nulls exactly.
import { describe, expect, it } from 'vitest';
import { FqlError } from '../../../src/engine/errors';
import { parseFql4 } from '../../../src/engine/fql4/index';

const DRIVER_WIRE: Array<[string, string]> = [
  ["Login(Ref(Collection(\"characters\"), \"181388642114077184\"), {password: \"abracadabra\"})","{\"login\":{\"ref\":{\"collection\":\"characters\"},\"id\":\"181388642114077184\"},\"params\":{\"object\":{\"password\":\"abracadabra\"}}}"],
  ["Create(Tokens(), {instance: Ref(Collection('characters'), '181388642114077184')})","{\"create\":{\"tokens\":null},\"params\":{\"object\":{\"instance\":{\"ref\":{\"collection\":\"characters\"},\"id\":\"181388642114077184\"}}}}"],
  ["Create(Collection(\"spells\"))","{\"create\":{\"collection\":\"spells\"}}"],
  ["Create(Collection(\"spells\"), null)","{\"create\":{\"collection\":\"spells\"},\"params\":null}"],
  ["Create(Ref(Collection(\"posts\"), \"1\"), {data: {title: \"The first post\", tags: [\"a\", \"b\"]}})","{\"create\":{\"ref\":{\"collection\":\"posts\"},\"id\":\"1\"},\"params\":{\"object\":{\"data\":{\"object\":{\"title\":\"The first post\",\"tags\":[\"a\",\"b\"]}}}}}"],
  ["CreateCollection({name: \"spells\", history_days: 0, ttl_days: null})","{\"create_collection\":{\"object\":{\"name\":\"spells\",\"history_days\":0,\"ttl_days\":null}}}"],
  ["Get(Ref(Collection(\"spells\"), \"181388642046968320\"))","{\"get\":{\"ref\":{\"collection\":\"spells\"},\"id\":\"181388642046968320\"}}"],
  ["Get(Ref(Tokens(), \"1\"), null)","{\"get\":{\"ref\":{\"tokens\":null},\"id\":\"1\"}}"],
  ["Exists(Ref(Credentials(), \"1\"), 1631738652300000)","{\"exists\":{\"ref\":{\"credentials\":null},\"id\":\"1\"},\"ts\":1631738652300000}"],
  ["Let({b: 1, 2: \"two\", a: Var(\"b\")}, Var(\"a\"))","{\"let\":[{\"2\":\"two\"},{\"b\":1},{\"a\":{\"var\":\"b\"}}],\"in\":{\"var\":\"a\"}}"],
  ["Let([{x: 1}, {y: Var(\"x\")}], Var(\"y\"))","{\"let\":[{\"x\":1},{\"y\":{\"var\":\"x\"}}],\"in\":{\"var\":\"y\"}}"],
  ["Do(Now(), Keys(), Collections())","{\"do\":[{\"now\":null},{\"keys\":null},{\"collections\":null}]}"],
  ["If(true, \"yes\", \"no\")","{\"if\":true,\"then\":\"yes\",\"else\":\"no\"}"],
  ["Equals(\"a\")","{\"equals\":\"a\"}"],
  ["Equals(1, 2.5, -3)","{\"equals\":[1,2.5,-3]}"],
  ["Select([\"data\", 0], {data: [1]}, null)","{\"select\":[\"data\",0],\"from\":{\"object\":{\"data\":[1]}},\"default\":null}"],
  ["Select(\"a\", {a: 1})","{\"select\":\"a\",\"from\":{\"object\":{\"a\":1}}}"],
  ["Identify(Ref(Collection(\"users\"), \"1\"), \"secret\")","{\"identify\":{\"ref\":{\"collection\":\"users\"},\"id\":\"1\"},\"password\":\"secret\"}"],
  ["TimeAdd(Time(\"2021-09-15T20:57:02.080Z\"), 1, \"days\")","{\"time_add\":{\"time\":\"2021-09-15T20:57:02.080Z\"},\"offset\":1,\"unit\":\"days\"}"],
  ["Ref(\"collections/spells\")","{\"@ref\":\"collections/spells\"}"],
  ["[1.0, 1e21, 1e999, -0, \"é\\u2028\\n\\\"\", true, null, {}, []]","[1,1e+21,null,0,\"é \\n\\\"\",true,null,{\"object\":{}},[]]"],
  ["{\"x y\": 1, 10: 2, 9: 3, \"@ref\": 4, __a: {b: {c: 5}}}","{\"object\":{\"9\":3,\"10\":2,\"x y\":1,\"@ref\":4,\"__a\":{\"object\":{\"b\":{\"object\":{\"c\":5}}}}}}"],
  ["{a: 1, a: 2, b: 3}","{\"object\":{\"a\":2,\"b\":3}}"],
];

describe('wire JSON', () => {
  it.each(DRIVER_WIRE)('%s', (source, wire) => {
    expect(parseFql4(source).wire).toBe(wire);
  });

  it('measures the seed requests as the seed metrics do (bytesIn)', () => {
    const login = `Login(\n  Ref(Collection("characters"), "181388642114077184"),\n  { password: "abracadabra" },\n)`;
    const token = `Create(\n  Tokens(),\n  {\n    instance: Ref(Collection('characters'), '181388642114077184')\n  }\n)`;
    expect(parseFql4(login).bytesIn).toBe(118);
    expect(parseFql4(token).bytesIn).toBe(121);
  });

  it('counts bytes in UTF-8', () => {
    expect(parseFql4('"é"').bytesIn).toBe(4);
  });

  it('accepts the q. prefix, comments and trailing semicolons', () => {
    const p = parseFql4("// seed\nq.Login(q.Ref(q.Collection('c'), '1'), { password: 'p' }); ;\n");
    expect(p.wire).toBe('{"login":{"ref":{"collection":"c"},"id":"1"},"params":{"object":{"password":"p"}}}');
  });

  it('keeps source spans on the nodes', () => {
    const source = 'Login(Ref(Collection("c"), "1"), { password: "p" })';
    const tree = parseFql4(source).tree;
    expect(tree.span).toEqual({ start: 0, end: source.length });
    if (tree.kind !== 'object') throw new Error('expected a form');
    const [, params] = tree.entries[1]!;
    expect(source.slice(params.span.start, params.span.end)).toBe('{ password: "p" }');
  });
});

function rejection(source: string): FqlError {
  try {
    parseFql4(source);
  } catch (e) {
    if (e instanceof FqlError) return e;
    throw e;
  }
  throw new Error(`${source} was accepted`);
}

describe('JavaScript outside the whitelist is refused, never run', () => {
  it.each([
    ['alert(1)', 'No form/function found, or invalid argument keys: { alert }.', [0, 5]],
    ['(() => 1)()', 'Unsupported JavaScript (arrow function)', [1, 8]],
    ['this.constructor', 'Unsupported JavaScript (member access)', [0, 16]],
    ['Login.call(1)', 'Unsupported JavaScript (member access)', [0, 10]],
    ['constructor.constructor("return 1")()', 'Unsupported JavaScript (call)', [0, 35]],
    ['Get(x)', 'Unsupported JavaScript (identifier `x`)', [4, 5]],
    ['`a${1}`', 'Unsupported JavaScript (template literal)', [0, 7]],
    ['Do(a = 1)', 'Unsupported JavaScript (assignment)', [3, 8]],
    ['new Date()', 'Unsupported JavaScript (new)', [0, 10]],
    ['Equals(...[1, 2])', 'Unsupported JavaScript (spread)', [7, 16]],
    ['{ [k]: 1 }', 'Unsupported JavaScript (computed key)', [2, 8]],
    ['{ get a() { return 1 } }', 'Unsupported JavaScript (method)', [2, 22]],
    ['1 + 2', 'Unsupported JavaScript (binary)', [0, 5]],
    ['/x/', 'Unsupported JavaScript (regular expression)', [0, 3]],
    ['window', 'Unsupported JavaScript (identifier `window`)', [0, 6]],
  ])('%s', (source, message, [start, end]) => {
    const e = rejection(source);
    expect(e.code).toBe('invalid expression');
    expect(e.message.startsWith(message as string), e.message).toBe(true);
    expect(e.span).toEqual({ start, end });
  });

  it('reports the wire position of a nested refusal', () => {
    expect(rejection('Do(1, Login(Ref(Collection("c"), "1"), { password: x }))').position).toEqual([
      'do',
      1,
      'params',
      'object',
      'password',
    ]);
  });

  it('tells functions it does not implement from unknown names', () => {
    expect(rejection('Singleton(Ref(Collection("c"), "1"))').message).toBe(
      'Singleton() is an FQL v4 function the playground does not implement yet.',
    );
    expect(rejection('q.CreateWidget({})').message).toBe('No form/function found, or invalid argument keys: { create_widget }.');
  });

  it('checks arity like the driver', () => {
    const e = rejection('Login(Ref(Collection("c"), "1"))');
    expect(e.message).toBe('Login function requires 2 argument(s) but 1 were given');
    expect(rejection('Tokens(Database("d"))').message).toBe('Tokens function requires 0 argument(s) but 1 were given');
  });

  it('refuses BigInt literals as JSON.stringify would', () => {
    expect(rejection('Equals(1n)').message).toBe('TypeError: Do not know how to serialize a BigInt');
  });

  it('reports syntax errors at their offset', () => {
    const e = rejection('Login(Ref(Collection("c"), "1")');
    expect(e.code).toBe('invalid expression');
    expect(e.message).toMatch(/^SyntaxError: /);
    expect(e.span!.start).toBe(31);
  });

  it('reports absurd nesting instead of overflowing the stack', () => {
    const e = rejection('['.repeat(100_000) + ']'.repeat(100_000));
    expect(e.code).toBe('invalid expression');
    // acorn itself gives up first at this depth ("Not enough stack space to parse input").
    expect(e.message).toMatch(/stack space|nested too deeply/);
  });

  it('takes a single expression only', () => {
    const e = rejection('Now()\nNow()');
    expect(e.message).toBe('A v4 query is a single expression; remove what follows it.');
    expect(e.span).toEqual({ start: 6, end: 11 });
  });
});
