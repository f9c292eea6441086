/**
 * Real TLC: locating tla2tools.jar (TLA2TOOLS_JAR), running it, parsing its output (tool and
 * plain mode) into a CheckResult, and cross-checking our checker against it.
 */
export { isTlcOutput, parseTlcOutput, parseStateHeader, toolToPlain, toolStreamConverter, TlcOutputError, type TlcOutput, type TlcProgress } from './output.js';
export { findTlaToolsJar, runTlc, tlcCommandLine, TlcSetupError, TLA2TOOLS_HELP, type TlcRun, type TlcRunOptions } from './run.js';
export { crossCheck, type CrossCheckOptions } from './crosscheck.js';
