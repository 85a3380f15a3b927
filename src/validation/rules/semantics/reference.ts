/**
 * The rules reference of the semantics family: one entry per `semantics/<check>`, typed by `SemanticCheck` so that a
 * check declared in ./checks without an entry does not compile. The entries live in two halves by subject.
 */
import { SemanticCheck } from './checks';
import { OBJECT_CHECK_REFERENCE } from './reference-objects';
import { POD_CHECK_REFERENCE } from './reference-pods';
import { CheckReference } from '../../rule';

/** The reference entry of every semantics check (all errors by default; some hits are the API server's warnings). */
export const SEMANTIC_CHECK_REFERENCE: { readonly [check in SemanticCheck]: CheckReference } = {
  ...OBJECT_CHECK_REFERENCE,
  ...POD_CHECK_REFERENCE,
};
