// Node, ESM: the CommonJS build (which loads its .wasm synchronously) under named exports.
// init/initSync exist so code shared with browsers may call them; here they do nothing.
import { createRequire } from 'node:module';

const wasm = createRequire(import.meta.url)('./akamai_iam_wasm.js');

export const {
  /* EXPORTS */
} = wasm;

/** Does nothing in Node: the module is ready on import. */
export async function init() {}
/** Does nothing in Node: the module is ready on import. */
export function initSync() {}
export default init;
