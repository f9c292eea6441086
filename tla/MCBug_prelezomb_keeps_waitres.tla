----------------------- MODULE MCBug_prelezomb_keeps_waitres -----------------------
(* Mutant prelezomb_keeps_waitres on the Wnowait world: see its .cfg. *)
EXTENDS MCWnowait
=============================================================================
