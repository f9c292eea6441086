/** spec/: the abstract, implementation-independent model of fork/exit/wait (docs/spec.md). */
export * from './params.js';
export * from './state.js';
export * from './lifecycle.js';
export * from './wait.js';
export * from './commands.js';
export * from './view.js';
export * from './oracle.js';
