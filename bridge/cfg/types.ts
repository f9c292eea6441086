/**
 * The typed model configuration read from a TLC `.cfg` file (grammar of TLC's
 * tlc2/tool/impl/ModelConfig.java). Every entry carries the 1-based line and column of its
 * first token so consumers (the checker) can report "unknown operator" errors located in the
 * .cfg file.
 */

/** A 1-based source position in the .cfg file. */
export interface CfgLocation {
  readonly line: number;
  readonly col: number;
}

/** A value written in a .cfg file (TLC accepts only these literal forms). */
export type CfgValue =
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  /** A bare identifier: a model value, equal only to itself (`Nil = Nil`, `Procs = {p1, p2}`). */
  | { readonly kind: 'modelValue'; readonly name: string }
  | { readonly kind: 'set'; readonly elems: readonly CfgValue[] }
  | { readonly kind: 'tuple'; readonly elems: readonly CfgValue[] };

/** `C = v`, `C = [Mod] v`, `Op(a, b) = v`, `I!C = v`. */
export interface CfgConstantValue extends CfgLocation {
  readonly kind: 'value';
  /** The constant or operator name; for `I!C` the full dotted-bang path `I!C`. */
  readonly name: string;
  /** Literal arguments of an `Op(args) = v` entry (empty for a plain constant). */
  readonly args: readonly CfgValue[];
  /** The module of `C = [Mod] v`, when scoped. */
  readonly module?: string;
  readonly value: CfgValue;
}

/** `C <- Def` or `C <-[Mod] Def`: replace C by the operator Def. */
export interface CfgConstantSubstitution extends CfgLocation {
  readonly kind: 'substitution';
  readonly name: string;
  readonly module?: string;
  /** The name of the replacing definition. */
  readonly def: string;
}

export type CfgConstant = CfgConstantValue | CfgConstantSubstitution;

/** A definition name given after a keyword (INIT Init, INVARIANT TypeOK ...). */
export interface CfgName extends CfgLocation {
  readonly name: string;
}

export interface ModelConfig {
  /** The file name the config was read from (as given to parseCfg). */
  readonly file: string;
  readonly constants: readonly CfgConstant[];
  readonly init?: CfgName;
  readonly next?: CfgName;
  readonly specification?: CfgName;
  readonly invariants: readonly CfgName[];
  /** PROPERTY/PROPERTIES: temporal or action properties. */
  readonly properties: readonly CfgName[];
  /** CONSTRAINT(S): state constraints. */
  readonly constraints: readonly CfgName[];
  readonly actionConstraints: readonly CfgName[];
  readonly symmetry?: CfgName;
  readonly view?: CfgName;
  readonly alias?: CfgName;
  readonly postconditions: readonly CfgName[];
  /** CHECK_DEADLOCK TRUE|FALSE; undefined when absent (TLC's default is TRUE). */
  readonly checkDeadlock?: boolean;
}
