------------------------------ MODULE MCBug_no_ksignal_token_only ------------------------------
(* Mutant no_ksignal_token_only on the Basic world: see MCBug_no_ksignal_token_only.cfg. *)
EXTENDS MCBasic
=============================================================================
