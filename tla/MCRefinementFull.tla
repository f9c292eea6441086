------------------------- MODULE MCRefinementFull -------------------------
(* The refinement DragonflyExit => ExitWait on the Full world. *)
EXTENDS MCFull, DragonflyRefinement
=============================================================================
