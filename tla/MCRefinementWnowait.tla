---------------------------- MODULE MCRefinementWnowait ----------------------------
(* The refinement DragonflyExit => ExitWait on the Wnowait world. *)
EXTENDS MCWnowait, DragonflyRefinement
=============================================================================
