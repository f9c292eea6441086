------------------------------ MODULE MCBug_no_waitgen_only ------------------------------
(* Mutant no_waitgen_only on the Basic world: see MCBug_no_waitgen_only.cfg. *)
EXTENDS MCBasic
=============================================================================
