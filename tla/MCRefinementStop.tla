---------------------------- MODULE MCRefinementStop ----------------------------
(* The refinement DragonflyExit => ExitWait on the Stop world: stops are  *)
(* invisible through the mapping (pstopped is kept apart from pstat and    *)
(* no modelled wait reports stops), so proc_stop / proc_unstop and the   *)
(* tstop sleeps are stuttering steps.                                      *)
EXTENDS MCStop, DragonflyRefinement
=============================================================================
