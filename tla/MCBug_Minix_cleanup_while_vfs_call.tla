--------------------------- MODULE MCBug_Minix_cleanup_while_vfs_call ---------------------------
(* Mutant cleanup_while_vfs_call of impl/minix/mutants.ts on the MINIX PM model. *)
EXTENDS MinixPM
=============================================================================
