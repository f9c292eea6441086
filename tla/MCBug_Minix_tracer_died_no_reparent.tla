--------------------------- MODULE MCBug_Minix_tracer_died_no_reparent ---------------------------
(* Mutant tracer_died_no_reparent of impl/minix/mutants.ts on the MINIX PM model. *)
EXTENDS MinixPM
=============================================================================
