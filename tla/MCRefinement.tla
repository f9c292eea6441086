---------------------------- MODULE MCRefinement ----------------------------
(* The refinement DragonflyExit => ExitWait (DragonflyRefinement.tla)     *)
(* checked on the Reparent world: init reaps a parent that exits while    *)
(* its child exits, so Exit, Reparent and WaitReap steps all occur.       *)
EXTENDS MCReparent, DragonflyRefinement
=============================================================================
