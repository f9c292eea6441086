---------------------------- MODULE MCRefinementTwoExits ----------------------------
(* The refinement DragonflyExit => ExitWait on the TwoExits world. *)
EXTENDS MCTwoExits, DragonflyRefinement
=============================================================================
