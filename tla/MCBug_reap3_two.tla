------------------------------ MODULE MCBug_reap3_two ------------------------------
(* Mutant reap3_two on the TwoWaiters world: see MCBug_reap3_two.cfg. *)
EXTENDS MCTwoWaiters
=============================================================================
