---------------------- MODULE MCLiveBug_no_nthreads_wakeup ----------------------
(* Liveness of the no_nthreads_wakeup mutant (Basic world), deadlock      *)
(* checking off: killlwps never sees p_nthreads = 1.                       *)
EXTENDS MCBasic
=============================================================================
