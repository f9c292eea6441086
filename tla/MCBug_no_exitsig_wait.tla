------------------------------ MODULE MCBug_no_exitsig_wait ------------------------------
(* Mutant no_exitsig_wait on the Basic world: see MCBug_no_exitsig_wait.cfg. *)
EXTENDS MCBasic
=============================================================================
