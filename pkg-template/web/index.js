// Browsers and bundlers: initialises the WebAssembly module once, with top-level await, so that
// `import { IamClient } from 'akamai-iam-wasm'` is ready to use. init/initSync stay exported (they
// do nothing once the module is loaded); 'akamai-iam-wasm/manual' is the same API without the
// automatic initialisation, for pages that load the .wasm themselves.
import init from './akamai_iam_wasm.js';

export * from './akamai_iam_wasm.js';
export { default, default as init, initSync } from './akamai_iam_wasm.js';

await init();
