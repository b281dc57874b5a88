export * from './akamai_iam_wasm.js';
/** Does nothing in Node: the module is ready on import. */
export declare function init(): Promise<void>;
/** Does nothing in Node: the module is ready on import. */
export declare function initSync(): void;
export default init;
