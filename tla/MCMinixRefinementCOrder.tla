--------------------- MODULE MCMinixRefinementCOrder ---------------------
(* Mutant of the whole-step check: the abstract steps of a PM message in  *)
(* C's order only (MCMinixRefinementSteps.tla, COrderChain). exit_proc     *)
(* tells a waiting parent before moving the children: ExitWait forbids    *)
(* that order, so this check must fail.                                   *)
EXTENDS MCMinixRefinementSteps
=============================================================================
