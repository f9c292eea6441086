---------------------------- MODULE MCRefinementVfork ----------------------------
(* The refinement DragonflyExit => ExitWait on the Vfork world. *)
EXTENDS MCVfork, DragonflyRefinement
=============================================================================
