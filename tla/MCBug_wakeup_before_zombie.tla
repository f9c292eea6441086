------------------------------ MODULE MCBug_wakeup_before_zombie ------------------------------
(* Mutant wakeup_before_zombie on the Basic world: see MCBug_wakeup_before_zombie.cfg. *)
EXTENDS MCBasic
=============================================================================
