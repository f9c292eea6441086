------------------------------ MODULE MCBug_no_pwaitres ------------------------------
(* Mutant no_pwaitres on the TwoWaiters world: see MCBug_no_pwaitres.cfg. *)
EXTENDS MCTwoWaiters
=============================================================================
