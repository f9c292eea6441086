------------------------------ MODULE MCBug_reparent_no_child_token ------------------------------
(* Mutant reparent_no_child_token on the Reparent world: see MCBug_reparent_no_child_token.cfg. *)
EXTENDS MCReparent
=============================================================================
