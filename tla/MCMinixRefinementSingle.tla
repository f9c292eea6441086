--------------------- MODULE MCMinixRefinementSingle ---------------------
(* The single-step refinement must fail on the Atomic model: some PM       *)
(* message performs several ExitWait steps (MCMinixRefinementSteps).       *)
EXTENDS MCMinixRefinementSteps
=============================================================================
