------------------- MODULE MCMinixRefinementStepsTree -------------------
(* Whole-step refinement on the tree world of MCMinixPMTree: two shells,   *)
(* grandchildren, tracers that are not the parent, INIT reaping; chains   *)
(* with several exits (tracer_died kills, SIGHUP to a group) and several  *)
(* reparented children.                                                    *)
EXTENDS MCMinixRefinementSteps
=============================================================================
