export * from './akamai_iam_wasm.js';
export { default, default as init, initSync } from './akamai_iam_wasm.js';
