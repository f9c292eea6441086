------------------------------ MODULE MCBug_early_lwp_prele ------------------------------
(* Mutant early_lwp_prele on the Basic world: see MCBug_early_lwp_prele.cfg. *)
EXTENDS MCBasic
=============================================================================
