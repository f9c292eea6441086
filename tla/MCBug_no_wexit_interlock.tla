------------------------------ MODULE MCBug_no_wexit_interlock ------------------------------
(* Mutant no_wexit_interlock on the TwoExits world: see MCBug_no_wexit_interlock.cfg. *)
EXTENDS MCTwoExits
=============================================================================
