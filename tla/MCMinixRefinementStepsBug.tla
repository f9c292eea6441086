-------------------- MODULE MCMinixRefinementStepsBug --------------------
(* The whole-step refinement with the PM mutant forget_told_parent: a      *)
(* collected zombie is never marked TOLD_PARENT, so it stays a zombie      *)
(* through the mapping after its report. Must fail.                       *)
EXTENDS MCMinixRefinementSteps
=============================================================================
