------------------------------ MODULE MCBug_no_nthreads_wakeup ------------------------------
(* Mutant no_nthreads_wakeup on the Basic world: see MCBug_no_nthreads_wakeup.cfg. *)
EXTENDS MCBasic
=============================================================================
