/** Types of server-flags.mjs (a plain script: `npm start` and the benchmark read it). */
export declare const SERVER_NODE_FLAGS: readonly string[];
