/**
 * ITF (Informal Trace Format, Apalache ADR-015): reading/validating with located errors,
 * writing, printing values in TLC's syntax, parsing TLC's value syntax back, and rendering a
 * CheckResult as TLC's text output.
 */
export { ItfError, parseItf, readItfFile, validateItf, validateItfValue } from './validate.js';
export { itfInt, writeItf } from './write.js';
export { formatTlcValue, tlcString, tlcValueString, type TlcPrintOptions } from './tlc-print.js';
export { parseTlcState, parseTlcValue, TlcValueSyntaxError, type ParsedTlcValue } from './tlc-parse.js';
export { renderState, renderTlcText, renderTrace, stateHeader, tlcProbability, traceModelValues, type RenderOptions } from './render.js';
