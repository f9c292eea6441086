------------------------- MODULE MCRefinementTwoWaiters -------------------------
(* The refinement DragonflyExit => ExitWait on the TwoWaiters world. *)
EXTENDS MCTwoWaiters, DragonflyRefinement
=============================================================================
