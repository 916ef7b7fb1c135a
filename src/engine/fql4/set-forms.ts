// `Documents(Collection("x"))` (SetFunctions.scala, DocumentsFunction): the set of a
// collection's documents. Its argument must be a user collection that exists.
import { Module } from '../values/value';
import { invalidArgument, unresolvedCollection, unresolvedError } from './casts';
import { arg, type Form } from './form';
import { DATABASE, documentsSet } from './sets';

export const documentsForm: Form = {
  keys: ['documents'],
  call: true,
  async run(ev, node, pos, env) {
    const a = await arg(ev, node, 'documents', pos, env);
    const c = a.value;
    if (!(c instanceof Module) || c.kind !== 'user-collection') return invalidArgument(['Collection Ref'], c, a.node, a.pos);
    const missing = await unresolvedCollection(ev.tx, c);
    if (missing !== undefined) unresolvedError(missing, a.node, a.pos);
    return documentsSet(ev, c.name);
  },
};

/** `Databases()`: the set of child databases, empty offline (no child databases from v4). */
export const databasesForm: Form = {
  keys: ['databases'],
  call: true,
  run: async () => new Module(DATABASE, 'native-collection'),
};
