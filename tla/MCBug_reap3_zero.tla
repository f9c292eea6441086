------------------------------ MODULE MCBug_reap3_zero ------------------------------
(* Mutant reap3_zero on the Basic world: see MCBug_reap3_zero.cfg. *)
EXTENDS MCBasic
=============================================================================
