--------------------------- MODULE MCBug_Minix_ignore_new_parent ---------------------------
(* Mutant ignore_new_parent of impl/minix/mutants.ts on the MINIX PM model. *)
EXTENDS MinixPM
=============================================================================
