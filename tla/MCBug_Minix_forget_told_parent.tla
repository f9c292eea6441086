--------------------------- MODULE MCBug_Minix_forget_told_parent ---------------------------
(* Mutant forget_told_parent of impl/minix/mutants.ts on the MINIX PM model. *)
EXTENDS MinixPM
=============================================================================
