/** TLC .cfg files: `parseCfg(text, file)`, the typed `ModelConfig`, and the located `CfgError`. */
export { parseCfg, CFG_KEYWORDS } from './parse.js';
export { CfgError } from './error.js';
export { readCfgFile, cfgValueToString, printCfg } from './util.js';
export type {
  CfgConstant,
  CfgConstantSubstitution,
  CfgConstantValue,
  CfgLocation,
  CfgName,
  CfgValue,
  ModelConfig,
} from './types.js';
