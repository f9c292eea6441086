------------------------------ MODULE MCBug_no_lwphold ------------------------------
(* Mutant no_lwphold on the TwoExits world: see MCBug_no_lwphold.cfg. *)
EXTENDS MCTwoExits
=============================================================================
