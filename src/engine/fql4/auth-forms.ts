// v4 authentication functions (AuthFunctions.scala, ReadFunctions.scala's KeyFromSecret):
// Login, Identify, Logout, CurrentIdentity/Identity, HasCurrentIdentity/HasIdentity,
// CurrentToken, HasCurrentToken, KeyFromSecret. Login and Identify need no privilege (Login
// writes its token with server rights, so a client key or a role-less token may call it);
// Logout acts on the caller's own tokens; the identity functions answer from the principal.
import { createToken, credentialOf, passwordMatches } from '../auth/identity';
import { parseSecret, secretMatches } from '../auth/secret';
import { KEY, TOKEN } from '../store/records';
import { MISSING_DOC_BYTES } from '../store/sizes';
import { DocRef, type Value } from '../values/value';
import { castBoolean, castIdentifier, castObject, castString, fail } from './casts';
import { docV4 } from './docs';
import { arg, type Evaluator, type Form } from './form';
import { canRead } from './guard';
import { checkStorable, field, isMap, isString, isTime, orderOf, tokenResult } from './params';

const AUTH_FAILED = 'The document was not found or provided password was incorrect.';

/**
 * `Login(identity, {password, ttl?, data?})`: needs the identity's credential and its password;
 * the identity document itself is not read (Fauna only checks the credential).
 */
const loginForm: Form = {
  keys: ['login', 'params'],
  call: true,
  async run(ev, node, pos, env) {
    const identity = await arg(ev, node, 'login', pos, env);
    const paramsArg = await arg(ev, node, 'params', pos, env);
    const who = await castIdentifier(ev.tx, identity.value, identity.node, identity.pos);
    const params = castObject(paramsArg.value, paramsArg.node, paramsArg.pos);
    const password = field(params, 'password', isString, node, pos);
    let matched = false;
    if (who instanceof DocRef) {
      const cred = await credentialOf(ev.tx, who);
      matched = cred !== null && password !== undefined && (await passwordMatches(cred, password));
    } else {
      // A set's first member would be tried; none of a collection's own refs has a credential.
      ev.tx.metrics.documentRead(MISSING_DOC_BYTES);
    }
    if (!matched || !(who instanceof DocRef)) return fail('authentication failed', AUTH_FAILED, node, pos);
    const data = field(params, 'data', isMap, node, pos);
    const ttl = field(params, 'ttl', isTime, node, pos);
    checkStorable(data, node, pos);
    const { record, secret } = await createToken(ev.tx, who, { data, ttl: ttl?.micros });
    return ev.created(tokenResult(record, secret, [...orderOf(params, ['data', 'ttl']), 'instance']));
  },
};

/** `Identify(identity, password)`: true when the credential exists and matches; never an error. */
const identifyForm: Form = {
  keys: ['identify', 'password'],
  call: true,
  async run(ev, node, pos, env) {
    const identity = await arg(ev, node, 'identify', pos, env);
    const pw = await arg(ev, node, 'password', pos, env);
    const who = await castIdentifier(ev.tx, identity.value, identity.node, identity.pos);
    const password = castString(pw.value, pw.node, pw.pos);
    if (!(who instanceof DocRef)) return false;
    const cred = await credentialOf(ev.tx, who);
    return cred !== null && passwordMatches(cred, password);
  },
};

/**
 * `Logout(all)`: `false` deletes the token this query runs with (again: still `true`); `true`
 * deletes every token of the caller's identity (tokens and `@doc`-scoped keys). A plain key has
 * neither: `false`.
 */
const logoutForm: Form = {
  keys: ['logout'],
  call: true,
  async run(ev, node, pos, env) {
    const a = await arg(ev, node, 'logout', pos, env);
    const all = castBoolean(a.value, a.node, a.pos);
    const p = ev.principal;
    if (p.kind !== 'identity') return false;
    if (all) {
      for (const t of await ev.tx.findByInstance(TOKEN, p.identity.key)) ev.tx.deleteDoc(TOKEN, t.id);
      return true;
    }
    if (p.tokenId === undefined) return false;
    if (await ev.tx.getDoc(TOKEN, p.tokenId)) ev.tx.deleteDoc(TOKEN, p.tokenId);
    return true;
  },
};

const MISSING_IDENTITY = 'Authentication does not contain an identity';

/** The identity's ref (a token, or a key scoped `@doc/Coll/id`), or undefined for a plain key. */
function identityOf(ev: Evaluator): DocRef | undefined {
  return ev.principal.kind === 'identity' ? ev.principal.identity : undefined;
}

/**
 * The ref of the secret this query runs with: its token, or its key document. The playground's
 * own admin secret has no key document, like Fauna's root key: `invalid token`.
 */
function tokenOf(ev: Evaluator): DocRef | undefined {
  const p = ev.principal;
  if (p.kind === 'identity' && p.tokenId !== undefined) return new DocRef(TOKEN, p.tokenId);
  // A key stored in the parent that opened this child has no document here (§10.14).
  if (p.kind === 'key' && p.database !== undefined) return undefined;
  return p.keyId !== undefined ? new DocRef(KEY, p.keyId) : undefined;
}

/** A function of no argument (the driver sends `null`). */
const nullary = (key: string, run: (ev: Evaluator, node: Parameters<Form['run']>[1], pos: Parameters<Form['run']>[2]) => Value): Form => ({
  keys: [key],
  call: true,
  run: async (ev, node, pos) => run(ev, node, pos),
});

const currentIdentity = (key: string) =>
  nullary(key, (ev, node, pos) => identityOf(ev) ?? fail('missing identity', MISSING_IDENTITY, node, pos));

const currentToken = nullary('current_token', (ev, node, pos) => tokenOf(ev) ?? fail('invalid token', 'Token metadata is not accessible.', node, pos));

/**
 * `KeyFromSecret(secret)`: the key or token document a secret opens, read with the caller's
 * rights. Not a secret, not verified, expired, deleted or unreadable: `instance not found`.
 */
const keyFromSecretForm: Form = {
  keys: ['key_from_secret'],
  call: true,
  async run(ev, node, pos, env) {
    const a = await arg(ev, node, 'key_from_secret', pos, env);
    const secret = castString(a.value, a.node, a.pos);
    const notFound = () => fail('instance not found', `No key found for secret ${secret}.`, node, pos);
    const parsed = parseSecret(secret);
    if (!parsed || (parsed.kind === 'token' && parsed.databaseId !== ev.tx.globalId)) return notFound();
    const ref = new DocRef(parsed.kind === 'token' ? TOKEN : KEY, parsed.id);
    const rec = await ev.tx.getDoc(ref.coll, ref.id);
    if (!rec?.hashedSecret || !(await secretMatches(parsed.random, rec.hashedSecret))) return notFound();
    if (!(await canRead(ev, ref, rec))) return notFound();
    return docV4(ev.tx, rec);
  },
};

export const AUTH_FORMS: Record<string, Form> = {
  login: loginForm,
  identify: identifyForm,
  logout: logoutForm,
  current_identity: currentIdentity('current_identity'),
  identity: currentIdentity('identity'),
  has_current_identity: nullary('has_current_identity', (ev) => identityOf(ev) !== undefined),
  has_identity: nullary('has_identity', (ev) => identityOf(ev) !== undefined),
  current_token: currentToken,
  has_current_token: nullary('has_current_token', (ev) => tokenOf(ev) !== undefined),
  key_from_secret: keyFromSecretForm,
};
