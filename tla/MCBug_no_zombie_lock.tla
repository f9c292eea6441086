------------------------------ MODULE MCBug_no_zombie_lock ------------------------------
(* Mutant no_zombie_lock on the TwoWaiters world: see MCBug_no_zombie_lock.cfg. *)
EXTENDS MCTwoWaiters
=============================================================================
