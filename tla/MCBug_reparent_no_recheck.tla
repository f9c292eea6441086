-------------------------- MODULE MCBug_reparent_no_recheck --------------------------
(* Mutant reparent_no_recheck on the NoCldWait world: see its .cfg. *)
EXTENDS MCNoCldWait
=============================================================================
