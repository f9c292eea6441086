------------------------------ MODULE MCBug_no_waitgen ------------------------------
(* Mutant no_waitgen on the Basic world: see MCBug_no_waitgen.cfg. *)
EXTENDS MCBasic
=============================================================================
